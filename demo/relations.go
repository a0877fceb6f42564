package demo

import (
	"context"
	"fmt"
	"strings"

	"crosscase"
)

// loadRelations ties the Italy–Albania network's people to its three
// groups, its phones to their users and its companies to their directors,
// so that the case's link chart shows the network (README, "Link chart").
func loadRelations(sys context.Context, svc crosscase.Services, bundles []*crosscase.CaseBundle) error {
	u, err := svc.Users.FindUserByName(sys, deskUsers()["IT"])
	if err != nil {
		return fmt.Errorf("demo user of IT: %w", err)
	}
	it := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "local", Reason: "demo data"})
	italy := bundles[0]
	entities, err := svc.Entities.FindEntities(it, italy.Case.ID)
	if err != nil {
		return err
	}
	var people, groups, phones, companies []*crosscase.Entity
	for _, e := range entities {
		switch e.Kind {
		case crosscase.KindPerson:
			people = append(people, e)
		case crosscase.KindOCG:
			groups = append(groups, e)
		case crosscase.KindPhone:
			phones = append(phones, e)
		case crosscase.KindCompany:
			companies = append(companies, e)
		}
	}
	var rels []*crosscase.Relation
	// Each person joins the group their notes name ("Durrës group. Courier
	// …", "Alleged head of the Bari group."), at most six a group so that
	// the chart stays readable.
	members := map[int64]int{}
	for _, p := range people {
		for _, g := range groups {
			name, _, _ := strings.Cut(g.Name, " (") // "Durrës group (Albanian OCG: …)"
			if strings.Contains(p.Notes, name) && members[g.ID] < 6 {
				members[g.ID]++
				rels = append(rels, &crosscase.Relation{FromID: p.ID, ToID: g.ID, Kind: crosscase.RelationMemberOf})
				break
			}
		}
	}
	for i, ph := range phones {
		if i < len(people) {
			rels = append(rels, &crosscase.Relation{FromID: people[i].ID, ToID: ph.ID, Kind: crosscase.RelationUsesPhone})
		}
	}
	for i, c := range companies {
		if len(people) > i+1 {
			rels = append(rels, &crosscase.Relation{FromID: people[len(people)-1-i].ID, ToID: c.ID, Kind: crosscase.RelationDirectorOf})
		}
	}
	for _, r := range rels {
		r.CaseID = italy.Case.ID
		if err := svc.Relations.CreateRelation(it, r); err != nil {
			return fmt.Errorf("relation in %q: %w", italy.Case.Title, err)
		}
	}
	return nil
}

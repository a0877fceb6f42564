package demo

import (
	"context"
	"fmt"
	"strings"

	"crosscase"
)

// loadRelations ties the Italy–Albania network's people to its three
// groups, its phones to their users, its companies to their directors and
// its accounts, flats and cars to who holds, lives in or owns them, so
// that the case's link chart shows the network (README, "Link chart").
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
	var people, groups, phones, companies, held []*crosscase.Entity
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
		case crosscase.KindIBAN, crosscase.KindAddress, crosscase.KindVehicle:
			held = append(held, e)
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
	// The accounts, flats and cars seized on the action day: each held,
	// lived in or owned by a person of its country, the Albanian
	// companies' accounts by the companies.
	byCountry := map[string][]*crosscase.Entity{}
	for _, p := range people {
		byCountry[p.Nationality] = append(byCountry[p.Nationality], p)
	}
	next := map[string]int{}
	for _, e := range held {
		kind := map[crosscase.EntityKind]crosscase.RelationKind{crosscase.KindIBAN: crosscase.RelationHolds,
			crosscase.KindAddress: crosscase.RelationLivesAt, crosscase.KindVehicle: crosscase.RelationOwns}[e.Kind]
		owners := byCountry[e.Country]
		if e.Kind == crosscase.KindIBAN && e.Country == "AL" {
			owners = nil
			for _, c := range companies {
				if c.Country == "AL" {
					owners = append(owners, c)
				}
			}
		}
		if len(owners) == 0 {
			continue
		}
		owner := owners[next[e.Country+string(e.Kind)]%len(owners)]
		next[e.Country+string(e.Kind)]++
		rels = append(rels, &crosscase.Relation{FromID: owner.ID, ToID: e.ID, Kind: kind})
	}
	for _, r := range rels {
		r.CaseID = italy.Case.ID
		if err := svc.Relations.CreateRelation(it, r); err != nil {
			return fmt.Errorf("relation in %q: %w", italy.Case.Title, err)
		}
	}
	return nil
}

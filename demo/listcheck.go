package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"crosscase"
)

// loadListCheck checks, as the Polish desk, a short list of the drivers
// and managers of a haulage company under investigation in Poland (the
// bulk check, README "Cross-case matching"). One of them is a suspect of
// a French case, which Poland may not see: Poland is shown the owner
// desk, the score and the fields, and the French desk opens the demo
// with a list check hit telling it so. The check runs on
// the live match index (svc.Lists, which hits.Wrap sets); a store loaded
// without it has no list check hit.
func loadListCheck(sys context.Context, svc crosscase.Services, bundles []*crosscase.CaseBundle) error {
	if svc.Lists == nil {
		return nil
	}
	var suspect *crosscase.Entity
	for _, b := range bundles {
		if b.Case.OwnerCountry != "FR" || slices.Contains(b.Case.AskedCountries, "PL") {
			continue
		}
		for _, e := range b.Entities {
			if suspect == nil && e.Kind == crosscase.KindPerson && e.Role == crosscase.RoleSuspect && !e.BirthDate.IsZero() {
				suspect = e
			}
		}
	}
	if suspect == nil {
		return fmt.Errorf("demo list check: no French suspect with a date of birth")
	}
	u, err := svc.Users.FindUserByName(sys, deskUsers()["PL"])
	if err != nil {
		return fmt.Errorf("demo user of PL: %w", err)
	}
	pl := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "local", Reason: "demo data"})
	list := []crosscase.ListRecord{
		// As a Polish register writes him: the family name in capitals.
		{Kind: crosscase.KindPerson, GivenName: suspect.GivenName, FamilyName: strings.ToUpper(suspect.FamilyName), BirthDate: suspect.BirthDate},
		{Kind: crosscase.KindPerson, GivenName: "Zbigniew", FamilyName: "Wiśniewski", BirthDate: crosscase.Date{Year: 1968, Month: 11, Day: 3}},
	}
	found, err := svc.Lists.CheckList(pl, list, 1)
	if err != nil {
		return fmt.Errorf("demo list check: %w", err)
	}
	told, err := svc.ListChecks.RecordListCheckHits(pl, found)
	if err != nil {
		return fmt.Errorf("demo list check hits: %w", err)
	}
	if told == 0 {
		return fmt.Errorf("demo list check: the French suspect was not found")
	}
	return svc.Audit.RecordAudit(pl, &crosscase.AuditEntry{Action: crosscase.ActionCheck, ObjectType: "list",
		Detail: fmt.Sprintf("records=%d hits=%d told=%d", len(list), len(found), told)})
}

package demo

import (
	"context"
	"fmt"
	"time"

	"crosscase"
)

// loadRetention records the retention dates of two operations (README,
// "Retention and review"): the Italy–Albania network, with the day its
// prosecution is time-barred in every country concerned and a first
// review that keeps its data, and the gold robbers, whose prosecution is
// time-barred within weeks of the day the demo is loaded, so that the
// Italian desk's retention list has a deletion falling due.
func loadRetention(sys context.Context, svc crosscase.Services, bundles []*crosscase.CaseBundle) error {
	u, err := svc.Users.FindUserByName(sys, deskUsers()["IT"])
	if err != nil {
		return fmt.Errorf("demo user of IT: %w", err)
	}
	it := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "local", Reason: "demo data"})
	italy, gold := bundles[0].Case, bundles[len(bundles)-1].Case
	if _, err := svc.Retention.SetRetentionDates(it, italy.ID, crosscase.RetentionDates{TimeBarredOn: day(2045, time.June, 30)}); err != nil {
		return fmt.Errorf("retention of %q: %w", italy.Title, err)
	}
	if _, err := svc.Retention.ReviewRetention(it, italy.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewKeep,
		Reason: "Trials of the 52 suspects have not begun in Italy or Albania; the coordination of the confiscation proceedings continues."}); err != nil {
		return fmt.Errorf("review of %q: %w", italy.Title, err)
	}
	soon := crosscase.DateOf(time.Now().UTC()).AddDays(45)
	if _, err := svc.Retention.SetRetentionDates(it, gold.ID, crosscase.RetentionDates{TimeBarredOn: soon}); err != nil {
		return fmt.Errorf("retention of %q: %w", gold.Title, err)
	}
	return nil
}

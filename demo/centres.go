package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"crosscase"
)

// The demo's coordination centre (README, Coordination centres (action
// day, live)): the Belgium–Germany–Poland migrant smugglers' action day
// of 13 May 2025, with its measures in various states, so that a new user
// can open its board and watch it. The seven arrests of the day are the
// outcomes of its done arrests (five in Belgium; in Germany the suspect
// and one more person), which become the case's results against the
// operation's action "Action day in Belgium and Germany" — recorded once,
// here, not again by hand.

// demoCentreMeasure is a measure of the demo centre and the states it
// goes through, as the desk of its owner country reports them.
type demoCentreMeasure struct {
	kind    crosscase.MeasureKind
	country string
	place   string
	person  *crosscase.Entity
	local   int // hour, local time on the action day
	states  []crosscase.MeasureState
	outcome crosscase.MeasureOutcome
}

// loadCentres opens the demo centre and plays its measures through the
// services, as the desks' demo users.
func loadCentres(as func(string) (context.Context, error), svc crosscase.Services, bundles []*crosscase.CaseBundle, desks, authorities map[string]int64) error {
	c := bundles[2].Case // the migrant smugglers
	owner, err := as(c.OwnerCountry)
	if err != nil {
		return err
	}
	actionDay := day(2025, time.May, 13)
	actions, err := svc.Results.FindActions(owner, c.ID)
	if err != nil {
		return err
	}
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day in Belgium and Germany", ActionDate: actionDay,
		Zones:    []crosscase.CentreZone{{Country: "BE", Zone: "Europe/Brussels"}, {Country: "DE", Zone: "Europe/Berlin"}, {Country: "PL", Zone: "Europe/Warsaw"}},
		DeskIDs:  []int64{desks["BE"], desks["PL"]},
		Partners: []string{"europol"}}
	for _, a := range actions {
		if a.Date == actionDay {
			centre.ActionID = a.ID
		}
	}
	for _, k := range []string{"de-traunstein", "de-freilassing", "be-wvl-ppo", "be-wvl-fjp", "pl-katowice-npo"} {
		if id, ok := authorities[k]; ok {
			centre.AuthorityIDs = append(centre.AuthorityIDs, id)
		}
	}
	if err := svc.Centres.CreateCentre(owner, centre); err != nil {
		return fmt.Errorf("demo centre: %w", err)
	}
	ents, err := svc.Entities.FindEntities(owner, c.ID)
	if err != nil {
		return err
	}
	var inBE []*crosscase.Entity
	var inDE *crosscase.Entity
	for _, e := range ents {
		switch {
		case e.Kind != crosscase.KindPerson:
		case strings.HasPrefix(e.Notes, "Based in Belgium"):
			inBE = append(inBE, e)
		case strings.HasPrefix(e.Notes, "Arrested in Germany"):
			inDE = e
		}
	}
	if len(inBE) != 5 || inDE == nil {
		return fmt.Errorf("demo centre: the case's suspects in Belgium and Germany are missing")
	}
	done := []crosscase.MeasureState{crosscase.MeasureUnderWay, crosscase.MeasureDone}
	towns := []string{"Bruges", "Ostend", "Kortrijk", "Ghent", "Roeselare"}
	var measures []demoCentreMeasure
	for i, p := range inBE {
		measures = append(measures, demoCentreMeasure{kind: crosscase.MeasureArrest, country: "BE", place: towns[i], person: p, local: 6, states: done})
	}
	measures = append(measures,
		demoCentreMeasure{kind: crosscase.MeasureArrest, country: "DE", place: "Freilassing", person: inDE, local: 6, states: done,
			outcome: crosscase.MeasureOutcome{Arrests: 1}},
		demoCentreMeasure{kind: crosscase.MeasureSearch, country: "BE", place: "Storage unit, port of Zeebrugge", local: 7,
			states: []crosscase.MeasureState{crosscase.MeasureUnderWay, crosscase.MeasureNotFound}},
		demoCentreMeasure{kind: crosscase.MeasureSearch, country: "DE", place: "Flat of the arrested suspect, Freilassing", local: 9,
			states: []crosscase.MeasureState{crosscase.MeasureUnderWay}},
		demoCentreMeasure{kind: crosscase.MeasureFreezing, country: "PL", place: "Account of the transport company, Katowice", local: 10,
			states: []crosscase.MeasureState{crosscase.MeasurePostponed}},
		demoCentreMeasure{kind: crosscase.MeasureSeizure, country: "BE", place: "Vans used for the transports, Bruges", local: 11},
	)
	for _, dm := range measures {
		zone := centre.Zone(dm.country)
		m := &crosscase.Measure{CentreID: centre.ID, Kind: dm.kind, Country: dm.country, Place: dm.place,
			PlannedAt: time.Date(actionDay.Year, actionDay.Month, actionDay.Day, dm.local, 0, 0, 0, zone)}
		if dm.person != nil {
			m.EntityID = dm.person.ID
		}
		if err := svc.Centres.CreateMeasure(owner, m); err != nil {
			return fmt.Errorf("demo measure %s in %s: %w", dm.kind, dm.country, err)
		}
		reporter, err := as(dm.country)
		if err != nil {
			return err
		}
		for _, st := range dm.states {
			mv := crosscase.MeasureMove{Version: m.Version, State: st}
			if st == crosscase.MeasureDone {
				mv.Outcome = dm.outcome
			}
			if m, err = svc.Centres.MoveMeasure(reporter, m.ID, mv); err != nil {
				return fmt.Errorf("demo measure %s in %s to %s: %w", dm.kind, dm.country, st, err)
			}
		}
	}
	pl, err := as("PL")
	if err != nil {
		return err
	}
	if _, err := svc.Centres.PostCentreMessage(pl, centre.ID, "The freezing of the transport company's account waits for the Katowice court's order; postponed to the afternoon."); err != nil {
		return fmt.Errorf("demo centre message: %w", err)
	}
	return nil
}

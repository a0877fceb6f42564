package demo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"crosscase"
)

// The demo's coordination centres (README, Coordination centres (action
// day, live)). The Belgium–Germany–Poland migrant smugglers' action day
// of 13 May 2025 is open, with its measures in various states, so that a
// new user can open its board and watch it: the seven arrests of the day
// are the outcomes of its done arrests (five in Belgium, one of them the
// execution of Germany's European Arrest Warrant; in Germany the suspect
// and one more person). The Italy–Albania action day is closed:
// its 52 arrests and the seizures in both countries are the outcomes of
// its measures, some reported by the Albanian police officer of the JIT,
// invited to the centre. Either way the outcomes become the case's
// results against the operation's action once, here, not again by hand.
// Each change is logged at its time on the action day, in the order of
// those times: the demo, a trusted loader, gives every change's input its
// LoggedAt (the centre's, a measure's, a move's, a message's, the close's;
// README, Coordination centres (action day, live)). The centre opens early
// in the morning, the measures are planned, then their states change as
// the day went.

// demoCentreMeasure is a measure of the demo centre and the states it
// goes through, as the desk of its owner country reports them.
type demoCentreMeasure struct {
	kind    crosscase.MeasureKind
	country string
	place   string
	person  *crosscase.Entity
	// instrument is the arrest warrant or EIO an execution executes.
	instrument int64
	local      int // hour, local time on the action day
	states     []crosscase.MeasureState
	outcome    crosscase.MeasureOutcome
}

// demoMove is a change of state of the i-th measure planned, at its time
// on the action day, by its reporter.
type demoMove struct {
	at      time.Time
	i       int
	state   crosscase.MeasureState
	outcome crosscase.MeasureOutcome
	by      context.Context
}

// playMoves changes the states of ms in the order of the moves' times,
// each logged at its time (a done move carries its outcome).
func playMoves(svc crosscase.Services, ms []*crosscase.Measure, moves []demoMove) error {
	sort.SliceStable(moves, func(a, b int) bool { return moves[a].at.Before(moves[b].at) })
	for _, mv := range moves {
		m := ms[mv.i]
		next := crosscase.MeasureMove{Version: m.Version, State: mv.state, LoggedAt: mv.at}
		if mv.state == crosscase.MeasureDone {
			next.Outcome = mv.outcome
		}
		moved, err := svc.Centres.MoveMeasure(mv.by, m.ID, next)
		if err != nil {
			return fmt.Errorf("demo measure %s in %s to %s: %w", m.Kind, m.Country, mv.state, err)
		}
		ms[mv.i] = moved
	}
	return nil
}

// loadCentres opens the demo centres and plays their measures through
// the services, as the desks' demo users.
func loadCentres(as func(string) (context.Context, error), svc crosscase.Services, bundles []*crosscase.CaseBundle, desks, authorities map[string]int64) error {
	if err := loadItalyAlbaniaCentre(as, svc, bundles, desks, authorities); err != nil {
		return err
	}
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
	// Local time on the action day (Brussels, Berlin and Warsaw share it).
	local := func(h, m int) time.Time {
		return time.Date(actionDay.Year, actionDay.Month, actionDay.Day, h, m, 0, 0, centre.Zone("BE"))
	}
	centre.LoggedAt = local(5, 0)
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
	ins, err := svc.Instruments.FindInstruments(owner, c.ID)
	if err != nil {
		return err
	}
	var measures []demoCentreMeasure
	for i, p := range inBE {
		dm := demoCentreMeasure{kind: crosscase.MeasureArrest, country: "BE", place: towns[i], person: p, local: 6, states: done}
		for _, in := range ins {
			if in.Type == crosscase.InstrumentEAW && in.EntityID == p.ID {
				// Germany's warrant for this suspect, executed in Belgium.
				dm.kind, dm.person, dm.instrument = crosscase.MeasureExecution, nil, in.ID
			}
		}
		measures = append(measures, dm)
	}
	if measures[0].kind != crosscase.MeasureExecution {
		return fmt.Errorf("demo centre: Germany's arrest warrant for a suspect in Belgium is missing")
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
	// The plan, before dawn; then the day: a measure goes under way at
	// its planned time (the arrests a few minutes apart) and ends later.
	var ms []*crosscase.Measure
	var moves []demoMove
	for i, dm := range measures {
		zone := centre.Zone(dm.country)
		m := &crosscase.Measure{CentreID: centre.ID, Kind: dm.kind, Country: dm.country, Place: dm.place,
			PlannedAt: time.Date(actionDay.Year, actionDay.Month, actionDay.Day, dm.local, 0, 0, 0, zone)}
		if dm.person != nil {
			m.EntityID = dm.person.ID
		}
		m.InstrumentID = dm.instrument
		m.LoggedAt = local(5, 5+2*i)
		if err := svc.Centres.CreateMeasure(owner, m); err != nil {
			return fmt.Errorf("demo measure %s in %s: %w", dm.kind, dm.country, err)
		}
		ms = append(ms, m)
		reporter, err := as(dm.country)
		if err != nil {
			return err
		}
		when := m.PlannedAt.Add(time.Duration(3*i) * time.Minute)
		for k, st := range dm.states {
			moves = append(moves, demoMove{at: when.Add(time.Duration(40*k) * time.Minute), i: i, state: st, outcome: dm.outcome, by: reporter})
		}
	}
	if err := playMoves(svc, ms, moves); err != nil {
		return err
	}
	pl, err := as("PL")
	if err != nil {
		return err
	}
	msg := crosscase.CentreMessage{Text: "The freezing of the transport company's account waits for the Katowice court's order; postponed to the afternoon.", LoggedAt: local(10, 50)}
	if _, err := svc.Centres.PostCentreMessage(pl, centre.ID, msg); err != nil {
		return fmt.Errorf("demo centre message: %w", err)
	}
	return nil
}

// loadItalyAlbaniaCentre runs the Italy–Albania joint action day as a
// centre and closes it.
func loadItalyAlbaniaCentre(as func(string) (context.Context, error), svc crosscase.Services, bundles []*crosscase.CaseBundle, desks, authorities map[string]int64) error {
	c := bundles[0].Case
	owner, err := as(c.OwnerCountry)
	if err != nil {
		return err
	}
	al, err := as("AL")
	if err != nil {
		return err
	}
	officer, err := svc.Users.FindUserByName(crosscase.SystemContext(context.Background()), "jit.kovacs")
	if err != nil {
		return fmt.Errorf("demo JIT member: %w", err)
	}
	police := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: officer, RemoteAddr: "local", Reason: "demo data"})
	actionDay := day(2025, time.May, 27)
	actions, err := svc.Results.FindActions(owner, c.ID)
	if err != nil {
		return err
	}
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Joint action day Italy–Albania", ActionDate: actionDay,
		Zones:     []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "AL", Zone: "Europe/Tirane"}},
		DeskIDs:   []int64{desks["AL"]},
		MemberIDs: []int64{officer.ID}}
	for _, a := range actions {
		if a.Date == actionDay {
			centre.ActionID = a.ID
		}
	}
	for _, k := range []string{"it-dna", "it-bari-dda", "it-bari-dia", "it-tirana-expert", "al-spak", "al-police"} {
		if id, ok := authorities[k]; ok {
			centre.AuthorityIDs = append(centre.AuthorityIDs, id)
		}
	}
	// Local time on the action day (Rome and Tirana share it).
	local := func(h, m int) time.Time {
		return time.Date(actionDay.Year, actionDay.Month, actionDay.Day, h, m, 0, 0, centre.Zone("IT"))
	}
	centre.LoggedAt = local(2, 30)
	if err := svc.Centres.CreateCentre(owner, centre); err != nil {
		return fmt.Errorf("demo centre Italy–Albania: %w", err)
	}
	ents, err := svc.Entities.FindEntities(owner, c.ID)
	if err != nil {
		return err
	}
	type step struct {
		m  *crosscase.Measure
		by context.Context
	}
	var steps []step
	n := map[string]int{}
	for _, e := range ents {
		if e.Kind != crosscase.KindPerson || (e.Nationality != "IT" && e.Nationality != "AL") {
			continue
		}
		cc := e.Nationality
		place := map[string][]string{"IT": {"Bari", "Brindisi", "Lecce"}, "AL": {"Durrës", "Tirana"}}[cc]
		by := owner
		if cc == "AL" {
			by = al
			if n[cc]%2 == 0 {
				by = police // the JIT's police officer reports half the Albanian arrests
			}
		}
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureArrest, Country: cc, Place: place[n[cc]%len(place)], EntityID: e.ID,
			PlannedAt: time.Date(2025, time.May, 27, 4, n[cc], 0, 0, centre.Zone(cc))}
		n[cc]++
		steps = append(steps, step{m, by})
	}
	if n["IT"] != ItalyAlbaniaSuspects/2 || n["AL"] != ItalyAlbaniaSuspects/2 {
		return fmt.Errorf("demo centre Italy–Albania: %d Italian and %d Albanian suspects, want %d each", n["IT"], n["AL"], ItalyAlbaniaSuspects/2)
	}
	// The seizures: values and quantities not yet known (0), as the
	// release says ("full evaluation pending").
	itSeized := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSeizure, Country: "IT", Place: "Apartments, companies and vehicles in Puglia",
		PlannedAt: time.Date(2025, time.May, 27, 9, 0, 0, 0, centre.Zone("IT"))}
	alSeized := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSeizure, Country: "AL", Place: "Apartments in Durrës",
		PlannedAt: time.Date(2025, time.May, 27, 9, 0, 0, 0, centre.Zone("AL"))}
	steps = append(steps, step{itSeized, owner}, step{alSeized, al})
	outcomes := map[*crosscase.Measure]crosscase.MeasureOutcome{
		itSeized: {Seizures: []crosscase.Seizure{{Type: "real_estate"}, {Type: "companies"}, {Type: "vehicles"}, {Type: "cash"},
			{Type: "drugs", Substance: "cocaine", Unit: "kg"}, {Type: "drugs", Substance: "heroin", Unit: "kg"}}},
		alSeized: {Seizures: []crosscase.Seizure{{Type: "real_estate"}}},
	}
	// The plan from 03:00, a measure every 20 seconds; each arrest goes
	// under way at its planned time and is done 25 minutes later, the
	// seizures at 09:00 and 11:30.
	var ms []*crosscase.Measure
	var moves []demoMove
	for i, st := range steps {
		st.m.LoggedAt = local(3, 0).Add(time.Duration(20*i) * time.Second)
		if err := svc.Centres.CreateMeasure(owner, st.m); err != nil {
			return fmt.Errorf("demo measure in %s: %w", st.m.Country, err)
		}
		ms = append(ms, st.m)
		done := 25 * time.Minute
		if st.m.Kind == crosscase.MeasureSeizure {
			done = 150 * time.Minute
		}
		moves = append(moves, demoMove{at: st.m.PlannedAt, i: i, state: crosscase.MeasureUnderWay, by: st.by},
			demoMove{at: st.m.PlannedAt.Add(done), i: i, state: crosscase.MeasureDone, outcome: outcomes[st.m], by: st.by})
	}
	if err := playMoves(svc, ms, moves); err != nil {
		return err
	}
	msg := crosscase.CentreMessage{Text: "All 26 suspects in Albania arrested; mutual legal assistance requests executed with the agency's help.", LoggedAt: local(11, 45)}
	if _, err := svc.Centres.PostCentreMessage(al, centre.ID, msg); err != nil {
		return err
	}
	b, err := svc.Centres.FindCentre(owner, centre.ID)
	if err != nil {
		return err
	}
	_, err = svc.Centres.CloseCentre(owner, centre.ID, crosscase.CentreClose{Version: b.Centre.Version, LoggedAt: local(18, 0)})
	return err
}

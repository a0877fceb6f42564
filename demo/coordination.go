package demo

import (
	"context"
	"fmt"
	"time"

	"crosscase"
)

// The coordination records of the demo operations: meetings, action days
// and results as the press releases report them (counts, dates and
// seizures with their real figures). Where a release gives a figure for
// several countries together, the split is noted on the result; where it
// gives no figure ("large amounts of cash"), the quantity and value are 0,
// which the system reads as "not known". Meetings are the ones the
// releases mention, with agendas and outcomes written from them.

// demoMeeting is a meeting of an operation.
type demoMeeting struct {
	at       time.Time
	desks    []string // countries of the desks taking part
	auth     []string // authority keys
	partners []string
	agenda   string
	outcome  string
}

// demoResult is a result of an operation, reported by the desk of by
// (the owner's when "").
type demoResult struct {
	action string // name of the operation's action, "" for the case
	by     string
	crosscase.Result
}

// demoOperation is the coordination record of one demo operation; case
// is its index in Operations.
type demoOperation struct {
	caseIndex int
	meetings  []demoMeeting
	actions   []crosscase.Action
	results   []demoResult
}

func at(y int, m time.Month, d, hour int) time.Time {
	return time.Date(y, m, d, hour, 0, 0, 0, time.UTC)
}

func count(kind crosscase.ResultKind, country string, on crosscase.Date, n int64, notes string) crosscase.Result {
	return crosscase.Result{Kind: kind, Country: country, Date: on, Count: n, Notes: notes}
}

func seizure(typ, substance string, qty float64, unit, measure, country string, on crosscase.Date, eur int64, notes string) crosscase.Result {
	return crosscase.Result{Kind: crosscase.ResultSeizure, SeizureType: typ, Substance: substance, Quantity: qty, Unit: unit,
		Measure: measure, Country: country, Date: on, ValueEUR: eur, Notes: notes}
}

// operationRecords returns the meetings, actions and results of the demo
// operations.
func operationRecords() []demoOperation {
	const (
		arrest  = crosscase.ResultArrest
		search  = crosscase.ResultSearch
		interro = crosscase.ResultInterrogation
	)
	// Italy–Albania: the release is undated; the action day is placed in
	// the spring of 2025 with the other releases.
	iaDay := day(2025, time.May, 27)
	ppDay := day(2025, time.May, 20)
	msPL, msBEDE := day(2025, time.May, 6), day(2025, time.May, 13)
	ctFirst, ctSecond := day(2022, time.September, 6), day(2025, time.May, 13)
	fumFreeze, fumArrest := day(2024, time.June, 1), day(2025, time.April, 28)
	grFirst, grSecond := day(2024, time.November, 15), day(2025, time.April, 24)
	return []demoOperation{
		{caseIndex: 0,
			meetings: []demoMeeting{{at: at(2025, time.May, 6, 10), desks: []string{"AL"}, auth: []string{"it-bari-dda", "it-dna", "al-spak"},
				agenda:  "Preparation of the joint action day of the JIT; mutual legal assistance requests to be executed on the day.",
				outcome: "Action day fixed; the agency to assist with the execution of MLA requests during the action day."}},
			actions: []crosscase.Action{{Date: iaDay, Name: "Joint action day Italy–Albania"}},
			// The 52 arrests and the seizures of the action day are the
			// outcomes of the demo coordination centre's measures (centres.go).
		},
		{caseIndex: 1,
			actions: []crosscase.Action{{Date: ppDay, Name: "Operation Prison Break"}},
			results: []demoResult{
				{"Operation Prison Break", "", count(search, "FR", ppDay, 500, "Nearly 500 cells searched in 66 prisons.")},
				{"Operation Prison Break", "", seizure("devices", "", 5000, "items", "seized", "FR", ppDay, 0, "All some 5 000 active devices targeted; the market website taken down.")},
			}},
		{caseIndex: 2,
			meetings: []demoMeeting{{at: at(2024, time.November, 20, 10), desks: []string{"BE", "PL"}, auth: []string{"de-traunstein", "be-wvl-ppo", "pl-katowice-npo"},
				partners: []string{"europol"}, agenda: "Exchange of information; joint judicial strategy; planning of the action days.",
				outcome: "Joint judicial strategy agreed; Europol to deploy investigators and experts on the action days."}},
			actions: []crosscase.Action{{Date: msPL, Name: "Action day in Poland"}, {Date: msBEDE, Name: "Action day in Belgium and Germany"}},
			results: []demoResult{
				{"Action day in Poland", "PL", count(arrest, "PL", msPL, 10, "Ten suspected members arrested earlier in May.")},
				{"Action day in Poland", "PL", seizure("other", "", 0, "", "seized", "PL", msPL, 0, "Several criminal assets seized.")},
				// The seven arrests of 13 May are the outcomes of the demo
				// coordination centre's measures (centres.go).
			}},
		{caseIndex: 3,
			meetings: []demoMeeting{
				{at: at(2025, time.April, 10, 10), desks: []string{"LU"}, auth: []string{"be-federal"},
					agenda: "Cooperation and exchange of information on the NSPA procurement investigations.", outcome: "Information exchanged; further meetings planned."},
				{at: at(2025, time.May, 6, 14), desks: []string{"LU"}, auth: []string{"be-federal"},
					agenda: "Preparation of the coordination centre of 13 May.", outcome: "Coordination centre set up for 13 May 2025."},
			},
			actions: []crosscase.Action{{Date: day(2025, time.May, 13), Name: "Coordination centre"}}},
		{caseIndex: 4,
			meetings: []demoMeeting{{at: at(2025, time.March, 18, 10), desks: []string{"AL", "CY", "GB"}, auth: []string{"de-itzehoe", "cy-ago", "al-spak", "gb-nca"},
				partners: []string{"europol"}, agenda: "Judicial cooperation requests and the second action day; Europol mobile offices.",
				outcome: "Action day fixed for 13 May; the agency to coordinate it from The Hague; Europol to deploy mobile offices in Israel, Albania and the United Kingdom."}},
			actions: []crosscase.Action{{Date: ctFirst, Name: "First action day"}, {Date: ctSecond, Name: "Second action day"}},
			results: []demoResult{
				{"First action day", "", count(search, "BE", ctFirst, 1, "Multiple locations searched in Belgium and Latvia.")},
				{"First action day", "", count(search, "LV", ctFirst, 1, "Multiple locations searched in Belgium and Latvia.")},
				{"First action day", "", count(arrest, "BE", ctFirst, 1, "Two suspects arrested on the first action day.")},
				{"First action day", "", count(arrest, "LV", ctFirst, 1, "Two suspects arrested on the first action day.")},
				{"Second action day", "AL", count(search, "AL", ctSecond, 3, "Eight simultaneous searches in Albania, Cyprus and Israel; the release does not split them.")},
				{"Second action day", "CY", count(search, "CY", ctSecond, 3, "Eight simultaneous searches in Albania, Cyprus and Israel; the release does not split them.")},
				{"Second action day", "", count(search, "IL", ctSecond, 2, "Eight simultaneous searches in Albania, Cyprus and Israel; the release does not split them.")},
				{"Second action day", "", count(interro, "IL", ctSecond, 6, "Six interrogations executed during the searches.")},
				{"Second action day", "CY", count(arrest, "CY", ctSecond, 1, "Arrested with a view to surrender or extradition to Germany.")},
				{"Second action day", "", seizure("devices", "", 0, "", "seized", "CY", ctSecond, 0, "Electronic devices.")},
				{"Second action day", "", seizure("documents", "", 0, "", "seized", "CY", ctSecond, 0, "Documents.")},
				{"Second action day", "", seizure("cash", "", 0, "", "seized", "CY", ctSecond, 0, "Cash.")},
			}},
		{caseIndex: 5,
			meetings: []demoMeeting{{at: at(2025, time.April, 2, 10), desks: []string{"UA"}, auth: []string{"fr-junalco", "ua-pgo", "mc-pgo"},
				agenda: "JIT France–Ukraine–Monaco: judicial strategy and exchange of information.", outcome: "Arrest in Monaco prepared; joint questioning within the JIT agreed."}},
			actions: []crosscase.Action{{Date: fumArrest, Name: "Arrest in Monaco"}},
			results: []demoResult{
				{"", "", seizure("other", "", 0, "", "frozen", "FR", fumFreeze, 57_000_000, "Assets frozen soon after the money laundering investigation opened, to be returned to Ukraine.")},
				{"Arrest in Monaco", "", count(arrest, "MC", fumArrest, 1, "The son arrested in Monaco.")},
				{"Arrest in Monaco", "", count(interro, "MC", fumArrest, 1, "Questioned by the French, Ukrainian and Monegasque authorities within the JIT.")},
				{"Arrest in Monaco", "", seizure("documents", "", 0, "", "seized", "MC", fumArrest, 0, "Documents of value to the investigation.")},
			}},
		{caseIndex: 6,
			actions: []crosscase.Action{{Date: grFirst, Name: "Arrests after an attempted robbery"}, {Date: grSecond, Name: "Arrests in Romania"}},
			results: []demoResult{
				{"Arrests after an attempted robbery", "", count(arrest, "IT", grFirst, 2, "Two suspects arrested hours after an attempted robbery (the release gives no date).")},
				{"Arrests after an attempted robbery", "", seizure("other", "", 0, "", "seized", "IT", grFirst, 200_000, "Stolen gold, silver and brass retrieved.")},
				{"Arrests in Romania", "RO", count(arrest, "RO", grSecond, 4, "Four suspects arrested on European Arrest Warrants.")},
				{"Arrests in Romania", "RO", count(search, "RO", grSecond, 1, "Searches for evidence.")},
			}},
	}
}

// deskUsers maps a desk's country to the demo user who acts for it.
func deskUsers() map[string]string {
	out := map[string]string{}
	for _, u := range demoUsers() {
		if u.country != "" && u.role.WorksCases() {
			if _, ok := out[u.country]; !ok {
				out[u.country] = u.name
			}
		}
	}
	return out
}

// loadCoordination records the meetings, actions and results of the
// imported operations and the demo notices, each through the services as
// the desk's demo user, so that need to know and the audit log apply as
// for anyone. sys carries the system actor.
func loadCoordination(sys context.Context, svc crosscase.Services, bundles []*crosscase.CaseBundle, desks, authorities map[string]int64) error {
	users := deskUsers()
	as := func(country string) (context.Context, error) {
		u, err := svc.Users.FindUserByName(sys, users[country])
		if err != nil {
			return nil, fmt.Errorf("demo user of %s: %w", country, err)
		}
		return crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "local", Reason: "demo data"}), nil
	}
	for _, op := range operationRecords() {
		c := bundles[op.caseIndex].Case
		owner, err := as(c.OwnerCountry)
		if err != nil {
			return err
		}
		for _, dm := range op.meetings {
			m := &crosscase.Meeting{CaseID: c.ID, StartsAt: dm.at, Partners: dm.partners, Agenda: dm.agenda, Outcome: dm.outcome}
			for _, code := range dm.desks {
				m.DeskIDs = append(m.DeskIDs, desks[code])
			}
			for _, k := range dm.auth {
				if id, ok := authorities[k]; ok {
					m.AuthorityIDs = append(m.AuthorityIDs, id)
				}
			}
			if err := svc.Meetings.CreateMeeting(owner, m); err != nil {
				return fmt.Errorf("meeting of %q: %w", c.Title, err)
			}
		}
		actions := map[string]int64{}
		for _, a := range op.actions {
			a.CaseID = c.ID
			if err := svc.Results.CreateAction(owner, &a); err != nil {
				return fmt.Errorf("action %q: %w", a.Name, err)
			}
			actions[a.Name] = a.ID
		}
		for _, dr := range op.results {
			r := dr.Result
			r.CaseID, r.ActionID = c.ID, actions[dr.action]
			ctx := owner
			if dr.by != "" {
				if ctx, err = as(dr.by); err != nil {
					return err
				}
			}
			if err := svc.Results.CreateResult(ctx, &r); err != nil {
				return fmt.Errorf("result %s %s of %q: %w", r.Kind, r.Country, c.Title, err)
			}
		}
	}
	if err := loadCentres(as, svc, bundles, desks, authorities); err != nil {
		return err
	}
	return loadNotices(as, svc, desks)
}

// loadNotices sends the demo notices: the French desk's technical details
// of the prison phones to every desk (as in the release of 20 May 2025),
// and a German notice with personal data to the desks of Belgium and
// Poland.
func loadNotices(as func(string) (context.Context, error), svc crosscase.Services, desks map[string]int64) error {
	fr, err := as("FR")
	if err != nil {
		return err
	}
	spec := []byte(`Technical specifications (summary) - undetectable mobile phone used in prisons

Size: smaller than a lighter; few metal parts; passes walk-through metal detectors and security gates.
Settings: no screen lighting, vibration off, can be configured to avoid detection by cell scanners.
Sale: online marketplaces worldwide; the market website was taken down on 20 May 2025.
Found: about 5 000 active devices in 66 French prisons.
`)
	n := &crosscase.Notice{Subject: "Undetectable phones used in prisons: technical specifications",
		Body:  "Following Operation Prison Break (20 May 2025), the prosecutor of the Paris Judicial Court (JUNALCO) shares the technical specifications of a new device that prisoners use to communicate with the outside world. It is small, has few metal parts and passes security gates undetected; it is sold worldwide through online marketplaces.\n\nPlease share this information with your national authorities so that they can check whether the devices are used in your prisons, and acknowledge receipt.",
		ToAll: true}
	if err := svc.Notices.SendNotice(fr, n, []crosscase.NoticeFile{{Name: "device-specifications.txt", ContentType: "text/plain; charset=utf-8", Content: spec}}); err != nil {
		return fmt.Errorf("notice on prison phones: %w", err)
	}
	for _, code := range []string{"IT", "AL", "DE", "BE"} {
		ctx, err := as(code)
		if err != nil {
			return err
		}
		if err := svc.Notices.AcknowledgeNotice(ctx, n.ID); err != nil {
			return fmt.Errorf("acknowledge as %s: %w", code, err)
		}
	}
	de, err := as("DE")
	if err != nil {
		return err
	}
	smugglers := &crosscase.Notice{Subject: "Migrant smuggling on the Balkan route: vans and transport company",
		Body:         "The network used a legitimate Polish transport company and white vans carrying up to 12 people at a time. Plates and the driver's details are in the case file; please check them against your national records.",
		PersonalData: true, RecipientDeskIDs: []int64{desks["BE"], desks["PL"]}}
	if err := svc.Notices.SendNotice(de, smugglers, nil); err != nil {
		return fmt.Errorf("notice on migrant smuggling: %w", err)
	}
	return nil
}

package demo

import (
	"math/rand"
	"time"

	"crosscase"
	"crosscase/refdata"
)

// operationInstruments returns the judicial instruments the press
// releases tell of, for the demo operations imported as bundles (in the
// order of Operations, with their ids set).
func operationInstruments(bundles []*crosscase.CaseBundle, authorities map[string]int64, today crosscase.Date) []*crosscase.Instrument {
	byTitle := func(prefix string) *crosscase.CaseBundle {
		for _, b := range bundles {
			if len(b.Case.Title) >= len(prefix) && b.Case.Title[:len(prefix)] == prefix {
				return b
			}
		}
		return nil
	}
	// suspects returns the entity references (see ImportInstruments) of
	// the case's suspects of a nationality ("" for any).
	suspects := func(b *crosscase.CaseBundle, nationality string) []int64 {
		var out []int64
		for j, e := range b.Entities {
			if e.Kind == crosscase.KindPerson && e.Role == crosscase.RoleSuspect && (nationality == "" || e.Nationality == nationality) {
				out = append(out, -int64(j+1))
			}
		}
		return out
	}
	var out []*crosscase.Instrument
	// Gold robbers: European Arrest Warrants of Arezzo executed in Romania,
	// arrests on 24 April 2025.
	if b := byTitle("Gold robbers"); b != nil {
		ro := suspects(b, "RO")
		for i := 0; i < 4 && i+2 < len(ro); i++ {
			in := &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentEAW, Reference: "MAE 2025/0" + string(rune('1'+i)) + " Arezzo",
				IssuingCountry: "IT", ExecutingCountry: "RO", IssuingAuthorityID: authorities["it-arezzo-ppo"], ExecutingAuthorityID: authorities["ro-galati-ca"],
				EntityID: ro[i+2], IssuedOn: day(2025, time.March, 12), ReceivedOn: day(2025, time.March, 13), ArrestOn: day(2025, time.April, 24)}
			if i == 0 {
				// Consent to surrender: decision within 10 days (Art. 17(2)).
				in.ConsentOn, in.DecisionOn, in.SurrenderOn = day(2025, time.April, 25), day(2025, time.May, 2), day(2025, time.May, 9)
			} else {
				in.DecisionOn, in.SurrenderOn = day(2025, time.May, 27+i%2), day(2025, time.June, 4)
			}
			in.Status = crosscase.StatusSurrendered
			out = append(out, in)
		}
		out = append(out, &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentEIO, Reference: "OEI 2025/112 Arezzo", IssuingCountry: "IT", ExecutingCountry: "RO",
			IssuingAuthorityID: authorities["it-arezzo-ppo"], ExecutingAuthorityID: authorities["ro-dic"], IssuedOn: day(2025, time.March, 20), ReceivedOn: day(2025, time.March, 21),
			AcknowledgedOn: day(2025, time.March, 24), DecisionOn: day(2025, time.April, 10), ExecutionOn: day(2025, time.April, 24), Status: crosscase.StatusExecuted})
		// The investigation goes on, with clocks running today, so that the
		// deadlines show days left and an overdue limit: a fifth member of
		// the group arrested in Romania 54 days ago, its surrender decision
		// due in 6 days (Art. 17(3)); an EIO for the bank records of the
		// fences, received 35 days ago, its recognition 5 days overdue
		// (Directive 2014/41/EU, Art. 12(3)).
		if len(ro) > 1 {
			out = append(out, &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentEAW, Reference: "MAE 2025/09 Arezzo",
				IssuingCountry: "IT", ExecutingCountry: "RO", IssuingAuthorityID: authorities["it-arezzo-ppo"], ExecutingAuthorityID: authorities["ro-galati-ca"],
				EntityID: ro[1], IssuedOn: today.AddDays(-61), ReceivedOn: today.AddDays(-60), ArrestOn: today.AddDays(-54), Status: crosscase.StatusArrested})
		}
		out = append(out, &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentEIO, Reference: "OEI 2025/187 Arezzo", IssuingCountry: "IT", ExecutingCountry: "RO",
			IssuingAuthorityID: authorities["it-arezzo-ppo"], ExecutingAuthorityID: authorities["ro-dic"], IssuedOn: today.AddDays(-37), ReceivedOn: today.AddDays(-35),
			AcknowledgedOn: today.AddDays(-33), Status: crosscase.StatusAcknowledged})
	}
	// Italy–Albania: mutual legal assistance during the action day.
	if b := byTitle("Italian-Albanian"); b != nil {
		for i, ref := range []string{"RM 1187/2024 DDA Bari", "RM 1187/2024-bis DDA Bari"} {
			out = append(out, &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentMLA, Reference: ref, IssuingCountry: "IT", ExecutingCountry: "AL",
				IssuedOn: day(2024, time.November, 4+i), ReceivedOn: day(2024, time.November, 8+i), DecisionOn: day(2025, time.January, 10), ExecutionOn: day(2025, time.January, 22),
				Status: crosscase.StatusExecuted})
		}
	}
	// Migrant smugglers: arrests in Belgium (EAW of Germany) and evidence
	// from Poland (EIO).
	if b := byTitle("Migrant"); b != nil {
		ps := suspects(b, "BE") // executed at the action day's centre (centres.go)
		eaw := &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentEAW, Reference: "EuHb 401 Js 2211/24", IssuingCountry: "DE", ExecutingCountry: "BE",
			IssuedOn: day(2025, time.April, 30), ReceivedOn: day(2025, time.May, 2), ArrestOn: day(2025, time.May, 13), DecisionOn: day(2025, time.June, 20),
			SurrenderOn: day(2025, time.June, 27), Status: crosscase.StatusSurrendered}
		if len(ps) > 0 {
			eaw.EntityID = ps[0]
		}
		out = append(out, eaw, &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentEIO, Reference: "EEA 401 Js 2211/24-3", IssuingCountry: "DE", ExecutingCountry: "PL",
			IssuedOn: day(2025, time.February, 3), ReceivedOn: day(2025, time.February, 5), AcknowledgedOn: day(2025, time.February, 7), DecisionOn: day(2025, time.March, 20),
			Extensions:  []*crosscase.Extension{{Clock: crosscase.ClockEIORecognition, Days: 20, Reason: "Translation of the seized chat logs needed before deciding.", DeskCountry: "PL"}},
			ExecutionOn: day(2025, time.May, 6), Status: crosscase.StatusExecuted})
	}
	// Cyber-trading: the British fake broker, sought by Germany and
	// surrendered by the United Kingdom (an illustration: the release
	// tells of no surrender). Between a Member State and the United
	// Kingdom a person is surrendered on an arrest warrant under the Trade
	// and Cooperation Agreement (Part Three, Title VII), within its limits:
	// decision 51 days after the arrest (Art. 615(3)), surrender 7 days
	// after the decision (Art. 621(2)).
	if b := byTitle("Cyber-trading"); b != nil {
		if gb := suspects(b, "GB"); len(gb) > 0 {
			out = append(out, &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentSurrenderUK, Reference: "HB 310 Js 4417/22-7", IssuingCountry: "DE", ExecutingCountry: "GB",
				IssuingAuthorityID: authorities["de-itzehoe"], EntityID: gb[0], IssuedOn: day(2025, time.May, 20), ReceivedOn: day(2025, time.May, 21),
				ArrestOn: day(2025, time.June, 3), DecisionOn: day(2025, time.July, 24), SurrenderOn: day(2025, time.July, 31), Status: crosscase.StatusSurrendered})
		}
	}
	// France–Ukraine–Monaco: the son arrested in Monaco on 28 April 2025
	// (Monaco is outside the EU: an extradition request), and assistance
	// with the property in Monaco.
	for _, b := range bundles {
		if b.Case.OwnerCountry != "FR" || len(b.Case.AskedCountries) != 2 || b.Case.AskedCountries[1] != "MC" {
			continue
		}
		// Monaco has no cooperation agreement with the agency: the request
		// names no entity of the case (Regulation (EU) 2018/1727, Art. 56),
		// the person being identified in the request itself.
		ex := &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentExtradition, Reference: "Extr. JUNALCO 2025/17", IssuingCountry: "FR", ExecutingCountry: "MC",
			IssuedOn: day(2025, time.April, 22), ReceivedOn: day(2025, time.April, 23), ArrestOn: day(2025, time.April, 28), Status: crosscase.StatusArrested}
		out = append(out, ex, &crosscase.Instrument{CaseID: b.Case.ID, Type: crosscase.InstrumentMLA, Reference: "DEI JUNALCO 2025/09", IssuingCountry: "FR", ExecutingCountry: "MC",
			IssuedOn: day(2025, time.March, 3), ReceivedOn: day(2025, time.March, 5), DecisionOn: day(2025, time.March, 21), ExecutionOn: day(2025, time.April, 28), Status: crosscase.StatusExecuted})
	}
	return out
}

// referenceCountries returns the reference countries by code, with
// their standing: the scope of each instrument type depends on it.
func referenceCountries() map[string]*crosscase.Country {
	out := map[string]*crosscase.Country{}
	for _, c := range refdata.Countries() {
		out[c.Code] = &c
	}
	return out
}

// syntheticWeight is how often type t is chosen among those that run
// between the two countries.
func syntheticWeight(t crosscase.InstrumentType) int {
	return map[crosscase.InstrumentType]int{crosscase.InstrumentEIO: 8, crosscase.InstrumentEAW: 5, crosscase.InstrumentFreezing: 2, crosscase.InstrumentConfiscation: 1,
		crosscase.InstrumentTransfer: 1, crosscase.InstrumentMLA: 3, crosscase.InstrumentExtradition: 1,
		crosscase.InstrumentSurrenderNOIS: 3, crosscase.InstrumentSurrenderUK: 3}[t]
}

// SyntheticInstruments returns zero to three instruments for bundle b
// (imported, with ids): between the owner and an asked country, of a
// type that runs between them (crosscase.CheckInstrumentScope, with the
// standings of countries): EU instruments between the Member States
// bound by them, arrest warrants under the surrender agreements between
// a Member State and Norway, Iceland or the United Kingdom, mutual legal
// assistance, extradition and transfers of proceedings otherwise; with
// dates from the case's opening to today,
// so that most are completed, some run and a few are overdue.
func SyntheticInstruments(r *rand.Rand, b *crosscase.CaseBundle, countries map[string]*crosscase.Country, now time.Time) []*crosscase.Instrument {
	c := b.Case
	if len(c.AskedCountries) == 0 {
		return nil
	}
	var persons []int64 // entity references, see ImportInstruments
	for j, e := range b.Entities {
		if e.Kind == crosscase.KindPerson && e.Role == crosscase.RoleSuspect {
			persons = append(persons, -int64(j+1))
		}
	}
	today := crosscase.DateOf(now.UTC())
	var out []*crosscase.Instrument
	n := []int{0, 0, 1, 1, 1, 2, 2, 3}[r.Intn(8)]
	for k := 0; k < n; k++ {
		issuing, executing := c.OwnerCountry, c.AskedCountries[r.Intn(len(c.AskedCountries))]
		if r.Intn(4) == 0 {
			issuing, executing = executing, issuing
		}
		if countries[issuing] == nil || countries[executing] == nil {
			continue
		}
		types := crosscase.InstrumentTypesBetween(countries[issuing], countries[executing])
		sum := 0
		for _, t := range types {
			sum += syntheticWeight(t)
		}
		if sum == 0 {
			continue
		}
		x, typ := r.Intn(sum), types[0]
		for _, t := range types {
			if x < syntheticWeight(t) {
				typ = t
				break
			}
			x -= syntheticWeight(t)
		}
		span := int(today.Time().Sub(c.OpenedOn.Time()).Hours()/24) - 3
		if span < 1 {
			continue
		}
		// Half of them recent, so that the deadlines view has a spread.
		age := r.Intn(span)
		if r.Intn(2) == 0 {
			age = r.Intn(min(span, 120))
		}
		in := &crosscase.Instrument{CaseID: c.ID, Type: typ, Reference: syntheticRef(r, typ, issuing), IssuingCountry: issuing, ExecutingCountry: executing,
			IssuedOn: today.AddDays(-age - 2), Status: crosscase.StatusIssued}
		// Only arrest warrants name the person: between Member States, or
		// with Norway, Iceland and the United Kingdom, which have the
		// cooperation agreement personal data needs (Regulation (EU)
		// 2018/1727, Art. 56); an extradition goes to a third country,
		// which may lack it.
		if typ.ArrestWarrant() && len(persons) > 0 {
			in.EntityID = persons[r.Intn(len(persons))]
		}
		progress(r, in, today)
		out = append(out, in)
	}
	return out
}

// progress records the steps an instrument issued on in.IssuedOn has
// plausibly gone through by today, with the status that goes with them.
func progress(r *rand.Rand, in *crosscase.Instrument, today crosscase.Date) {
	at := in.IssuedOn
	step := func(max int) (crosscase.Date, bool) {
		d := at.AddDays(r.Intn(max))
		if today.Before(d) {
			return crosscase.Date{}, false
		}
		at = d
		return d, true
	}
	var ok bool
	if in.ReceivedOn, ok = step(4); !ok {
		return
	}
	in.Status = crosscase.StatusReceived
	if in.Type == crosscase.InstrumentFreezing && r.Intn(3) == 0 {
		in.Urgent = true
		in.ReceivedAt = in.ReceivedOn.Time().Add(time.Duration(8+r.Intn(9)) * time.Hour)
	}
	switch in.Type {
	case crosscase.InstrumentEIO:
		if in.AcknowledgedOn, ok = step(9); !ok {
			return
		}
		in.Status = crosscase.StatusAcknowledged
	case crosscase.InstrumentEAW, crosscase.InstrumentSurrenderNOIS, crosscase.InstrumentSurrenderUK, crosscase.InstrumentExtradition:
		if in.ArrestOn, ok = step(40); !ok {
			return
		}
		in.Status = crosscase.StatusArrested
		if in.Type.ArrestWarrant() && r.Intn(3) == 0 {
			if in.ConsentOn, ok = step(3); !ok {
				return
			}
			in.Status = crosscase.StatusConsented
		}
	}
	limit := map[crosscase.InstrumentType]int{crosscase.InstrumentEAW: 70, crosscase.InstrumentSurrenderNOIS: 70, crosscase.InstrumentSurrenderUK: 70,
		crosscase.InstrumentEIO: 35, crosscase.InstrumentConfiscation: 50, crosscase.InstrumentFreezing: 3}[in.Type]
	if limit == 0 {
		limit = 120
	}
	if in.ConsentOn != (crosscase.Date{}) {
		limit = 12
	}
	if in.DecisionOn, ok = step(limit); !ok {
		return
	}
	if in.Urgent {
		in.DecidedAt = in.DecisionOn.Time().Add(time.Duration(9+r.Intn(8)) * time.Hour)
		if in.DecidedAt.Before(in.ReceivedAt) {
			in.DecidedAt = in.ReceivedAt.Add(time.Hour)
			in.DecisionOn = crosscase.DateOf(in.DecidedAt)
			at = in.DecisionOn
		}
	}
	refused := r.Intn(12) == 0
	switch {
	case refused:
		in.Status = crosscase.StatusRefused
		return
	case in.Type.ArrestWarrant():
		in.Status = crosscase.StatusSurrenderOrdered
	case in.Type == crosscase.InstrumentExtradition:
		in.Status = crosscase.StatusGranted
	case in.Type == crosscase.InstrumentTransfer:
		in.Status = crosscase.StatusAccepted
		return
	case in.Type == crosscase.InstrumentMLA:
	default:
		in.Status = crosscase.StatusRecognised
	}
	if in.Type.ConcernsPerson() {
		if in.SurrenderOn, ok = step(12); ok {
			in.Status = crosscase.StatusSurrendered
		}
		return
	}
	if in.Urgent {
		return // executed dates of urgent certificates need a time: left open
	}
	if in.ExecutionOn, ok = step(map[bool]int{true: 100, false: 60}[in.Type == crosscase.InstrumentEIO]); ok {
		in.Status = crosscase.StatusExecuted
	}
}

// syntheticRef returns a plausible national reference for an instrument.
func syntheticRef(r *rand.Rand, t crosscase.InstrumentType, country string) string {
	prefix := map[crosscase.InstrumentType]string{crosscase.InstrumentEAW: "EAW", crosscase.InstrumentSurrenderNOIS: "SAW", crosscase.InstrumentSurrenderUK: "TCA",
		crosscase.InstrumentEIO: "EIO", crosscase.InstrumentFreezing: "FRZ",
		crosscase.InstrumentConfiscation: "CNF", crosscase.InstrumentMLA: "MLA", crosscase.InstrumentExtradition: "EXT", crosscase.InstrumentTransfer: "TOP"}[t]
	return prefix + "-" + country + "-" + itoaPad(2020+r.Intn(6), 4) + "-" + itoaPad(r.Intn(100000), 5)
}

func itoaPad(n, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

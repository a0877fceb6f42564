package crosscase_test

import (
	"slices"
	"strings"
	"testing"

	"crosscase"
	"crosscase/refdata"
)

// scopeCountry returns the reference country code, with its standing.
func scopeCountry(t *testing.T, code string) *crosscase.Country {
	t.Helper()
	for _, c := range refdata.Countries() {
		if c.Code == code {
			return &c
		}
	}
	t.Fatalf("no country %s", code)
	return nil
}

// TestInstrumentScope tries every type between Member States (IT, FR,
// DE), Denmark and Ireland, Norway and Iceland, the United Kingdom and
// other third countries (AL, UA), both ways: ok where the pair is
// lawful, else the field refused and parts of the message, which names
// the instrument to use instead, by its code.
func TestInstrumentScope(t *testing.T) {
	const (
		eawFD   = "A European Arrest Warrant runs only between EU Member States (Framework Decision 2002/584/JHA); "
		toExtr  = "use an extradition request (extradition)."
		noIS    = "use a surrender under the EU–Norway/Iceland Surrender Agreement (surrender_no_is)."
		tca     = "use a surrender under the Trade and Cooperation Agreement (surrender_uk)."
		toEAW   = "use a European Arrest Warrant (eaw)."
		agrNOIS = "A surrender under the EU–Norway/Iceland Surrender Agreement runs only between an EU Member State and Norway or Iceland (OJ L 292, 21.10.2006, p. 2); "
		agrUK   = "A surrender under the Trade and Cooperation Agreement runs only between an EU Member State and the United Kingdom (Part Three, Title VII); "
		toMLA   = "use a mutual legal assistance request (mla)."
		eio     = "A European Investigation Order runs only between the Member States bound by Directive 2014/41/EU, all but Denmark and Ireland; "
		reg1805 = "runs only between the Member States bound by Regulation (EU) 2018/1805, all but Denmark and Ireland; "
		extrFD  = "An extradition request is not used where a surrender procedure applies: between EU Member States the European Arrest Warrant replaces it (Framework Decision 2002/584/JHA, Art. 31(1)); "
		extrAgr = "An extradition request is not used where a surrender procedure applies: between the EU Member States and "
		iss     = "issuing_country"
		exe     = "executing_country"
	)
	type want struct {
		field string
		msg   []string
	}
	ok := want{}
	bad := func(field string, msg ...string) want { return want{field, msg} }
	// Lawful everywhere: mutual legal assistance and transfer of proceedings.
	anywhere := []crosscase.InstrumentType{crosscase.InstrumentMLA, crosscase.InstrumentTransfer}
	cases := []struct {
		from, to string
		// eaw; eio, freezing and confiscation; extradition; surrender
		// under the EU–Norway/Iceland and the EU–UK agreements
		eaw, boundByActs, extra, noIS, uk want
	}{
		{"IT", "FR", ok, ok, bad(exe, extrFD, "Italy (IT) and France (FR) are both Member States: "+toEAW),
			bad(exe, agrNOIS+"Italy (IT) and France (FR) are both Member States: "+toEAW), bad(exe, agrUK+"Italy (IT) and France (FR) are both Member States: "+toEAW)},
		{"FR", "IT", ok, ok, bad(exe, extrFD, toEAW), bad(exe, toEAW), bad(exe, toEAW)},
		{"IT", "DE", ok, ok, bad(exe, extrFD, toEAW), bad(exe, toEAW), bad(exe, toEAW)},
		{"DE", "IT", ok, ok, bad(exe, extrFD, toEAW), bad(exe, toEAW), bad(exe, toEAW)},
		// Denmark and Ireland: bound by the Framework Decision, not by the
		// Directive nor the Regulation; bound by both agreements.
		{"IT", "DK", ok, bad(exe, "Denmark (DK) is not bound by it: "+toMLA), bad(exe, extrFD), bad(exe, toEAW), bad(exe, toEAW)},
		{"DK", "IT", ok, bad(iss, "Denmark (DK) is not bound by it: "+toMLA), bad(exe, extrFD), bad(exe, toEAW), bad(exe, toEAW)},
		{"IT", "IE", ok, bad(exe, "Ireland (IE) is not bound by it: "+toMLA), bad(exe, extrFD), bad(exe, toEAW), bad(exe, toEAW)},
		{"IE", "IT", ok, bad(iss, "Ireland (IE) is not bound by it: "+toMLA), bad(exe, extrFD), bad(exe, toEAW), bad(exe, toEAW)},
		{"DK", "IE", ok, bad(iss, "Denmark (DK) is not bound by it: "+toMLA), bad(exe, extrFD, toEAW),
			bad(exe, "Denmark (DK) and Ireland (IE) are both Member States: "+toEAW), bad(exe, toEAW)},
		// Norway and Iceland: the Surrender Agreement.
		{"IT", "NO", bad(exe, eawFD+"Norway (NO) is not one: "+noIS), bad(exe, "Norway (NO) is not a Member State: "+toMLA),
			bad(exe, extrAgr+"Norway (NO) surrender runs under the EU–Norway/Iceland Surrender Agreement (OJ L 292, 21.10.2006, p. 2): use a surrender under that agreement (surrender_no_is)."),
			ok, bad(exe, agrUK+"Norway (NO) is not a party to it: "+noIS)},
		{"NO", "IT", bad(iss, eawFD+"Norway (NO) is not one: "+noIS), bad(iss, toMLA), bad(iss, extrAgr+"Norway (NO)", "(surrender_no_is)."), ok, bad(iss, noIS)},
		{"IT", "IS", bad(exe, eawFD+"Iceland (IS) is not one: "+noIS), bad(exe, "Iceland (IS) is not a Member State: "+toMLA), bad(exe, extrAgr+"Iceland (IS)", "(surrender_no_is)."),
			ok, bad(exe, "Iceland (IS) is not a party to it: "+noIS)},
		{"IS", "DE", bad(iss, eawFD+"Iceland (IS) is not one: "+noIS), bad(iss, toMLA), bad(iss, extrAgr+"Iceland (IS)"), ok, bad(iss, noIS)},
		{"DK", "NO", bad(exe, noIS), bad(iss, "Denmark (DK) is not bound by it"), bad(exe, extrAgr+"Norway (NO)"), ok, bad(exe, noIS)},
		{"NO", "IE", bad(iss, noIS), bad(iss, "Norway (NO) is not a Member State"), bad(iss, extrAgr+"Norway (NO)"), ok, bad(iss, noIS)},
		{"IS", "IE", bad(iss, noIS), bad(iss, toMLA), bad(iss, extrAgr+"Iceland (IS)"), ok, bad(iss, noIS)},
		// The United Kingdom: the Trade and Cooperation Agreement.
		{"IT", "GB", bad(exe, eawFD+"United Kingdom (GB) is not one: "+tca), bad(exe, "United Kingdom (GB) is not a Member State: "+toMLA),
			bad(exe, extrAgr+"United Kingdom (GB) surrender runs under the Trade and Cooperation Agreement (Part Three, Title VII): use a surrender under that agreement (surrender_uk)."),
			bad(exe, agrNOIS+"United Kingdom (GB) is not a party to it: "+tca), ok},
		{"GB", "FR", bad(iss, eawFD+"United Kingdom (GB) is not one: "+tca), bad(iss, toMLA), bad(iss, extrAgr+"United Kingdom (GB)", "(surrender_uk)."), bad(iss, tca), ok},
		{"IE", "GB", bad(exe, tca), bad(iss, "Ireland (IE) is not bound by it"), bad(exe, extrAgr+"United Kingdom (GB)"), bad(exe, tca), ok},
		{"GB", "DK", bad(iss, tca), bad(iss, toMLA), bad(iss, extrAgr+"United Kingdom (GB)"), bad(iss, tca), ok},
		// Other third countries: extradition and mutual legal assistance.
		{"IT", "AL", bad(exe, eawFD+"Albania (AL) is not one: "+toExtr), bad(exe, "Albania (AL) is not a Member State: "+toMLA), ok,
			bad(exe, agrNOIS+"Albania (AL) is not a party to it: "+toExtr), bad(exe, agrUK+"Albania (AL) is not a party to it: "+toExtr)},
		{"AL", "IT", bad(iss, eawFD+"Albania (AL) is not one: "+toExtr), bad(iss, "Albania (AL) is not a Member State: "+toMLA), ok, bad(iss, toExtr), bad(iss, toExtr)},
		{"DE", "UA", bad(exe, "Ukraine (UA) is not one: "+toExtr), bad(exe, toMLA), ok, bad(exe, "Ukraine (UA) is not a party to it: "+toExtr), bad(exe, toExtr)},
		{"UA", "DK", bad(iss, "Ukraine (UA) is not one: "+toExtr), bad(iss, toMLA), ok, bad(iss, toExtr), bad(iss, toExtr)},
		{"UA", "IE", bad(iss, toExtr), bad(iss, toMLA), ok, bad(iss, toExtr), bad(iss, toExtr)},
		// Between two third countries no EU act applies: an agreement's
		// party is no exception there.
		{"NO", "AL", bad(iss, "Norway (NO) is not one: "+toExtr), bad(iss, toMLA), ok, bad(exe, "Albania (AL) is not a party to it: "+toExtr), bad(iss, "Norway (NO) is not a party to it: "+toExtr)},
		{"AL", "GB", bad(iss, "Albania (AL) is not one: "+toExtr), bad(iss, toMLA), ok, bad(iss, "Albania (AL) is not a party to it: "+toExtr), bad(iss, "Albania (AL) is not a party to it: "+toExtr)},
		{"GB", "NO", bad(iss, "United Kingdom (GB) is not one: "+toExtr), bad(iss, toMLA), ok,
			bad(iss, "United Kingdom (GB) is not a party to it: "+toExtr), bad(exe, "Norway (NO) is not a party to it: "+toExtr)},
		{"NO", "IS", bad(iss, toExtr), bad(iss, toMLA), ok, bad(exe, agrNOIS+"neither Norway (NO) nor Iceland (IS) is a Member State: "+toExtr), bad(iss, toExtr)},
	}
	checked := map[crosscase.InstrumentType]bool{}
	check := func(t *testing.T, typ crosscase.InstrumentType, from, to string, w want) {
		t.Helper()
		checked[typ] = true
		err := crosscase.CheckInstrumentScope(typ, scopeCountry(t, from), scopeCountry(t, to))
		if w.field == "" {
			if err != nil {
				t.Errorf("%s %s→%s: refused: %v", typ, from, to, err)
			}
			return
		}
		if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != w.field {
			t.Errorf("%s %s→%s: got %v, want %s on %s", typ, from, to, err, crosscase.EINVALID, w.field)
			return
		}
		for _, part := range w.msg {
			if msg := crosscase.ErrorMessage(err); !strings.Contains(msg, part) {
				t.Errorf("%s %s→%s: message %q lacks %q", typ, from, to, msg, part)
			}
		}
	}
	for _, c := range cases {
		check(t, crosscase.InstrumentEAW, c.from, c.to, c.eaw)
		for _, typ := range []crosscase.InstrumentType{crosscase.InstrumentEIO, crosscase.InstrumentFreezing, crosscase.InstrumentConfiscation} {
			check(t, typ, c.from, c.to, c.boundByActs)
		}
		check(t, crosscase.InstrumentExtradition, c.from, c.to, c.extra)
		check(t, crosscase.InstrumentSurrenderNOIS, c.from, c.to, c.noIS)
		check(t, crosscase.InstrumentSurrenderUK, c.from, c.to, c.uk)
		for _, typ := range anywhere {
			check(t, typ, c.from, c.to, ok)
		}
	}
	// A new type must join the table.
	for _, typ := range crosscase.InstrumentTypes() {
		if !checked[typ] {
			t.Errorf("%s is not tried between the countries above", typ)
		}
	}
	// The messages in full, for the README.
	for _, c := range []struct {
		typ      crosscase.InstrumentType
		from, to string
		want     string
	}{
		{crosscase.InstrumentEAW, "IT", "AL", eawFD + "Albania (AL) is not one: " + toExtr},
		{crosscase.InstrumentEIO, "IT", "DK", eio + "Denmark (DK) is not bound by it: " + toMLA},
		{crosscase.InstrumentEIO, "IT", "UA", eio + "Ukraine (UA) is not a Member State: " + toMLA},
		{crosscase.InstrumentFreezing, "IE", "IT", "A freezing certificate " + reg1805 + "Ireland (IE) is not bound by it: " + toMLA},
		{crosscase.InstrumentConfiscation, "IT", "IE", "A confiscation certificate " + reg1805 + "Ireland (IE) is not bound by it: " + toMLA},
		{crosscase.InstrumentEAW, "DE", "GB", eawFD + "United Kingdom (GB) is not one: " + tca},
		{crosscase.InstrumentExtradition, "IT", "NO", extrAgr + "Norway (NO) surrender runs under the EU–Norway/Iceland Surrender Agreement (OJ L 292, 21.10.2006, p. 2): use a surrender under that agreement (surrender_no_is)."},
		{crosscase.InstrumentSurrenderNOIS, "IT", "GB", agrNOIS + "United Kingdom (GB) is not a party to it: " + tca},
		{crosscase.InstrumentSurrenderNOIS, "IT", "FR", agrNOIS + "Italy (IT) and France (FR) are both Member States: " + toEAW},
		{crosscase.InstrumentSurrenderUK, "DE", "AL", agrUK + "Albania (AL) is not a party to it: " + toExtr},
	} {
		if msg := crosscase.ErrorMessage(crosscase.CheckInstrumentScope(c.typ, scopeCountry(t, c.from), scopeCountry(t, c.to))); msg != c.want {
			t.Errorf("%s %s→%s:\n got %q\nwant %q", c.typ, c.from, c.to, msg, c.want)
		}
	}
}

// TestInstrumentScopeTable: every type has one scope, and what it
// recommends instead is a type of the system.
func TestInstrumentScopeTable(t *testing.T) {
	var types []crosscase.InstrumentType
	for _, sc := range crosscase.InstrumentScopes() {
		types = append(types, sc.Type)
		if sc.Kind == crosscase.ScopeAny {
			continue
		}
		if !sc.Instead.Valid() || sc.Instead == sc.Type {
			t.Errorf("%s: instead %q", sc.Type, sc.Instead)
		}
		if sc.Law == "" || sc.Between == "" {
			t.Errorf("%s: no law or no countries", sc.Type)
		}
	}
	if !slices.Equal(types, crosscase.InstrumentTypes()) {
		t.Errorf("scopes of %v, types %v", types, crosscase.InstrumentTypes())
	}
	// An unknown type is Validate's to refuse; a missing country is refused.
	if err := crosscase.CheckInstrumentScope("warrant", scopeCountry(t, "IT"), scopeCountry(t, "AL")); err != nil {
		t.Errorf("unknown type: %v", err)
	}
	if err := crosscase.CheckInstrumentScope(crosscase.InstrumentMLA, scopeCountry(t, "IT"), nil); crosscase.ErrorField(err) != "executing_country" {
		t.Errorf("no executing country: %v", err)
	}
	// Membership is the country's standing, as administrators keep it.
	gb := scopeCountry(t, "GB")
	gb.Standing = crosscase.StandingMember
	if err := crosscase.CheckInstrumentScope(crosscase.InstrumentEAW, scopeCountry(t, "IT"), gb); err != nil {
		t.Errorf("a country recorded as a Member State: %v", err)
	}
	got := crosscase.InstrumentTypesBetween(scopeCountry(t, "IT"), scopeCountry(t, "DK"))
	want := []crosscase.InstrumentType{crosscase.InstrumentEAW, crosscase.InstrumentMLA, crosscase.InstrumentTransfer}
	if !slices.Equal(got, want) {
		t.Errorf("between IT and DK: %v, want %v", got, want)
	}
	// Surrender runs, both ways, under the agreement the pair falls under.
	for _, c := range []struct {
		a, b string
		want []crosscase.InstrumentType
	}{
		{"IT", "NO", []crosscase.InstrumentType{crosscase.InstrumentSurrenderNOIS, crosscase.InstrumentMLA, crosscase.InstrumentTransfer}},
		{"IS", "DK", []crosscase.InstrumentType{crosscase.InstrumentSurrenderNOIS, crosscase.InstrumentMLA, crosscase.InstrumentTransfer}},
		{"DE", "GB", []crosscase.InstrumentType{crosscase.InstrumentSurrenderUK, crosscase.InstrumentMLA, crosscase.InstrumentTransfer}},
		{"GB", "IE", []crosscase.InstrumentType{crosscase.InstrumentSurrenderUK, crosscase.InstrumentMLA, crosscase.InstrumentTransfer}},
		{"GB", "NO", []crosscase.InstrumentType{crosscase.InstrumentMLA, crosscase.InstrumentExtradition, crosscase.InstrumentTransfer}},
		{"IT", "AL", []crosscase.InstrumentType{crosscase.InstrumentMLA, crosscase.InstrumentExtradition, crosscase.InstrumentTransfer}},
	} {
		for _, p := range [][2]string{{c.a, c.b}, {c.b, c.a}} {
			if got := crosscase.InstrumentTypesBetween(scopeCountry(t, p[0]), scopeCountry(t, p[1])); !slices.Equal(got, c.want) {
				t.Errorf("between %s and %s: %v, want %v", p[0], p[1], got, c.want)
			}
		}
	}
	// Exactly one surrender procedure between any two countries, and it
	// is what SurrenderBetween names.
	codes := []string{"IT", "FR", "DK", "IE", "NO", "IS", "GB", "AL", "UA"}
	for _, a := range codes {
		for _, b := range codes {
			if a == b {
				continue
			}
			var surrender []crosscase.InstrumentType
			for _, typ := range crosscase.InstrumentTypesBetween(scopeCountry(t, a), scopeCountry(t, b)) {
				if sc, _ := crosscase.ScopeOf(typ); sc.Surrender {
					surrender = append(surrender, typ)
				}
			}
			if want := crosscase.SurrenderBetween(scopeCountry(t, a), scopeCountry(t, b)); len(surrender) != 1 || surrender[0] != want {
				t.Errorf("%s→%s: surrender by %v, SurrenderBetween says %s", a, b, surrender, want)
			}
		}
	}
	// The agreements are the scope table's.
	agreements := crosscase.SurrenderAgreements()
	if len(agreements) != 2 || agreements[0].Type != crosscase.InstrumentSurrenderNOIS || !slices.Equal(agreements[0].Countries, []string{"NO", "IS"}) ||
		agreements[1].Type != crosscase.InstrumentSurrenderUK || !slices.Equal(agreements[1].Countries, []string{"GB"}) {
		t.Errorf("surrender agreements %+v", agreements)
	}
}

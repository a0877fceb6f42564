package match

import (
	"fmt"
	"math"
	"testing"

	"crosscase"
)

// p builds a person record; birth is "", "YYYY" or "YYYY-MM-DD".
func p(given, family, birth string) Record {
	r := personRec(given, family)
	switch len(birth) {
	case 0:
	case 4:
		fmt.Sscan(birth, &r.BirthYear)
	default:
		d, err := crosscase.ParseDate(birth)
		if err != nil {
			panic(err)
		}
		r.BirthDate = d
	}
	return r
}

func score(a, b Record) (int, []FieldScore) { return Compare(Normalize(a), Normalize(b)) }

func field(fs []FieldScore, name string) (FieldScore, bool) {
	for _, f := range fs {
		if f.Field == name {
			return f, true
		}
	}
	return FieldScore{}, false
}

// The same person written the ways the issue lists is a hit.
func TestCompareSamePerson(t *testing.T) {
	th := DefaultThresholds()[crosscase.KindPerson]
	for _, c := range []struct {
		a, b    Record
		field   string // a field whose How is checked
		how     string
		atLeast int // minimum score; the person threshold when 0
	}{
		{p("Arbër", "Çela", ""), p("Arber", "Cela", ""), "family_name", "exact", 0},
		{p("Łukasz", "Wróbel", ""), p("Lukasz", "Wrobel", ""), "given_name", "exact", 0},
		{p("Ștefan", "Popescu", ""), p("Stefan", "Popescu", ""), "given_name", "exact", 0},
		{p("Jürgen", "Müller", ""), p("Juergen", "Mueller", ""), "family_name", "phonetic", 0},
		{p("Jürgen", "Müller", ""), p("Jurgen", "Muller", ""), "family_name", "exact", 0},
		{p("Тарас", "Шевченко", ""), p("Taras", "Shevchenko", ""), "family_name", "exact", 0},
		{p("Taras", "Ševčenko", ""), p("Taras", "Schewtschenko", ""), "family_name", "phonetic", 0},
		{p("Taras", "Chevtchenko", ""), p("Тарас", "Шевченко", ""), "family_name", "phonetic", 0},
		{p("Γιώργος", "Παπαδόπουλος", ""), p("Giorgos", "Papadopoulos", ""), "family_name", "exact", 0},
		{p("Евгений", "Зайцев", ""), p("Jewgeni", "Saizew", ""), "family_name", "phonetic", 0},
		// Swapped given and family names.
		{p("Ivan", "Petrov", "1980-05-12"), p("Petrov", "Ivan", "1980-05-12"), "family_name", "swapped", 90},
		{p("Ivan", "Petrov", ""), p("Petrov", "Ivan", ""), "family_name", "swapped", 0},
		// Middle names, patronymics, double surnames, initials.
		{p("Aleksandr Sergeyevich", "Pushkin", ""), p("Aleksandr", "Pushkin", ""), "given_name", "partial", 0},
		{p("José", "Núñez García", "1975-01-02"), p("Jose", "Nunez", "1975-01-02"), "family_name", "partial", 90},
		{p("J.", "Smith", "1980-01-01"), p("John", "Smith", "1980-01-01"), "given_name", "initial", 90},
		{p("W.", "Koslow", "1989-02-17"), p("Vyacheslav", "Kozlov", "1989-02-17"), "given_name", "initial", 90},
		// Typos and missing letters.
		{p("Jonathan", "Livingstone", ""), p("Jonathan", "Livingston", ""), "family_name", "typo", 0},
		// Latvian, Lithuanian and Latin nominative endings.
		{p("Napoleon", "Bonaparte", ""), p("Napoļeons", "Bonaparts", ""), "family_name", "phonetic", 0},
		{p("Ferdinandus", "de Lesseps", ""), p("Ferdinand", "de Lesseps", ""), "given_name", "phonetic", 0},
		{p("Gerardus", "Honthorst", ""), p("Gerards", "Honthorsts", ""), "given_name", "phonetic", 0},
		{p("Katarzyna", "Wiśniewska", ""), p("Katrzyna", "Wisniewska", ""), "given_name", "typo", 0},
		{p("Anthony", "Coulson", "1938-02-18"), p("Anthony", "Coul Son", "1938-02-18"), "family_name", "spacing", 90},
		// Dates: day and month swapped, a year only, a slipped digit.
		{p("Maria", "Rossi", "1980-03-09"), p("Maria", "Rossi", "1980-09-03"), "birth_date", "day_month_swapped", 90},
		{p("Maria", "Rossi", "1980-03-09"), p("Maria", "Rossi", "1980"), "birth_date", "year_only", 85},
		{p("Maria", "Rossi", "1980-03-09"), p("Maria", "Rossi", "1980-03-08"), "birth_date", "typo", 90},
		{p("Maria", "Rossi", "1980-03-09"), p("Maria", "Rossi", "1908-03-09"), "birth_date", "typo", 90},
		{p("Maria", "Rossi", "1980-03-09"), p("Maria", "Rossi", "1980-03-09"), "birth_date", "exact", 99},
	} {
		s, fs := score(c.a, c.b)
		min := c.atLeast
		if min == 0 {
			min = th
		}
		if s < min {
			t.Errorf("%+v ~ %+v: score %d < %d (%v)", c.a, c.b, s, min, fs)
		}
		if f, ok := field(fs, c.field); !ok || f.How != c.how {
			t.Errorf("%+v ~ %+v: %s is %+v, want how %q (%v)", c.a, c.b, c.field, f, c.how, fs)
		}
	}
}

// Different people whose names look alike are not a hit.
func TestCompareDifferentPeople(t *testing.T) {
	th := DefaultThresholds()[crosscase.KindPerson]
	for _, c := range [][2]Record{
		{p("Ivan", "Petrov", ""), p("Ivan", "Petrova", "")},                         // another gender
		{p("Aleksandr", "Kowalski", ""), p("Aleksandra", "Kowalska", "")},           // another gender
		{p("Georgios", "Papadopoulos", ""), p("Georgios", "Papadopoulou", "")},      // another gender (Greek)
		{p("Ivan", "Petrov", ""), p("Petr", "Ivanov", "")},                          // another name built on the same roots
		{p("Ivan", "Petrov", ""), p("Pavel", "Petrov", "")},                         // a relative
		{p("Maria", "Rossi", "1980-03-09"), p("Maria", "Rossi", "1961-11-20")},      // a namesake
		{p("Maria", "Rossi", "1980-03-09"), p("Maria", "Rossi", "1980-11-20")},      // same name and year
		{p("Mario", "Zanzottera", "1980-05-12"), p("Mario", "Rossi", "1980-05-12")}, // same given name and date only
		{p("Domagoj", "Fernandez", ""), p("Domagoj", "Hernandez", "")},              // a look-alike family
		{p("Mario", "Rossi2", "1980-05-12"), p("Mario", "Rossi4", "1980-05-12")},    // numbers tell them apart
		{p("J.", "Smith", ""), p("Jane", "Smith", "")},                              // an initial alone
		{p("Carlos", "Pereira", ""), p("Carla", "Pereira", "")},                     // another gender, not an ending
		{p("Petras", "Kazlauskas", ""), p("Petra", "Kazlauskas", "")},               // another gender (Lithuanian)
		{p("Nikos", "Papadakis", ""), p("Nikos", "Papadaki", "")},                   // another gender (Greek)
		{p("Augustus", "Meijer", ""), p("Augusta", "Meijer", "")},                   // another gender (Latin)
		{p("Jana", "Procházka", ""), p("Jana", "Procházková", "")},                  // another gender (Czech)
		{p("Jan", "Němec", ""), p("Jan", "Němcová", "")},                            // another gender (Czech)
		{p("Ona", "Petraitis", ""), p("Ona", "Petraitytė", "")},                     // another gender (Lithuanian)
		{p("Ona", "Butkus", ""), p("Ona", "Butkienė", "")},                          // another gender (Lithuanian)
		{p("Anna", "Kalniņš", ""), p("Anna", "Kalniņa", "")},                        // another gender (Latvian)
	} {
		if s, fs := score(c[0], c[1]); s >= th {
			t.Errorf("%+v ~ %+v: score %d ≥ %d (%v)", c[0], c[1], s, th, fs)
		}
	}
}

func TestCompareScoreBands(t *testing.T) {
	// Everything agreeing is almost certain; names alone at most probable.
	if s, _ := score(p("Anna", "Nowak", "1990-01-02"), p("Anna", "Nowak", "1990-01-02")); s < 90 {
		t.Errorf("all fields equal: %d", s)
	}
	if s, _ := score(p("Anna", "Nowak", ""), p("Anna", "Nowak", "")); s < 75 || s >= 90 {
		t.Errorf("names only: %d, want 75–89", s)
	}
	if s, _ := score(p("Anna", "", "1990-01-02"), p("Anna", "Nowak", "1990-01-02")); s >= 90 {
		t.Errorf("given name and date only: %d, want < 90", s)
	}
	// A year of birth alone, equal or a digit apart, is at most probable.
	if s, _ := score(p("Anna", "Nowak", "1990-01-02"), p("Anna", "Nowak", "1990")); s < 80 || s >= 90 {
		t.Errorf("names and the year: %d, want 80–89", s)
	}
	if s, fs := score(p("Anna", "Nowak", "1990"), p("Anna", "Nowak", "1991")); s >= 90 {
		t.Errorf("names and years a digit apart: %d %v, want < 90", s, fs)
	}
}

func TestCompareIdentifiers(t *testing.T) {
	rec := func(kind crosscase.EntityKind, v, country string) Record {
		return Record{Kind: kind, Value: v, Country: country}
	}
	// A base58 wallet copied in capitals is the same wallet: two real
	// addresses that differ only in case are not to be expected.
	if s, _ := score(rec(crosscase.KindCryptoWallet, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", ""), rec(crosscase.KindCryptoWallet, "1BOATSLRHTKNNGKDXEEOBR76B53LETTPYT", "")); s != 100 {
		t.Errorf("wallet in capitals: %d", s)
	}
	s, fs := score(rec(crosscase.KindPhone, "030 1234 5678", "DE"), rec(crosscase.KindPhone, "+49 30 12345678", "IT"))
	if s != 100 || len(fs) != 1 || fs[0] != (FieldScore{Field: "value", Score: 1, How: "exact"}) {
		t.Errorf("same phone: %d %v", s, fs)
	}
	for _, c := range [][2]Record{
		{rec(crosscase.KindPhone, "030 1234 5678", "DE"), rec(crosscase.KindPhone, "030 1234 5679", "DE")},
		{rec(crosscase.KindIBAN, "DE89 3704 0044 0532 0130 00", ""), rec(crosscase.KindIBAN, "DE88 3704 0044 0532 0130 00", "")},
		{rec(crosscase.KindDocument, "AB123456", ""), rec(crosscase.KindVehicle, "AB123456", "")},
	} {
		if s, fs := score(c[0], c[1]); s != 0 || fs != nil {
			t.Errorf("%+v ~ %+v: %d %v", c[0], c[1], s, fs)
		}
	}
}

func TestCompareCompanies(t *testing.T) {
	th := DefaultThresholds()[crosscase.KindCompany]
	co := func(name string) Record { return Record{Kind: crosscase.KindCompany, Name: name} }
	for _, c := range [][2]string{
		{"Alfa Trading S.r.l.", "ALFA TRADING SRL"},
		{"Alfa Trading S.r.l.", "Alfa Trading Ltd"},
		{"Euro Trans GmbH", "Eurotrans"},
		{"Shqiponja Sh.p.k.", "Shqiponja Shpk"},
		{"ООО «Ромашка»", "Romashka LLC"},
		{"Kowalski i Syn Sp. z o.o.", "Kowalski i Syn"},
		{"Müller Bau GmbH", "Mueller Bau AG"},
	} {
		if s, fs := score(co(c[0]), co(c[1])); s < th {
			t.Errorf("%q ~ %q: %d < %d (%v)", c[0], c[1], s, th, fs)
		}
	}
	for _, c := range [][2]string{
		{"Alfa Trading S.r.l.", "Beta Trading S.r.l."},
		{"Euro Trans GmbH", "Euro Invest GmbH"},
		{"Alfa", "Alfa Beta Gamma Delta"},
	} {
		if s, fs := score(co(c[0]), co(c[1])); s >= th {
			t.Errorf("%q ~ %q: %d ≥ %d (%v)", c[0], c[1], s, th, fs)
		}
	}
	// Companies and groups are never compared with each other.
	if s, _ := score(co("Alfa"), Record{Kind: crosscase.KindOCG, Name: "Alfa"}); s != 0 {
		t.Errorf("company ~ group: %d", s)
	}
}

// Compare does not depend on the order of its arguments, and its
// explanation names only fields and ways, never data.
func TestCompareSymmetricAndExplained(t *testing.T) {
	fieldNames := map[string]bool{"family_name": true, "given_name": true, "birth_date": true, "name": true, "value": true, "full_name": true}
	hows := map[string]bool{}
	for _, h := range howNames {
		hows[h] = true
	}
	for _, lp := range readMultilingual(t) {
		ka, kb := Normalize(lp.A), Normalize(lp.B)
		s1, f1 := Compare(ka, kb)
		s2, f2 := Compare(kb, ka)
		if s1 != s2 {
			t.Errorf("%+v ~ %+v: %d one way, %d the other (%v, %v)", lp.A, lp.B, s1, s2, f1, f2)
		}
		if s1 < 0 || s1 > 100 {
			t.Errorf("score %d", s1)
		}
		for _, f := range f1 {
			if !fieldNames[f.Field] || !hows[f.How] || f.Score < 0 || f.Score > 1 || math.IsNaN(f.Score) {
				t.Errorf("field score %+v", f)
			}
		}
	}
}

func TestDefaultThresholds(t *testing.T) {
	th := DefaultThresholds()
	for _, k := range crosscase.EntityKinds() {
		v, ok := th[k]
		if !ok || v < 50 || v > 100 {
			t.Errorf("%s: %d %v", k, v, ok)
		}
	}
	// Identifiers hit only when equal.
	if th[crosscase.KindPhone] != 100 || th[crosscase.KindIBAN] != 100 {
		t.Errorf("identifier thresholds %v", th)
	}
	// A copy: changing one does not change the defaults.
	th[crosscase.KindPerson] = 1
	if DefaultThresholds()[crosscase.KindPerson] == 1 {
		t.Error("DefaultThresholds shares its map")
	}
}

// A nominative ending on one side, or another on each, leaves one name.
func TestInflected(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"napoleons", "napoleon", true},
		{"bonaparts", "bonaparte", true},
		{"ferdinandus", "ferdinand", true},
		{"gerards", "gerardus", true},
		{"ivans", "ivan", true},
		{"livingstonas", "livingstone", true}, // the ending in place of the e
		{"carlos", "carla", false},
		{"jonas", "jones", false},
		{"ivas", "iva", false}, // a stem of three letters
		{"rossi", "rossa", false},
		{"napoleon", "napoleon", false},
	} {
		if got := inflected(c.a, c.b); got != c.want {
			t.Errorf("inflected(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := inflected(c.b, c.a); got != c.want {
			t.Errorf("inflected(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}

package match

import (
	"slices"
	"strings"
	"testing"
	"time"

	"crosscase"
)

// pid is p with an identity number, an address and a nationality.
func pid(given, family, birth, id, address, nat string) Record {
	r := p(given, family, birth)
	r.IDNumber, r.Address, r.Nationality = id, address, nat
	return r
}

func TestNormPersonID(t *testing.T) {
	for in, want := range map[string]string{
		"AB 12 34 56 C":             "AB123456C",
		"ab-123.456/c":              "AB123456C",
		"ΑΒ 123456":                 "AB123456", // Greek capitals that look Latin
		"123":                       "",         // too short to tell people apart
		"ABCDEFG":                   "",         // no digit: not a number
		"":                          "",
		"1234567890123456789012345": "", // too long
	} {
		if got := normPersonID(in); got != want {
			t.Errorf("normPersonID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAddressTokens(t *testing.T) {
	for _, c := range []struct {
		a, b string
	}{
		{"Hauptstraße 5, 10115 Berlin", "Hauptstr. 5 10115 berlin"},
		{"177 Pridham Street, Marsden 3165", "177 pridhamstreet marsden 3165"},
		{"ul. Marszałkowska 10, Warszawa", "Marszalkowska 10 Warszawa"},
	} {
		if ta, tb := addressTokens(c.a), addressTokens(c.b); !slices.Equal(ta, tb) {
			t.Errorf("addressTokens(%q) = %v, (%q) = %v; want the same words", c.a, ta, c.b, tb)
		}
	}
	if got := addressTokens("  "); got != nil {
		t.Errorf("blank address: %v", got)
	}
}

func TestCompareIdentityNumberAddressNationality(t *testing.T) {
	th := DefaultThresholds()[crosscase.KindPerson]
	for _, c := range []struct {
		name      string
		a, b      Record
		min, max  int
		field     string
		fieldHow  string
		fieldSeen bool
	}{
		{"same number, another date of birth", pid("John", "Smith", "1970-01-02", "7654321", "", ""), pid("John", "Smith", "1982-11-30", "7654321", "", ""),
			th, 100, "id_number", "exact", true},
		{"number mistyped, no date of birth", pid("John", "Smith", "", "7654321", "", ""), pid("John", "Smith", "", "7654312", "", ""),
			th, 100, "id_number", "typo", true},
		{"same number lifts the cap without a date of birth", pid("Jan", "Nowak", "", "ABC123456", "", ""), pid("Jan", "Nowak", "", "ABC 123456", "", ""),
			90, 100, "id_number", "exact", true},
		{"different numbers: common namesakes stay apart", pid("John", "Smith", "", "7654321", "", ""), pid("John", "Smith", "1971", "1234999", "", ""),
			0, th - 1, "id_number", "different", true},
		{"another family name, same date, same address", pid("Emma", "Jones", "1990-04-04", "", "12 Wallaby Place, Delmar 2119", ""),
			pid("Emma", "Brown", "1990-04-04", "", "12 wallaby pl delmar 2119", ""), th, 89, "address", "exact", true},
		{"father and son at one address", pid("Peter", "Novak", "1950-02-02", "", "Ilica 10, Zagreb", ""),
			pid("Marko", "Novak", "1978-09-09", "", "Ilica 10, Zagreb", ""), 0, th - 1, "address", "exact", true},
		{"another address counts little", pid("Mario", "Rossi", "1980-05-12", "", "Via Roma 1, Napoli", ""),
			pid("Mario", "Rossi", "1980-05-12", "", "Rue de Rivoli 5, Paris", ""), 90, 100, "address", "different", true},
		{"same nationality", pid("Mario", "Rossi", "1980-05-12", "", "", "IT"), pid("Mario", "Rossi", "1980-05-12", "", "", "it"),
			90, 100, "nationality", "exact", true},
		{"unknown on one side is not reported", pid("Mario", "Rossi", "1980-05-12", "AA1234567", "", "IT"), pid("Mario", "Rossi", "1980-05-12", "", "", ""),
			90, 100, "id_number", "", false},
	} {
		s, fs := score(c.a, c.b)
		if s < c.min || s > c.max {
			t.Errorf("%s: score %d, want %d..%d (%+v)", c.name, s, c.min, c.max, fs)
		}
		f, ok := field(fs, c.field)
		if ok != c.fieldSeen || ok && f.How != c.fieldHow {
			t.Errorf("%s: field %s = %+v (present %v), want how %q (present %v)", c.name, c.field, f, ok, c.fieldHow, c.fieldSeen)
		}
	}
	// A different nationality weighs against.
	same, _ := score(pid("Ivan", "Petrov", "", "", "", "BG"), pid("Ivan", "Petrov", "", "", "", "BG"))
	other, _ := score(pid("Ivan", "Petrov", "", "", "", "BG"), pid("Ivan", "Petrov", "", "", "", "RU"))
	if other >= same {
		t.Errorf("another nationality scores %d, the same %d", other, same)
	}
}

// Two records whose names and dates share no blocking key still meet
// when their identity numbers are one slip apart.
func TestIdentityNumberBlocking(t *testing.T) {
	a := Normalize(pid("Xiomara", "Quendt", "1961-01-01", "4038271", "", ""))
	for _, id := range []string{"4038271", "4038217", "4038871", "40382711", "403827"} {
		b := Normalize(pid("Yolanda", "Brzeczyk", "1999-12-31", id, "", ""))
		if !meets(a, b) {
			t.Errorf("%s and %s share no blocking key", a.Ident, b.Ident)
		}
	}
	b := Normalize(pid("Yolanda", "Brzeczyk", "1999-12-31", "4930172", "", ""))
	if meets(a, b) {
		t.Errorf("%s and %s (two slips) share a blocking key", a.Ident, b.Ident)
	}
	// In the index, with the given name and the date of birth mistyped.
	ix := NewIndex(nil)
	r := pid("Jane", "Doe", "1970-01-01", "X1234567", "", "")
	r.EntityID, r.CaseID = 1, 10
	ix.Upsert(r)
	q := pid("Jnae", "Doe", "1970-01-10", "X1234576", "", "")
	c := ix.Check(q, 5)
	if len(c) != 1 || c[0].EntityID != 1 {
		t.Fatalf("check with a mistyped identity number found %+v", c)
	}
	if f, ok := field(c[0].Fields, "id_number"); !ok || f.How != "typo" {
		t.Fatalf("fields %+v: want id_number agreeing as a typo", c[0].Fields)
	}
}

func TestReadCSVIdentityNumberAndAddress(t *testing.T) {
	m := Mapping{Columns: map[string]string{
		"rec_id": FieldID, "given_name": FieldGivenName, "surname": FieldFamilyName, "date_of_birth": FieldBirthDate,
		"street_number": FieldAddress, "address_1": FieldAddress, "suburb": FieldAddress, "postcode": FieldAddress,
		"soc_sec_id": FieldIDNumber, "kind": FieldKind, "name": FieldName,
	}}
	long := strings.Repeat("x", 295)
	in := "rec_id, given_name, surname, street_number, address_1, suburb, postcode, date_of_birth, soc_sec_id, kind, name\n" +
		"rec-1-org, mitchell, green, 7, wallaby place, , 2119, 19560409, 1804974, ,\n" +
		"rec-2-org, , , 1, high street, leeds, , , 1234567, company, Acme Ltd\n" +
		"rec-3-org, jane, doe, 1, " + long + ", leeds, , , , ,\n" +
		"rec-4-org, , , 5, rue de rivoli, paris, 75001, , , company, Dupont SARL\n"
	rows, rerrs, err := ReadCSV(strings.NewReader(in), m, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 2, ID: "rec-1-org", Record: Record{Kind: crosscase.KindPerson, GivenName: "mitchell", FamilyName: "green",
			BirthDate: crosscase.Date{Year: 1956, Month: 4, Day: 9}, IDNumber: "1804974", Address: "7, wallaby place, 2119"}},
		{Line: 5, ID: "rec-4-org", Record: Record{Kind: crosscase.KindCompany, Name: "Dupont SARL", Address: "5, rue de rivoli, paris, 75001"}},
	}
	if !slices.Equal(rows, want) {
		t.Fatalf("rows\n%+v\nwant\n%+v", rows, want)
	}
	wantErrs := []RowError{
		{Line: 3, Column: "soc_sec_id", Message: "Only a person has an identity number.", Kind: RowIDNumberKind},
		{Line: 4, Column: "street_number", Message: "The address is longer than 300 characters.", Kind: RowAddressTooLong},
	}
	same := func(a, b RowError) bool {
		return a.Line == b.Line && a.Column == b.Column && a.Message == b.Message && a.Kind == b.Kind
	}
	if !slices.EqualFunc(rerrs, wantErrs, same) {
		t.Fatalf("row errors %+v, want %+v", rerrs, wantErrs)
	}
}

// Rows of an import become entities with the identity number and the
// address they carry.
func TestEntitiesCarryIdentity(t *testing.T) {
	rows := []Row{
		{ID: "P-1", Record: Record{Kind: crosscase.KindPerson, GivenName: "Arben", FamilyName: "Çela", IDNumber: "J80514027K", Address: "Rruga Taulantia 14, Durrës"}},
		{ID: "C-1", Record: Record{Kind: crosscase.KindCompany, Name: "Acme", Address: "Via Roma 1, Bari"}},
	}
	got := Entities(rows, crosscase.RoleSuspect)
	if len(got) != 2 || got[0].IDNumber != "J80514027K" || got[0].Address != "Rruga Taulantia 14, Durrës" || got[0].Role != crosscase.RoleSuspect ||
		got[0].ExternalRef != "P-1" || got[1].Address != "Via Roma 1, Bari" || got[1].IDNumber != "" {
		t.Fatalf("entities %+v %+v", got[0], got[1])
	}
	for _, e := range got {
		if err := e.Validate(crosscase.DateOf(time.Now())); err != nil {
			t.Errorf("%s: %v", e.Label(), err)
		}
	}
}

package crosscase_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"crosscase"
)

func date(t testing.TB, s string) crosscase.Date {
	t.Helper()
	d, err := crosscase.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2025-05-13", true}, {"2024-02-29", true}, {"2025-02-29", false}, {"2025-02-30", false},
		{"2025-13-01", false}, {"2025-5-13", false}, {"13/05/2025", false}, {"", false}, {"1899-12-31", false},
	} {
		_, err := crosscase.ParseDate(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func validCase(t testing.TB) *crosscase.Case {
	return &crosscase.Case{Title: "Italy–Albania drug network", AskedCountries: []string{"AL"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: date(t, "2020-01-01")}
}

func TestCaseValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(c *crosscase.Case)
		field string
	}{
		{"valid", func(c *crosscase.Case) {}, ""},
		{"no title", func(c *crosscase.Case) { c.Title = "  " }, "title"},
		{"control character", func(c *crosscase.Case) { c.Title = "a\x07b" }, "title"},
		{"bidi override", func(c *crosscase.Case) { c.Title = "a\u202eb" }, "title"},
		{"invalid UTF-8", func(c *crosscase.Case) { c.Summary = "a\xffb" }, "summary"},
		{"lower-case country", func(c *crosscase.Case) { c.AskedCountries = []string{"al"} }, "asked_countries[0]"},
		{"country twice", func(c *crosscase.Case) { c.AskedCountries = []string{"AL", "AL"} }, "asked_countries[1]"},
		{"no crime type", func(c *crosscase.Case) { c.CrimeTypes = nil }, "crime_types"},
		{"unknown crime type", func(c *crosscase.Case) { c.CrimeTypes = []string{"jaywalking"} }, "crime_types[0]"},
		{"unknown priority", func(c *crosscase.Case) { c.Priority = "urgent" }, "priority"},
		{"no opening date", func(c *crosscase.Case) { c.OpenedOn = crosscase.Date{} }, "opened_on"},
		{"closed before opened", func(c *crosscase.Case) {
			c.Status, c.ClosedOn = crosscase.CaseClosed, date(t, "2019-12-31")
		}, "closed_on"},
		{"closed without date", func(c *crosscase.Case) { c.Status = crosscase.CaseClosed }, "closed_on"},
		{"negative victims", func(c *crosscase.Case) { c.Victims = -1 }, "victims"},
	} {
		c := validCase(t)
		tc.edit(c)
		err := c.Validate()
		if got := crosscase.ErrorField(err); got != tc.field || (tc.field != "" && crosscase.ErrorCode(err) != crosscase.EINVALID) {
			t.Errorf("%s: error %v (field %q), want field %q", tc.name, err, got, tc.field)
		}
	}
}

func TestEntityValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		e     crosscase.Entity
		field string
	}{
		{"person", crosscase.Entity{Kind: crosscase.KindPerson, GivenName: "Ștefan", FamilyName: "Popescu", Nationality: "RO"}, ""},
		{"person without names", crosscase.Entity{Kind: crosscase.KindPerson, Nationality: "RO"}, "family_name"},
		{"person with a value", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", Value: "1"}, "value"},
		{"future birth", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", BirthDate: date(t, "2199-01-01")}, "birth_date"},
		{"company", crosscase.Entity{Kind: crosscase.KindCompany, Name: "Adriatica Trasporti S.r.l."}, ""},
		{"company birth date", crosscase.Entity{Kind: crosscase.KindCompany, Name: "X", BirthDate: date(t, "2000-01-01")}, "birth_date"},
		{"iban", crosscase.Entity{Kind: crosscase.KindIBAN, Value: "AL47 2121 1009 0000 0002 3569 8741"}, ""},
		// A person's identity number and the address of a person, company or group.
		{"person identity", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", IDNumber: "RSSMRA80A01H501U", Address: "Via Roma 1, 70121 Bari"}, ""},
		{"identity number of 64", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", IDNumber: strings.Repeat("Ж", 64)}, ""},
		{"identity number of 65", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", IDNumber: strings.Repeat("9", 65)}, "id_number"},
		{"identity number of punctuation", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", IDNumber: "- / -"}, "id_number"},
		{"identity number with a tab", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", IDNumber: "AB\t12"}, "id_number"},
		{"identity number with no-break space", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", IDNumber: "AB\u00a012"}, "id_number"},
		{"company identity number", crosscase.Entity{Kind: crosscase.KindCompany, Name: "X", IDNumber: "HRB 1"}, "id_number"},
		{"company address", crosscase.Entity{Kind: crosscase.KindOCG, Name: "X", Address: "Lagjja 1, Durrës"}, ""},
		{"address of 300", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", Address: strings.Repeat("é", 300)}, ""},
		{"address of 301", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", Address: strings.Repeat("é", 301)}, "address"},
		{"address with a newline", crosscase.Entity{Kind: crosscase.KindCompany, Name: "X", Address: "Via Roma 1\nBari"}, "address"},
		{"phone address", crosscase.Entity{Kind: crosscase.KindPhone, Value: "+39 080 555 0101", Address: "Bari"}, "address"},
		{"bad iban", crosscase.Entity{Kind: crosscase.KindIBAN, Value: "AL47 2121 1009 0000 0002 3569 8742"}, "value"},
		{"phone", crosscase.Entity{Kind: crosscase.KindPhone, Value: "+355 69 123 4567"}, ""},
		{"phone letters", crosscase.Entity{Kind: crosscase.KindPhone, Value: "call me"}, "value"},
		{"email", crosscase.Entity{Kind: crosscase.KindEmail, Value: "broker@example.org"}, ""},
		{"bad email", crosscase.Entity{Kind: crosscase.KindEmail, Value: "broker at example"}, "value"},
		{"unknown kind", crosscase.Entity{Kind: "spaceship", Value: "x"}, "kind"},
		{"unknown role", crosscase.Entity{Kind: crosscase.KindPhone, Role: "boss", Value: "+39 080 1234567"}, "role"},
		{"bad nationality", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", Nationality: "Albania"}, "nationality"},
		{"newline in name", crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X\nY"}, "family_name"},
	} {
		e := tc.e
		err := e.Validate(crosscase.DateOf(time.Now()))
		if got := crosscase.ErrorField(err); got != tc.field {
			t.Errorf("%s: error %v (field %q), want field %q", tc.name, err, got, tc.field)
		}
	}
}

// A date of birth is checked against the day given, not the machine's:
// the day itself is allowed, the next is refused.
func TestEntityBirthDateAgainstToday(t *testing.T) {
	today := date(t, "2025-05-13")
	e := crosscase.Entity{Kind: crosscase.KindPerson, FamilyName: "X", BirthDate: today}
	if err := e.Validate(today); err != nil {
		t.Fatalf("born today: %v", err)
	}
	e.BirthDate = today.AddDays(1)
	if got := crosscase.ErrorField(e.Validate(today)); got != "birth_date" {
		t.Fatalf("born tomorrow: field %q, want birth_date", got)
	}
}

func TestValidIBAN(t *testing.T) {
	for _, s := range []string{"DE89 3704 0044 0532 0130 00", "gb82west12345698765432", "FR1420041010050500013M02606", "AL47212110090000000235698741"} {
		if !crosscase.ValidIBAN(s) {
			t.Errorf("ValidIBAN(%q) = false", s)
		}
	}
	for _, s := range []string{"DE89 3704 0044 0532 0130 01", "XX89370400440532013000", "DE8937", "DE89-3704-0044-0532-0130-00"} {
		if crosscase.ValidIBAN(s) {
			t.Errorf("ValidIBAN(%q) = true", s)
		}
	}
}

// FuzzParseDate: never panics, and an accepted date prints back as itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-05-13", "2025-02-30", "0000-00-00", "9999-99-99", "2025-5-1", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := crosscase.ParseDate(s)
		if err == nil && d.String() != s {
			t.Fatalf("ParseDate(%q) = %s", s, d)
		}
	})
}

// FuzzCaseValidate: never panics; an accepted case has clean text and
// known codes.
func FuzzCaseValidate(f *testing.F) {
	f.Add("Title", "Summary", "AL", "drug_trafficking", "2020-01-01", "")
	f.Add("a\x00b", "\xff", "al", "x", "2020-02-30", "2019-01-01")
	f.Fuzz(func(t *testing.T, title, summary, country, crime, opened, closed string) {
		c := &crosscase.Case{Title: title, Summary: summary, AskedCountries: []string{country}, CrimeTypes: []string{crime}}
		c.OpenedOn, _ = crosscase.ParseDate(opened)
		c.ClosedOn, _ = crosscase.ParseDate(closed)
		if !c.ClosedOn.IsZero() {
			c.Status = crosscase.CaseClosed
		}
		if err := c.Validate(); err != nil {
			if crosscase.ErrorField(err) == "" {
				t.Fatalf("error without a field: %v", err)
			}
			return
		}
		if !utf8.ValidString(c.Title) || strings.TrimSpace(c.Title) == "" || crosscase.CrimeTypeName(crime) == "" || !crosscase.ValidCountryCode(country) {
			t.Fatalf("accepted %+v", c)
		}
		if !c.ClosedOn.IsZero() && c.ClosedOn.Before(c.OpenedOn) {
			t.Fatalf("accepted closing before opening: %+v", c)
		}
	})
}

// FuzzEntityValidate: never panics; an accepted IBAN passes its checksum.
func FuzzEntityValidate(f *testing.F) {
	f.Add("iban", "DE89 3704 0044 0532 0130 00", "", "")
	f.Add("person", "", "Çela", "AL")
	f.Add("email", "a@b.c", "", "")
	f.Add("phone", "+39 (080) 555-0101", "", "")
	f.Fuzz(func(t *testing.T, kind, value, family, nationality string) {
		e := &crosscase.Entity{Kind: crosscase.EntityKind(kind), Value: value, FamilyName: family, Nationality: nationality}
		if err := e.Validate(crosscase.DateOf(time.Now())); err != nil {
			if crosscase.ErrorField(err) == "" {
				t.Fatalf("error without a field: %v", err)
			}
			return
		}
		if e.Kind == crosscase.KindIBAN && !crosscase.ValidIBAN(e.Value) {
			t.Fatalf("accepted IBAN %q", e.Value)
		}
		if strings.ContainsAny(e.FamilyName+e.Value, "\x00\n\r") {
			t.Fatalf("accepted control characters: %+v", e)
		}
	})
}

package demo

import (
	"crypto/sha256"
	"math/big"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"crosscase"
	"crosscase/refdata"
)

// fakeDesks gives every synthetic owner country a desk id.
func fakeDesks() map[string]int64 {
	desks := map[string]int64{}
	for i, code := range ownerCodes() {
		desks[code] = int64(100 + i)
	}
	return desks
}

func knownCountries() map[string]crosscase.Country {
	m := map[string]crosscase.Country{}
	for _, c := range refdata.Countries() {
		m[c.Code] = c
	}
	return m
}

// checkBundle checks what the store would check of a bundle, and more.
func checkBundle(t *testing.T, b *crosscase.CaseBundle, desks map[string]int64, countries map[string]crosscase.Country) {
	t.Helper()
	c := b.Case
	if err := c.Validate(); err != nil {
		t.Fatalf("case %q: %v", c.Title, err)
	}
	if c.OwnerDeskID == 0 || desks[c.OwnerCountry] != c.OwnerDeskID {
		t.Fatalf("case %q: owner desk %d does not belong to %s", c.Title, c.OwnerDeskID, c.OwnerCountry)
	}
	for _, code := range c.AskedCountries {
		if code == c.OwnerCountry {
			t.Fatalf("case %q: owner %s is also asked", c.Title, code)
		}
		if _, ok := countries[code]; !ok {
			t.Fatalf("case %q: unknown asked country %s", c.Title, code)
		}
	}
	for _, e := range b.Entities {
		if err := e.Validate(crosscase.DateOf(time.Now())); err != nil {
			t.Fatalf("case %q, entity %+v: %v", c.Title, e, err)
		}
		for _, code := range []string{e.Nationality, e.Country} {
			if _, ok := countries[code]; code != "" && !ok {
				t.Fatalf("case %q, entity %s: unknown country %s", c.Title, e.Label(), code)
			}
		}
		if e.Kind == crosscase.KindIBAN {
			n := crosscase.NormalizeIBAN(e.Value)
			if n[:2] != e.Country {
				t.Fatalf("IBAN %s registered in %s", e.Value, e.Country)
			}
			if want := ibanLength(ibanFormats[e.Country]) + 4; len(n) != want {
				t.Fatalf("IBAN %s has %d characters, %s uses %d", e.Value, len(n), e.Country, want)
			}
		}
		if e.Kind == crosscase.KindEmail {
			for _, r := range e.Value {
				if r > unicode.MaxASCII {
					t.Fatalf("e-mail %q is not ASCII", e.Value)
				}
			}
		}
	}
}

func ibanLength(format string) int {
	n, total := 0, 0
	for _, c := range format {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		} else {
			total += n
			n = 0
		}
	}
	return total
}

func TestSyntheticValidates(t *testing.T) {
	desks, countries := fakeDesks(), knownCountries()
	for _, seed := range []int64{1, 20250520} {
		r := rand.New(rand.NewSource(seed))
		owners := map[string]int{}
		kinds := map[crosscase.EntityKind]int{}
		nationalities := map[string]bool{}
		entities, thirdOwned := 0, 0
		for i := 0; i < 2000; i++ {
			b := Synthetic(r, desks, i)
			checkBundle(t, b, desks, countries)
			c := b.Case
			if n := len(c.AskedCountries); n < 1 || n > 3 {
				t.Fatalf("case %d asks %d countries", i, n)
			}
			if n := len(c.CrimeTypes); n < 1 || n > 3 {
				t.Fatalf("case %d has %d crime types", i, n)
			}
			owners[c.OwnerCountry]++
			if countries[c.OwnerCountry].Standing != crosscase.StandingMember {
				thirdOwned++
			}
			entities += len(b.Entities)
			for _, e := range b.Entities {
				kinds[e.Kind]++
				if e.Kind == crosscase.KindPerson {
					nationalities[e.Nationality] = true
					if namesOf(e.Nationality) == nil {
						t.Fatalf("%s has nationality %s, whose names are unknown", e.Label(), e.Nationality)
					}
				}
			}
		}
		if avg := float64(entities) / 2000; avg < 8 || avg > 12 {
			t.Errorf("seed %d: %.1f entities per case on average, want about 10", seed, avg)
		}
		for _, k := range crosscase.EntityKinds() {
			if kinds[k] == 0 {
				t.Errorf("seed %d: no entity of kind %s", seed, k)
			}
		}
		if len(nationalities) < 15 {
			t.Errorf("seed %d: persons of only %d nationalities", seed, len(nationalities))
		}
		big4 := owners["IT"] + owners["DE"] + owners["FR"] + owners["ES"]
		if big4 < 400 || owners["IT"] < owners["MT"]*5 {
			t.Errorf("seed %d: owners not weighted like the caseload: %v", seed, owners)
		}
		if thirdOwned == 0 || thirdOwned > 200 {
			t.Errorf("seed %d: %d cases owned by third countries", seed, thirdOwned)
		}
	}
}

// TestSyntheticInstrumentsInScope: every synthetic instrument runs
// between its two countries (crosscase.CheckInstrumentScope) and
// validates, and every type appears.
func TestSyntheticInstrumentsInScope(t *testing.T) {
	desks, countries := fakeDesks(), referenceCountries()
	r, ir, now := rand.New(rand.NewSource(1)), rand.New(rand.NewSource(2)), time.Now()
	types := map[crosscase.InstrumentType]int{}
	for i := 0; i < 2000; i++ {
		b := Synthetic(r, desks, i)
		b.Case.ID = int64(i + 1)
		for _, in := range SyntheticInstruments(ir, b, countries, now) {
			types[in.Type]++
			if err := crosscase.CheckInstrumentScope(in.Type, countries[in.IssuingCountry], countries[in.ExecutingCountry]); err != nil {
				t.Fatalf("%s: %v", in.Reference, err)
			}
			x := *in
			x.EntityID = 0 // a reference to the bundle's entities until imported
			if err := x.Validate(crosscase.DateOf(now)); err != nil {
				t.Fatalf("%s: %v", in.Reference, err)
			}
		}
	}
	for _, typ := range crosscase.InstrumentTypes() {
		if types[typ] == 0 {
			t.Errorf("no synthetic %s: %v", typ, types)
		}
	}
}

func TestSyntheticDeterministic(t *testing.T) {
	desks := fakeDesks()
	gen := func(seed int64) []*crosscase.CaseBundle {
		r := rand.New(rand.NewSource(seed))
		var out []*crosscase.CaseBundle
		for i := 0; i < 300; i++ {
			out = append(out, Synthetic(r, desks, i))
		}
		return out
	}
	a, b := gen(7), gen(7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different cases")
	}
	if c := gen(8); reflect.DeepEqual(a[0], c[0]) && reflect.DeepEqual(a[1], c[1]) {
		t.Fatal("different seeds gave the same cases")
	}
}

func TestSyntheticOwnerWithoutDesk(t *testing.T) {
	desks := map[string]int64{"LU": 5}
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 50; i++ {
		b := Synthetic(r, desks, i)
		if b.Case.OwnerCountry != "LU" || b.Case.OwnerDeskID != 5 {
			t.Fatalf("owner %s desk %d, want the only desk (LU, 5)", b.Case.OwnerCountry, b.Case.OwnerDeskID)
		}
		checkBundle(t, b, desks, knownCountries())
	}
}

func TestLocales(t *testing.T) {
	if len(locales) < 15 {
		t.Fatalf("%d locales, want at least 15", len(locales))
	}
	countries := knownCountries()
	diacritics, cyrillicOrigin := false, 0
	for code, l := range locales {
		if _, ok := countries[code]; !ok {
			t.Errorf("locale %s is not a country", code)
		}
		if n := len(l.male) + len(l.female); n < 20 {
			t.Errorf("%s: %d given names", code, n)
		}
		if len(l.family) < 20 {
			t.Errorf("%s: %d family names", code, len(l.family))
		}
		for _, names := range [][]string{l.male, l.female, l.family} {
			seen := map[string]bool{}
			for _, n := range names {
				if seen[n] {
					t.Errorf("%s: %q twice in one list", code, n)
				}
				seen[n] = true
				if strings.IndexFunc(n, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
					diacritics = true
				}
			}
		}
		if len(l.places) == 0 || len(l.streets) == 0 || len(l.phones) == 0 || len(l.plates) == 0 ||
			len(l.companyForms) == 0 || len(l.companyWords) == 0 || len(l.mailDomains) == 0 || l.passport == "" || l.address == "" {
			t.Errorf("%s: incomplete locale", code)
		}
		if _, ok := ibanFormats[code]; !ok {
			t.Errorf("%s: no IBAN format", code)
		}
		r := rand.New(rand.NewSource(1))
		for i := 0; i < 50; i++ {
			e := &crosscase.Entity{Kind: crosscase.KindPhone, Value: phone(r, code)}
			if err := e.Validate(crosscase.DateOf(time.Now())); err != nil {
				t.Errorf("%s phone %q: %v", code, e.Value, err)
			}
			if a := address(r, code); strings.Contains(a, "%!") {
				t.Errorf("%s address %q", code, a)
			}
		}
	}
	for _, code := range []string{"UA", "BG", "RS"} { // transliterated from Cyrillic
		if locales[code] != nil {
			cyrillicOrigin++
		}
	}
	if !diacritics || cyrillicOrigin < 3 {
		t.Errorf("names with diacritics: %v; Cyrillic-origin locales: %d", diacritics, cyrillicOrigin)
	}
	for code := range nameLocale {
		if locales[nameLocale[code]] == nil {
			t.Errorf("%s borrows names from %s, which has no locale", code, nameLocale[code])
		}
	}
	for _, w := range append(append([]weighted{}, ownerWeights...), askedWeights...) {
		if len(placesOf(w.code)) == 0 {
			t.Errorf("%s may appear in cases but has no places", w.code)
		}
		if _, ok := countries[w.code]; !ok {
			t.Errorf("%s is not a country", w.code)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1 000", 200000: "200 000", 3000000: "3 000 000", 57123456: "57 123 456"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFeminineFamilyNames(t *testing.T) {
	if got := familyName("Kowalski/Kowalska", true); got != "Kowalska" {
		t.Errorf("feminine form %q", got)
	}
	if got := familyName("Kowalski/Kowalska", false); got != "Kowalski" {
		t.Errorf("masculine form %q", got)
	}
	if got := familyName("Nowak", true); got != "Nowak" {
		t.Errorf("invariable name %q", got)
	}
}

func TestIBAN(t *testing.T) {
	// Examples from the IBAN registry.
	for _, tc := range []struct{ country, bban, want string }{
		{"GB", "WEST12345698765432", "GB82WEST12345698765432"},
		{"DE", "370400440532013000", "DE89370400440532013000"},
		{"BE", "539007547034", "BE68539007547034"},
		{"AL", "212110090000000235698741", "AL47212110090000000235698741"},
	} {
		if got := withIBANCheck(tc.country, tc.bban); got != tc.want {
			t.Errorf("withIBANCheck(%s, %s) = %s, want %s", tc.country, tc.bban, got, tc.want)
		}
	}
	// Lengths from the IBAN registry.
	lengths := map[string]int{"AL": 28, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
		"ES": 24, "FI": 18, "FR": 27, "GB": 22, "GE": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27,
		"LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
		"PT": 25, "RO": 24, "RS": 22, "SE": 24, "SI": 19, "SK": 24, "TR": 26, "UA": 29, "AE": 23, "AD": 24, "BA": 20}
	r := rand.New(rand.NewSource(9))
	for code := range ibanFormats {
		want, ok := lengths[code]
		if !ok {
			t.Errorf("no registry length for %s", code)
			continue
		}
		for i := 0; i < 20; i++ {
			v := iban(r, code)
			n := crosscase.NormalizeIBAN(v)
			if !crosscase.ValidIBAN(v) || len(n) != want || n[:2] != code {
				t.Fatalf("%s: %q (valid %v, %d characters, want %d)", code, v, crosscase.ValidIBAN(v), len(n), want)
			}
		}
	}
	if iban(r, "KR") != "" {
		t.Error("an IBAN for a country without IBANs")
	}
}

// base58Decode checks the checksum of a base58check string and returns
// its version byte.
func base58Decode(t *testing.T, s string) byte {
	t.Helper()
	n := new(big.Int)
	for _, c := range s {
		i := strings.IndexRune(base58Alphabet, c)
		if i < 0 {
			t.Fatalf("%q: %q is not base58", s, c)
		}
		n.Mul(n, big.NewInt(58)).Add(n, big.NewInt(int64(i)))
	}
	data := n.Bytes()
	for _, c := range s {
		if c != '1' {
			break
		}
		data = append([]byte{0}, data...)
	}
	if len(data) != 25 {
		t.Fatalf("%q decodes to %d bytes", s, len(data))
	}
	h1 := sha256.Sum256(data[:21])
	h2 := sha256.Sum256(h1[:])
	if string(h2[:4]) != string(data[21:]) {
		t.Fatalf("%q: bad checksum", s)
	}
	return data[0]
}

func TestWallets(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	seen := map[string]bool{}
	for i := 0; i < 300; i++ {
		v, currency := wallet(r)
		seen[currency] = true
		switch {
		case strings.HasPrefix(currency, "Bitcoin"):
			if v[0] != '1' || base58Decode(t, v) != 0x00 {
				t.Fatalf("Bitcoin address %q", v)
			}
		case strings.HasPrefix(currency, "Tron"):
			if v[0] != 'T' || base58Decode(t, v) != 0x41 {
				t.Fatalf("Tron address %q", v)
			}
		default:
			if len(v) != 42 || !strings.HasPrefix(v, "0x") {
				t.Fatalf("Ethereum address %q", v)
			}
		}
	}
	if len(seen) != 3 {
		t.Errorf("currencies %v", seen)
	}
}

func authorityIDs() map[string]int64 {
	ids := map[string]int64{}
	for i, a := range operationAuthorities() {
		ids[a.key] = int64(1000 + i)
	}
	return ids
}

func TestOperations(t *testing.T) {
	countries := knownCountries()
	desks := map[string]int64{}
	for i, code := range operationDeskCountries() {
		desks[code] = int64(10 + i)
		if s := countries[code].Standing; s != crosscase.StandingMember && s != crosscase.StandingLiaison && s != crosscase.StandingContactPoint {
			t.Errorf("desk country %s has standing %s", code, s)
		}
	}
	auths := authorityIDs()
	known := map[int64]bool{}
	for _, id := range auths {
		known[id] = true
	}
	bundles := Operations(desks, auths)
	if len(bundles) != 7 {
		t.Fatalf("%d operations, want the 7 of the press releases", len(bundles))
	}
	titles := map[string]bool{}
	used := map[int64]bool{}
	for _, b := range bundles {
		checkBundle(t, b, desks, countries)
		c := b.Case
		if titles[c.Title] {
			t.Errorf("title %q twice", c.Title)
		}
		titles[c.Title] = true
		if len(c.AuthorityIDs) == 0 {
			t.Errorf("%q names no authority", c.Title)
		}
		for _, id := range c.AuthorityIDs {
			if !known[id] {
				t.Errorf("%q: authority %d unknown", c.Title, id)
			}
			used[id] = true
		}
		if c.Summary == "" || len(b.Entities) == 0 {
			t.Errorf("%q has no summary or no entities", c.Title)
		}
	}
	if len(used) != len(auths) {
		t.Errorf("%d of %d authorities take part in no operation", len(auths)-len(used), len(auths))
	}
	if !reflect.DeepEqual(Operations(desks, auths), bundles) {
		t.Error("Operations is not deterministic")
	}

	ia := bundles[0]
	if ia.Case.OwnerCountry != "IT" || !reflect.DeepEqual(ia.Case.AskedCountries, []string{"AL"}) {
		t.Fatalf("Italy–Albania: owner %s, asked %v", ia.Case.OwnerCountry, ia.Case.AskedCountries)
	}
	if !strings.Contains(ia.Case.Summary, "joint investigation team (JIT)") {
		t.Error("Italy–Albania summary does not note the JIT")
	}
	for _, key := range []string{"it-bari-dda", "al-spak", "al-police"} {
		if !containsID(ia.Case.AuthorityIDs, auths[key]) {
			t.Errorf("Italy–Albania lacks authority %s", key)
		}
	}
	suspects, ocgs := 0, 0
	names := map[string]bool{}
	byNationality := map[string]int{}
	for _, e := range ia.Entities {
		switch e.Kind {
		case crosscase.KindPerson:
			if e.Role != crosscase.RoleSuspect {
				t.Errorf("%s is %s, want suspect", e.Label(), e.Role)
			}
			suspects++
			byNationality[e.Nationality]++
			if names[e.Label()] {
				t.Errorf("suspect %s twice", e.Label())
			}
			names[e.Label()] = true
		case crosscase.KindOCG:
			ocgs++
		}
	}
	if suspects != 52 {
		t.Errorf("Italy–Albania has %d suspects, want 52", suspects)
	}
	if byNationality["AL"]+byNationality["IT"] != 52 || byNationality["AL"] == 0 || byNationality["IT"] == 0 {
		t.Errorf("Italy–Albania suspects by nationality: %v", byNationality)
	}
	if ocgs != 3 {
		t.Errorf("Italy–Albania has %d organised crime groups, want 3", ocgs)
	}
}

func containsID(list []int64, id int64) bool {
	for _, v := range list {
		if v == id {
			return true
		}
	}
	return false
}

func TestOperationAuthoritiesAndUsers(t *testing.T) {
	keys, names := map[string]bool{}, map[string]bool{}
	for _, a := range operationAuthorities() {
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", a.key, err)
		}
		if keys[a.key] || names[a.CountryCode+a.Name] {
			t.Errorf("authority %s / %q twice", a.key, a.Name)
		}
		keys[a.key], names[a.CountryCode+a.Name] = true, true
	}
	deskCountries := map[string]bool{}
	for _, c := range operationDeskCountries() {
		deskCountries[c] = true
	}
	logins := map[string]bool{}
	for _, du := range demoUsers() {
		u := &crosscase.User{Name: du.name, DisplayName: du.display, Role: du.role}
		switch {
		case du.role == crosscase.RoleJITMember:
			u.CountryCode = du.country // a JIT-only account's country
		case du.country != "":
			if !deskCountries[du.country] {
				t.Errorf("user %s at a desk the demo does not create (%s)", du.name, du.country)
			}
			u.DeskID = 1
		}
		if err := u.Validate(); err != nil {
			t.Errorf("user %s: %v", du.name, err)
		}
		if logins[du.name] {
			t.Errorf("user %s twice", du.name)
		}
		logins[du.name] = true
	}
	for c := range deskCountries {
		found := false
		for _, du := range demoUsers() {
			found = found || (du.country == c && (du.role == crosscase.RoleDeskMember || du.role == crosscase.RoleLiaison || du.role == crosscase.RoleContactPoint))
		}
		if !found {
			t.Errorf("desk %s has no demo member", c)
		}
	}
}

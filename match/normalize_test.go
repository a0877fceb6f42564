package match

import (
	"slices"
	"strings"
	"testing"

	"crosscase"
)

func personRec(given, family string) Record {
	return Record{Kind: crosscase.KindPerson, GivenName: given, FamilyName: family}
}

func TestNormalizePersonTokens(t *testing.T) {
	for _, c := range []struct {
		given, family string
		want          []string
	}{
		{"Łukasz", "Wróbel", []string{"lukasz", "wrobel"}},
		{"Ștefan", "Țiriac", []string{"stefan", "tiriac"}},
		{"Arbër", "Çela", []string{"arber", "cela"}},
		{"Jürgen", "Größ", []string{"jurgen", "gross"}},
		{"Тарас", "Шевченко", []string{"taras", "shevchenko"}},
		{"Григорій", "Їжакевич", []string{"hryhoriy", "yizhakevych"}},      // Ukrainian: г is h, и is y
		{"Петър", "Първанов", []string{"petar", "parvanov"}},               // Bulgarian: ъ is a
		{"Ђорђе", "Џајић", []string{"djordje", "dzajic"}},                  // Serbian
		{"Γεώργιος", "Παπαδόπουλος", []string{"georgios", "papadopoulos"}}, // ELOT 743
		{"Ευάγγελος", "Μπακογιάννης", []string{"evangelos", "bakogiannis"}},
		{"Mr John", "O'Brien", []string{"john", "obrien"}},
		{"Anna-Maria", "García López", []string{"anna", "maria", "garcia", "lopez"}},
		{"J.", "van der Berg", []string{"j", "van", "der", "berg"}},
		{"Søren", "Kierkegaard", []string{"soren", "kierkegaard"}},
		{"", "Đorđević", []string{"djordjevic"}},
		{"ㅎㅎ", "Smith", []string{"smith"}}, // letters of other scripts are dropped (Han and Arabic: translit_scripts_test.go)
	} {
		k := Normalize(personRec(c.given, c.family))
		if !slices.Equal(k.Tokens, c.want) {
			t.Errorf("%q %q: tokens %q, want %q", c.given, c.family, k.Tokens, c.want)
		}
		if len(k.Phonetic) != len(k.Tokens) {
			t.Errorf("%q %q: %d phonetic keys for %d tokens", c.given, c.family, len(k.Phonetic), len(k.Tokens))
		}
		// Given-name keys carry the marker, family-name keys do not.
		given := len(Normalize(personRec(c.given, "")).Tokens)
		for i, p := range k.Phonetic {
			if (i < given) != strings.HasPrefix(p, string(givenMarker)) {
				t.Errorf("%q %q: phonetic key %d is %q", c.given, c.family, i, p)
			}
		}
	}
}

// Spellings of one name under different conventions share a phonetic key.
func TestPhoneticVariantsCollide(t *testing.T) {
	for _, group := range [][]string{
		{"Шевченко", "Shevchenko", "Ševčenko", "Schewtschenko", "Chevtchenko", "Sevcenko"},
		{"Παπαδόπουλος", "Papadopoulos", "Papadopulos"},
		{"Müller", "Mueller", "Muller"},
		{"Bäcker", "Baecker", "Backer"},
		{"Schröder", "Schroeder", "Schroder"},
		{"Çela", "Cela", "Chela"},
		{"Łukasz", "Lukasz", "Lukas"},
		{"Ștefan", "Stefan", "Shtefan"},
		{"Евгений", "Yevgeniy", "Evgeniy", "Jewgeni", "Evgenij", "Evgeni"},
		{"Юрий", "Yuriy", "Iouri", "Jurij", "Yury", "Juri"},
		{"Сергеев", "Sergeyev", "Sergejew", "Sergeev"},
		{"Зайцев", "Zaytsev", "Saizew", "Zajcev", "Zaitsev"},
		{"Фёдор", "Fyodor", "Fjodor", "Fiodor", "Fëdor", "Fedor"},
		{"Хрущёв", "Khrushchev", "Khrushchëv", "Hruščëv"},
		{"Хохлов", "Khokhlov", "Hohlov"},
		{"Χρήστος", "Christos", "Hristos", "Khristos"},
		{"Modrić", "Modric", "Modrich"},
		{"Čolić", "Cholich"},
		{"Przybylski", "Pshibylski"},
		{"Smith", "Smyth"},
	} {
		var keys []string
		for _, s := range group {
			keys = append(keys, Normalize(personRec("", s)).Phonetic[0])
		}
		for i := range keys {
			if keys[i] != keys[0] {
				t.Errorf("%s → %s but %s → %s", group[0], keys[0], group[i], keys[i])
			}
		}
	}
	// and different names do not.
	for _, pair := range [][2]string{{"Petrov", "Petrova"}, {"Ivanov", "Ivan"}, {"Müller", "Möller"}, {"Jokić", "Đokić"}} {
		a, b := Normalize(personRec("", pair[0])).Phonetic[0], Normalize(personRec("", pair[1])).Phonetic[0]
		if a == b {
			t.Errorf("%s and %s share the phonetic key %s", pair[0], pair[1], a)
		}
	}
}

func TestNormalizeCompanyLegalForms(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Alfa Trading S.r.l.", []string{"alfa", "trading"}},
		{"Beta Sh.p.k.", []string{"beta"}},
		{"Gamma GmbH & Co. KG", []string{"gamma"}},
		{"Delta Sp. z o.o.", []string{"delta"}},
		{"Epsilon Ltd.", []string{"epsilon"}},
		{"EPSILON LIMITED", []string{"epsilon"}},
		{"Zeta SARL", []string{"zeta"}},
		{"Eta B.V.", []string{"eta"}},
		{"Theta S.A.", []string{"theta"}},
		{"Iota AG", []string{"iota"}},
		{"Kappa Holdings, LLC", []string{"kappa", "holdings"}},
		{"ООО «Ромашка»", []string{"romashka"}},
		{"AB Volvo", []string{"volvo"}},
		{"Lambda d.o.o.", []string{"lambda"}},
		{"Mu s.r.o.", []string{"mu"}},
		{"The Nu Company", []string{"nu"}},
		{"Xi and Omicron Kft.", []string{"xi", "omicron"}},
		{"AG", []string{"ag"}}, // a name that is only a legal form keeps it
		{"Ελληνική Εταιρεία Α.Ε.", []string{"elliniki", "etaireia"}},
	} {
		k := Normalize(Record{Kind: crosscase.KindCompany, Name: c.name})
		if !slices.Equal(k.Tokens, c.want) {
			t.Errorf("%q: tokens %q, want %q", c.name, k.Tokens, c.want)
		}
	}
}

func TestNormalizeIdentifiers(t *testing.T) {
	for _, c := range []struct {
		kind           crosscase.EntityKind
		value, country string
		want           string
	}{
		// Phones: the record's country reads national numbers.
		{crosscase.KindPhone, "030 1234 5678", "DE", "+493012345678"},
		{crosscase.KindPhone, "+49 (30) 1234-5678", "", "+493012345678"},
		{crosscase.KindPhone, "0049 30 12345678", "", "+493012345678"},
		{crosscase.KindPhone, "0049 30 12345678", "DE", "+493012345678"},
		{crosscase.KindPhone, "+49 30 12345678", "IT", "+493012345678"},
		{crosscase.KindPhone, "333 123 4567", "IT", "+393331234567"},
		{crosscase.KindPhone, "06 12345678", "NL", "+31612345678"},
		{crosscase.KindPhone, "030 1234 5678", "", ""}, // no country: unreadable
		{crosscase.KindPhone, "12", "DE", ""},
		// IBAN: spaces and case ignored, checksum checked.
		{crosscase.KindIBAN, "de89 3704 0044 0532 0130 00", "", "DE89370400440532013000"},
		{crosscase.KindIBAN, "DE89-3704-0044-0532-0130-00", "", "DE89370400440532013000"},
		{crosscase.KindIBAN, "DE88 3704 0044 0532 0130 00", "", ""},
		// E-mail: lower case, dots kept.
		{crosscase.KindEmail, " John.Doe@Example.COM ", "", "john.doe@example.com"},
		{crosscase.KindEmail, "John Doe <j.doe+x@mail.example>", "", "j.doe+x@mail.example"},
		{crosscase.KindEmail, "not an address", "", ""},
		// Plates: upper case, no spaces or dashes; Cyrillic look-alikes read as Latin.
		{crosscase.KindVehicle, "b-ab 1234", "DE", "BAB1234"},
		{crosscase.KindVehicle, "А 123 ВС 77", "RU", "A123BC77"},
		// Wallets: lower-cased (base58 too: copied in capitals from paper).
		{crosscase.KindCryptoWallet, " 0xAbC123def4567890aBc123DEF4567890abc123de ", "", "0xabc123def4567890abc123def4567890abc123de"},
		{crosscase.KindCryptoWallet, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "", "1boatslrhtknngkdxeeobr76b53lettpyt"},
		{crosscase.KindCryptoWallet, "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", "", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
		// Documents: upper-case letters and digits only.
		{crosscase.KindDocument, "ab 12-34.56", "IT", "AB123456"},
		// Addresses: lower-case letters and digits run together, street words shortened.
		{crosscase.KindAddress, "Hauptstraße 5, Berlin", "DE", "hauptstr5berlin"},
		{crosscase.KindAddress, "Hauptstr. 5 Berlin", "DE", "hauptstr5berlin"},
		{crosscase.KindAddress, "HAUPTSTRASSE5,BERLIN", "DE", "hauptstr5berlin"},
		{crosscase.KindAddress, "Strada Libertății 87, 900110 Constanța", "RO", "stradalibertatii87900110constanta"},
		{crosscase.KindAddress, "STRADALIBERTĂȚII87,900110CONSTANȚA", "RO", "stradalibertatii87900110constanta"},
		// Not an identifier kind.
		{crosscase.KindPerson, "x", "", ""},
	} {
		got := Normalize(Record{Kind: c.kind, Value: c.value, Country: c.country, GivenName: "x"}).Ident
		if got != c.want {
			t.Errorf("%s %q (%s): %q, want %q", c.kind, c.value, c.country, got, c.want)
		}
	}
}

func TestFromEntity(t *testing.T) {
	e := &crosscase.Entity{ID: 7, CaseID: 3, Kind: crosscase.KindPerson, GivenName: "Ana", FamilyName: "Pop",
		BirthDate: crosscase.Date{Year: 1990, Month: 2, Day: 3}, Nationality: "RO"}
	r := FromEntity(e, 11, "IT")
	want := Record{EntityID: 7, CaseID: 3, DeskID: 11, Kind: crosscase.KindPerson, GivenName: "Ana", FamilyName: "Pop",
		BirthDate: e.BirthDate, Nationality: "RO", Country: "IT"}
	if r != want {
		t.Fatalf("FromEntity = %+v, want %+v", r, want)
	}
	// An identifier's own country wins over the case's.
	e = &crosscase.Entity{ID: 8, CaseID: 3, Kind: crosscase.KindPhone, Value: "030 1234 5678", Country: "DE"}
	if r := FromEntity(e, 11, "IT"); r.Country != "DE" || Normalize(r).Ident != "+493012345678" {
		t.Fatalf("FromEntity phone = %+v", r)
	}
	// Without one, the case's country reads a national number.
	e.Country = ""
	if r := FromEntity(e, 11, "DE"); Normalize(r).Ident != "+493012345678" {
		t.Fatalf("national number with the case's country: %+v", Normalize(r))
	}
}

func TestBlockingKeys(t *testing.T) {
	shares := func(a, b Record) bool {
		return meets(Normalize(a), Normalize(b))
	}
	for _, c := range [][2]Record{
		{personRec("Taras", "Шевченко"), personRec("Taras", "Schewtschenko")},
		{personRec("Miloš", "Čolić"), personRec("M.", "Colic")},
		{personRec("Ivan", "Petrov"), personRec("Petrov", "Ivan")},
		{personRec("Jonathan", "Livingstone"), personRec("Jonathon", "Livingston")},
		{{Kind: crosscase.KindPhone, Value: "030 1234 5678", Country: "DE"}, {Kind: crosscase.KindPhone, Value: "+49 30 12345678"}},
		{{Kind: crosscase.KindCompany, Name: "Euro Trans GmbH"}, {Kind: crosscase.KindCompany, Name: "EUROTRANS"}},
		{{Kind: crosscase.KindCompany, Name: "Alfa Trading S.r.l."}, {Kind: crosscase.KindCompany, Name: "Alfa Trading Ltd"}},
	} {
		if !shares(c[0], c[1]) {
			t.Errorf("%+v and %+v share no blocking key: %q, %q", c[0], c[1], BlockingKeys(Normalize(c[0])), BlockingKeys(Normalize(c[1])))
		}
	}
	// Initials and very common company words are not filed.
	for _, k := range BlockingKeys(Normalize(personRec("J.", "Smith"))) {
		if k == "p:i" || k == "p:j" {
			t.Errorf("an initial is filed: %q", k)
		}
	}
	for _, k := range BlockingKeys(Normalize(Record{Kind: crosscase.KindCompany, Name: "Alfa International Trading"})) {
		if strings.HasPrefix(k, "c:") && (strings.Contains(k, "trading") || strings.Contains(k, "internat")) {
			t.Errorf("a common word is filed: %q", k)
		}
	}
	if got := BlockingKeys(Normalize(Record{Kind: crosscase.KindEmail, Value: "A@B.example"})); !slices.Equal(got, []string{"id:a@b.example"}) {
		t.Errorf("e-mail keys %q", got)
	}
	if got := BlockingKeys(Normalize(Record{Kind: crosscase.KindIBAN, Value: "DE00 0000"})); len(got) != 0 {
		t.Errorf("an unreadable identifier is filed: %q", got)
	}
}

// Pair keys join a given and a family name whichever field holds them,
// in either order and with a middle name between; particles, initials and
// numbers are not paired, and only persons have them.
func TestPairKeys(t *testing.T) {
	pairs := func(r Record) []string {
		k := Normalize(r)
		return pairKeys(&k, nil)
	}
	maria := pairs(personRec("Maria", "Rossi"))
	if len(maria) != 1 {
		t.Fatalf("Maria Rossi: pair keys %q, want one", maria)
	}
	for _, r := range []Record{
		personRec("Rossi", "Maria"),
		personRec("", "Maria Rossi"),
		personRec("Maria Anna", "Rossi"),
		personRec("Maria", "de Rossi"),
		personRec("M. Maria", "Rossi 2"),
	} {
		if got := pairs(r); !slices.Contains(got, maria[0]) {
			t.Errorf("%q %q: pair keys %q, want %q among them", r.GivenName, r.FamilyName, got, maria[0])
		}
	}
	if got := pairs(personRec("Maria", "Bianchi")); slices.Contains(got, maria[0]) {
		t.Errorf("Maria Bianchi has the pair key of Maria Rossi: %q", got)
	}
	if got := pairs(personRec("Ana Maria Luisa Carmen", "Garcia Lopez")); len(got) != 6 {
		t.Errorf("six name words: pair keys %q, want the six pairs of the first four", got)
	}
	for _, r := range []Record{personRec("Maria", ""), personRec("J.", "Smith"), {Kind: crosscase.KindCompany, Name: "Maria Rossi Srl"}} {
		if got := pairs(r); len(got) != 0 {
			t.Errorf("%+v: pair keys %q, want none", r, got)
		}
	}
	for _, k := range lookupKeys(Normalize(personRec("Maria", "Rossi"))) {
		if strings.HasPrefix(k, "w:") {
			t.Errorf("a check ranks by pair key %q", k)
		}
	}
}

// Digits written for letters are read as letters; numbers after a name
// stay numbers.
func TestDigitsAsLetters(t *testing.T) {
	for in, want := range map[string]string{"m0hammed": "mohammed", "5ergei": "sergei", "al1ce": "alice", "rossi2": "rossi2", "1990": "1990", "j0hn2": "john2", "a2b": "a2b"} {
		if got := digitsAsLetters(in); got != want {
			t.Errorf("digitsAsLetters(%q) = %q, want %q", in, got, want)
		}
	}
}

// A name damaged by a wrong decoding (UTF-8 read as Windows-1252) is
// repaired before it is read.
func TestFixMojibake(t *testing.T) {
	for in, want := range map[string]string{"DaniÃ«l": "Daniël", "BronisÅ‚aw": "Bronisław", "Köbben": "Köbben", "Ãrpád": "Ãrpád", "MÃ¼ller": "Müller"} {
		if got := fixMojibake(in); got != want {
			t.Errorf("fixMojibake(%q) = %q, want %q", in, got, want)
		}
	}
}

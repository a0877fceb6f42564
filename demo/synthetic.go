package demo

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"time"

	"crosscase"
	"crosscase/refdata"
)

// weighted is a choice with its relative weight.
type weighted struct {
	code   string
	weight int
}

// ownerWeights approximate which desks register the agency's cases: the
// large member states first, third countries with a liaison prosecutor
// rarely (378 of some 13 000 cases in 2024).
var ownerWeights = []weighted{
	{"IT", 120}, {"DE", 110}, {"FR", 90}, {"ES", 80}, {"NL", 60}, {"RO", 60}, {"PL", 55}, {"BE", 50},
	{"PT", 40}, {"AT", 40}, {"GR", 30}, {"HU", 30}, {"CZ", 30}, {"SE", 30}, {"BG", 20}, {"HR", 20},
	{"LT", 20}, {"SK", 18}, {"SI", 15}, {"IE", 10}, {"LU", 10}, {"LV", 10}, {"EE", 8}, {"FI", 10},
	{"DK", 10}, {"CY", 8}, {"MT", 6},
	{"CH", 8}, {"GB", 8}, {"AL", 5}, {"NO", 5}, {"UA", 5}, {"US", 4}, {"RS", 3}, {"ME", 2},
	{"MK", 2}, {"MD", 2}, {"GE", 2}, {"IS", 1},
}

// askedWeights approximate which countries are asked for help: member
// states, then the third countries most involved (the United Kingdom,
// Switzerland, Albania, …) and a few partners beyond.
var askedWeights = []weighted{
	{"DE", 100}, {"ES", 90}, {"NL", 90}, {"IT", 80}, {"FR", 80}, {"BE", 70}, {"PL", 50}, {"RO", 50},
	{"AT", 40}, {"PT", 35}, {"CZ", 30}, {"HU", 30}, {"BG", 30}, {"GR", 25}, {"SE", 25}, {"LU", 20},
	{"HR", 20}, {"LT", 20}, {"SK", 18}, {"CY", 18}, {"IE", 15}, {"SI", 15}, {"LV", 12}, {"DK", 12},
	{"FI", 10}, {"EE", 10}, {"MT", 10},
	{"GB", 40}, {"CH", 35}, {"AL", 20}, {"UA", 15}, {"US", 15}, {"RS", 12}, {"NO", 10}, {"TR", 10},
	{"MD", 6}, {"ME", 6}, {"MK", 5}, {"GE", 5}, {"BA", 6}, {"MA", 6}, {"AE", 6}, {"CO", 5}, {"BR", 5},
	{"EC", 4}, {"IL", 4}, {"LI", 3}, {"MC", 2}, {"IS", 2}, {"AR", 2}, {"MX", 2}, {"PE", 2}, {"CL", 2},
}

// crimeWeights follow the annual report: swindling and fraud, drug
// trafficking and money laundering lead.
var crimeWeights = []weighted{
	{"swindling_fraud", 28}, {"drug_trafficking", 20}, {"money_laundering", 14}, {"organised_property_crime", 7},
	{"migrant_smuggling", 5}, {"trafficking_human_beings", 5}, {"cybercrime", 6}, {"corruption", 3},
	{"core_international_crimes", 2}, {"terrorism", 2}, {"intellectual_property_crime", 1}, {"vat_fraud", 3},
	{"environmental_crime", 1}, {"weapons_trafficking", 2}, {"crimes_against_life", 4}, {"child_sexual_abuse", 1},
	{"counterfeiting_currency", 1}, {"other", 2},
}

// crimePriority is the EMPACT priority a case of a crime type usually
// falls under.
var crimePriority = map[string]string{
	"swindling_fraud": "empact_fraud_economic_financial", "vat_fraud": "empact_fraud_economic_financial",
	"drug_trafficking": "empact_drug_trafficking", "money_laundering": "empact_criminal_finances",
	"organised_property_crime": "empact_organised_property_crime", "migrant_smuggling": "empact_migrant_smuggling",
	"trafficking_human_beings": "empact_trafficking_human_beings", "cybercrime": "empact_cyber_attacks",
	"child_sexual_abuse": "empact_child_sexual_exploitation", "environmental_crime": "empact_environmental_crime",
	"weapons_trafficking": "empact_firearms_trafficking", "corruption": "empact_high_risk_networks",
	"crimes_against_life": "empact_high_risk_networks", "intellectual_property_crime": "empact_fraud_economic_financial",
	"counterfeiting_currency": "empact_fraud_economic_financial", "other": "empact_document_fraud",
}

// titles are case titles by crime type; %s is a place.
var titles = map[string][]string{
	"drug_trafficking": {"Cocaine in banana containers through the port of %s", "Cannabis plantations supplying dealers in %s",
		"Heroin route from the Balkans to %s", "Synthetic drug laboratory near %s", "Encrypted-phone network distributing cocaine in %s",
		"Cocaine hidden in lorries with fruit bound for %s"},
	"swindling_fraud": {"Fake investment platform with call centres in %s", "CEO fraud against companies in %s",
		"Romance scams with money sent through %s", "Fake online shops targeting consumers in %s", "Bank phishing of customers in %s",
		"Fake police officers defrauding elderly people in %s"},
	"money_laundering": {"Underground banking through %s", "Proceeds of drug sales invested in real estate in %s",
		"Money mule accounts opened in %s", "Cash couriers driving proceeds to %s", "Trade-based laundering with used cars via %s"},
	"organised_property_crime": {"Burglaries of jewellers in %s", "Attacks on cash machines around %s", "Luxury cars stolen and shipped from %s",
		"Cargo theft from lorries parked near %s", "Pickpocketing gang active in %s"},
	"migrant_smuggling": {"Migrants smuggled in vans via %s", "Forged documents for migrants travelling through %s",
		"Small-boat crossings organised from %s"},
	"trafficking_human_beings": {"Sexual exploitation of women recruited for work in %s", "Labour exploitation on farms near %s",
		"Forced begging by children brought to %s"},
	"cybercrime": {"Ransomware attacks on hospitals in %s", "Botnet command servers hosted in %s", "Dark-web marketplace run from %s",
		"Theft of payment card data from shops in %s"},
	"corruption":                {"Bribes for public contracts in %s", "Corrupt customs officers at the port of %s", "Kickbacks in hospital procurement in %s"},
	"core_international_crimes": {"War crimes by militia members now living in %s", "Crimes against humanity: witnesses heard in %s"},
	"terrorism":                 {"Financing of a terrorist organisation through %s", "Online propaganda cell with members in %s"},
	"intellectual_property_crime": {"Counterfeit medicines sold online from %s", "Illegal IPTV streaming service run from %s",
		"Counterfeit car parts warehoused in %s"},
	"vat_fraud": {"Carousel VAT fraud with mobile phones through %s", "Missing traders in fuel sales in %s",
		"VAT fraud with imported electronics cleared in %s"},
	"environmental_crime":     {"Illegal shipments of plastic waste to %s", "Trafficking of glass eels through %s"},
	"weapons_trafficking":     {"Converted firearms sold from %s", "Weapons from the Western Balkans smuggled to %s"},
	"crimes_against_life":     {"Contract killing ordered from %s", "Kidnapping for ransom in %s"},
	"child_sexual_abuse":      {"Online child sexual abuse platform administered from %s"},
	"counterfeiting_currency": {"Counterfeit euro banknotes printed in %s"},
	"other":                   {"Fugitive located in %s", "Document forgery workshop in %s"},
}

// ownerCodes returns the countries that may own synthetic cases.
func ownerCodes() []string {
	out := make([]string, len(ownerWeights))
	for i, w := range ownerWeights {
		out[i] = w.code
	}
	return out
}

func choose(r *rand.Rand, list []weighted) string {
	total := 0
	for _, w := range list {
		total += w.weight
	}
	n := r.Intn(total)
	for _, w := range list {
		if n < w.weight {
			return w.code
		}
		n -= w.weight
	}
	return list[len(list)-1].code
}

// countryNames maps codes to English short names (read-only).
var countryNames = func() map[string]string {
	m := map[string]string{}
	for _, c := range refdata.Countries() {
		m[c.Code] = c.Name
	}
	return m
}()

// namesOf returns the locale whose names people of country carry, or nil.
func namesOf(country string) *locale {
	if l := locales[country]; l != nil {
		return l
	}
	return locales[nameLocale[country]]
}

// person returns a person of the given nationality with a name typical
// of it and a plausible date of birth. A nationality without known names
// becomes Italian.
func person(r *rand.Rand, nationality string, role crosscase.EntityRole) *crosscase.Entity {
	l := namesOf(nationality)
	if l == nil {
		l, nationality = locales["IT"], "IT"
	}
	female := r.Intn(100) < 22
	given := pick(r, l.male)
	if female {
		given = pick(r, l.female)
	}
	family := familyName(pick(r, l.family), female)
	if l.doubleFamily && r.Intn(100) < 70 {
		second := familyName(pick(r, l.family), female)
		if second != family {
			family += " " + second
		}
	}
	born := crosscase.Date{Year: 1958 + r.Intn(45), Month: time.Month(1 + r.Intn(12)), Day: 1 + r.Intn(28)}
	return &crosscase.Entity{Kind: crosscase.KindPerson, Role: role, GivenName: given, FamilyName: family, BirthDate: born, Nationality: nationality}
}

// familyName picks the masculine or feminine form of "Masc/Fem".
func familyName(s string, female bool) string {
	m, f, ok := strings.Cut(s, "/")
	if !ok {
		return s
	}
	if female {
		return f
	}
	return m
}

// company returns a company registered in country with a name and legal
// form of that country.
func company(r *rand.Rand, country string, role crosscase.EntityRole) *crosscase.Entity {
	l := namesOf(country)
	if l == nil {
		l = locales["GB"]
	}
	base := familyName(pick(r, l.family), false)
	if r.Intn(3) == 0 {
		base = pick(r, l.places).city
	}
	word, form := pick(r, l.companyWords), pick(r, l.companyForms)
	name := base + " " + word + " " + form
	if l.formFirst {
		name = form + ` "` + base + " " + word + `"`
	}
	return &crosscase.Entity{Kind: crosscase.KindCompany, Role: role, Name: name, Country: country}
}

// Synthetic returns synthetic case number i: an owner country weighted
// like the agency's real caseload, one to three asked countries, one to
// three crime types and about ten entities (persons with names typical of
// their nationality, companies with their country's legal forms, phones in
// the country's format, IBANs with valid checksums, e-mails, vehicles,
// crypto wallets, addresses, passports). desks maps country codes to desk
// ids and must not be empty; an owner without a desk there is replaced by
// one that has. The result depends only on r's state, desks and i.
func Synthetic(r *rand.Rand, desks map[string]int64, i int) *crosscase.CaseBundle {
	owner := choose(r, ownerWeights)
	if _, ok := desks[owner]; !ok {
		owner = anyDesk(r, desks)
	}
	countries := []string{owner}
	nAsked := 1 + r.Intn(3)
	for tries := 0; len(countries) <= nAsked && tries < 20; tries++ {
		c := choose(r, askedWeights)
		if !containsString(countries, c) {
			countries = append(countries, c)
		}
	}
	asked := countries[1:]

	crimes := []string{choose(r, crimeWeights)}
	for n := r.Intn(100); n < 45 && len(crimes) < 3; n = r.Intn(100) {
		c := "money_laundering"
		if r.Intn(3) == 0 {
			c = choose(r, crimeWeights)
		}
		if !containsString(crimes, c) {
			crimes = append(crimes, c)
		}
	}
	main := crimes[0]
	priority := ""
	if r.Intn(100) < 60 {
		priority = crimePriority[main]
	}

	opened := crosscase.Date{Year: 2018, Month: time.January, Day: 1}.AddDays(r.Intn(8 * 365))
	c := &crosscase.Case{
		OwnerDeskID:    desks[owner],
		OwnerCountry:   owner,
		AskedCountries: asked,
		CrimeTypes:     crimes,
		Priority:       priority,
		Status:         crosscase.CaseOpen,
		OpenedOn:       opened,
	}
	horizon := crosscase.Date{Year: 2025, Month: time.December, Day: 31}
	if closed := opened.AddDays(60 + r.Intn(900)); closed.Before(horizon) && r.Intn(100) < 55 {
		c.Status, c.ClosedOn = crosscase.CaseClosed, closed
	}
	place := pick(r, placesOf(pick(r, countries))).city
	c.Title = fmt.Sprintf(pick(r, titles[main]), place)

	var victims int
	var damage int64
	switch main {
	case "swindling_fraud", "cybercrime", "vat_fraud":
		victims = 5 + r.Intn(400)
		damage = int64(50_000+r.Intn(5_000_000)) * int64(1+r.Intn(4))
	case "trafficking_human_beings":
		victims = 2 + r.Intn(40)
	case "organised_property_crime":
		victims = 3 + r.Intn(60)
		damage = int64(20_000 + r.Intn(2_000_000))
	case "crimes_against_life", "child_sexual_abuse", "core_international_crimes":
		victims = 1 + r.Intn(25)
	}
	c.Victims, c.FinancialDamageEUR = victims, damage

	b := &crosscase.CaseBundle{Case: c}
	nEntities := 3 + r.Intn(15) // 3..17, about 10 on average
	var suspects []*crosscase.Entity
	for k := 0; k < nEntities; k++ {
		country := pick(r, countries)
		if r.Intn(5) == 0 {
			country = owner
		}
		var e *crosscase.Entity
		switch n := r.Intn(100); {
		case n < 40:
			role := crosscase.RoleSuspect
			switch m := r.Intn(100); {
			case victims > 0 && m < 20:
				role = crosscase.RoleVictim
			case m < 28:
				role = crosscase.RoleWitness
			}
			e = person(r, withNames(country, countries), role)
			if role == crosscase.RoleSuspect {
				suspects = append(suspects, e)
			}
		case n < 52:
			e = company(r, withNames(country, countries), crosscase.RoleSuspect)
			if r.Intn(4) == 0 {
				e.Role = crosscase.RoleOther
				e.Notes = "Used by the suspects without the owners' knowledge."
			}
		case n < 54:
			e = &crosscase.Entity{Kind: crosscase.KindOCG, Role: crosscase.RoleSuspect,
				Name: fmt.Sprintf("%s group (%s)", pick(r, placesOf(country)).city, crosscase.CrimeTypeName(main))}
		case n < 69:
			e = &crosscase.Entity{Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: phone(r, country), Country: country}
			if r.Intn(3) == 0 {
				e.Notes = "Intercepted line."
			}
		case n < 79:
			v := iban(r, country)
			if v == "" {
				country = owner
				if v = iban(r, country); v == "" {
					country = "DE"
					v = iban(r, country)
				}
			}
			e = &crosscase.Entity{Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect, Value: v, Country: country}
		case n < 86:
			var given, family string
			if len(suspects) > 0 && r.Intn(2) == 0 {
				s := pick(r, suspects)
				given, family = s.GivenName, s.FamilyName
			} else {
				p := person(r, country, crosscase.RoleOther)
				given, family = p.GivenName, p.FamilyName
			}
			e = &crosscase.Entity{Kind: crosscase.KindEmail, Role: crosscase.RoleSuspect, Value: email(r, country, given, family)}
		case n < 91:
			e = &crosscase.Entity{Kind: crosscase.KindVehicle, Role: crosscase.RoleSuspect, Value: plate(r, country), Country: country,
				Notes: pick(r, vehicleModels) + ", " + pick(r, colours) + "."}
		case n < 95:
			v, currency := wallet(r)
			e = &crosscase.Entity{Kind: crosscase.KindCryptoWallet, Role: crosscase.RoleSuspect, Value: v, Notes: currency + " wallet."}
		case n < 98:
			e = &crosscase.Entity{Kind: crosscase.KindAddress, Role: crosscase.RoleSuspect, Value: address(r, country), Country: country}
		default:
			e = &crosscase.Entity{Kind: crosscase.KindDocument, Role: crosscase.RoleSuspect, Value: passport(r, country), Country: country,
				Notes: "Passport."}
		}
		e.ExternalRef = fmt.Sprintf("synthetic/%d/%d", i, k)
		b.Entities = append(b.Entities, e)
	}
	c.Summary = syntheticSummary(r, c, len(suspects))
	return b
}

// syntheticSummary writes a short account of the case.
func syntheticSummary(r *rand.Rand, c *crosscase.Case, suspects int) string {
	var b strings.Builder
	names := make([]string, len(c.AskedCountries))
	for i, code := range c.AskedCountries {
		names[i] = countryNames[code]
	}
	fmt.Fprintf(&b, "The authorities of %s investigate %s.", countryNames[c.OwnerCountry], strings.ToLower(crosscase.CrimeTypeName(c.CrimeTypes[0])))
	if len(names) > 0 {
		fmt.Fprintf(&b, " Assistance is requested from %s.", strings.Join(names, ", "))
	}
	if suspects > 0 {
		if suspects == 1 {
			b.WriteString(" One suspect identified so far.")
		} else {
			fmt.Fprintf(&b, " %d suspects identified so far.", suspects)
		}
	}
	if r.Intn(3) == 0 {
		fmt.Fprintf(&b, " A coordination meeting took place on %s.", c.OpenedOn.AddDays(20+r.Intn(120)))
	}
	if r.Intn(6) == 0 {
		b.WriteString(" A joint investigation team has been set up.")
	}
	if c.FinancialDamageEUR > 0 {
		fmt.Fprintf(&b, " Estimated damage: EUR %s.", thousands(c.FinancialDamageEUR))
	}
	return b.String()
}

// withNames returns country when names typical of it are known, else the
// first of the case's countries that has them, else Italy.
func withNames(country string, countries []string) string {
	if namesOf(country) != nil {
		return country
	}
	for _, c := range countries {
		if namesOf(c) != nil {
			return c
		}
	}
	return "IT"
}

// thousands writes n with spaces between groups of three digits, as the
// agency's releases do ("EUR 3 000 000").
func thousands(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// anyDesk picks one of desks' countries, independently of map order.
func anyDesk(r *rand.Rand, desks map[string]int64) string {
	codes := make([]string, 0, len(desks))
	for code := range desks {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return pick(r, codes)
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

package demo

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"time"

	"crosscase"
)

// The demo operations are the operations of the agency's press releases
// of spring 2025 (see the seed text of the design documents), registered
// as cases. Facts come from the releases: countries, authorities, crime
// types, figures and dates. The people, companies, numbers and accounts
// are invented but shaped like the real thing; where a release gives only
// a year or a month, the case opens on its first day.

// authoritySeed is an authority a demo operation names, with the key the
// operations use for it.
type authoritySeed struct {
	key string
	crosscase.Authority
}

func auth(key, country string, kind crosscase.AuthorityKind, city, name string) authoritySeed {
	return authoritySeed{key: key, Authority: crosscase.Authority{CountryCode: country, Kind: kind, City: city, Name: name}}
}

// operationAuthorities returns the authorities that carried out the demo
// operations, as the press releases list them.
func operationAuthorities() []authoritySeed {
	const (
		pros   = crosscase.AuthorityProsecution
		police = crosscase.AuthorityPolice
		court  = crosscase.AuthorityCourt
		border = crosscase.AuthorityBorderGuard
		cust   = crosscase.AuthorityCustoms
		other  = crosscase.AuthorityOther
	)
	return []authoritySeed{
		// Italy–Albania drug trafficking network.
		auth("it-bari-dda", "IT", pros, "Bari", "Public Prosecutor's Office of Bari – District Anti-Mafia Directorate"),
		auth("it-bari-dia", "IT", police, "Bari", "Anti-Mafia Investigation Directorate (DIA) Bari"),
		auth("it-dna", "IT", pros, "Roma", "National Anti-Mafia and Anti-Terrorism Directorate"),
		auth("it-tirana-expert", "IT", other, "Tirana", "Office of the Security Expert at the Italian Embassy in Tirana"),
		auth("al-spak", "AL", pros, "Tirana", "Special Anti-Corruption and Organised Crime Prosecutor's Office (SPAK)"),
		auth("al-police", "AL", police, "Tirana", "Albanian State Police"),
		// Prison phones.
		auth("fr-paris-j3", "FR", pros, "Paris", "Paris Public Prosecutor's Office – J3 Cybercrime Section"),
		auth("fr-junalco", "FR", pros, "Paris", "JUNALCO – National Jurisdiction against Organised Crime, Paris Judicial Court"),
		auth("fr-bl2c", "FR", police, "Paris", "BL2C – Cybercrime Unit of the Paris Police Prefecture (PJPP)"),
		auth("fr-gendarmerie", "FR", police, "", "National Gendarmerie"),
		// Migrant smugglers.
		auth("de-traunstein", "DE", pros, "Traunstein", "Traunstein Public Prosecutor's Office"),
		auth("de-freilassing", "DE", border, "Freilassing", "Federal Police Inspectorate Freilassing (Bundespolizeiinspektion Freilassing)"),
		auth("be-wvl-judge", "BE", court, "Brugge", "Investigating Judge, Court of First Instance of West Flanders"),
		auth("be-wvl-ppo", "BE", pros, "Brugge", "Public Prosecutor's Office West Flanders"),
		auth("be-wvl-fjp", "BE", police, "Brugge", "Federal Judicial Police West Flanders"),
		auth("pl-katowice-npo", "PL", pros, "Katowice", "National Prosecutor's Office – Silesian Branch of the Department for Organised Crime and Corruption"),
		auth("pl-karpacki-bg", "PL", border, "Nowy Sącz", "Karpacki Border Guard Unit"),
		auth("pl-katowice-police", "PL", police, "Katowice", "Voivodeship Police Headquarters in Katowice"),
		// NATO procurement.
		auth("be-federal", "BE", pros, "Bruxelles", "Belgian Federal Prosecutor's Office"),
		// Cyber-trading investment fraud.
		auth("de-itzehoe", "DE", pros, "Itzehoe", "Public Prosecutor's Office at the Itzehoe Regional Court – Department for Combating Cybercrime"),
		auth("de-kiel-bka", "DE", police, "Kiel", "District Criminal Investigation Office Kiel"),
		auth("cy-ago", "CY", pros, "Nicosia", "Attorney General's Office of the Republic of Cyprus"),
		auth("cy-police", "CY", police, "Nicosia", "Cyprus Police"),
		auth("cy-mokas", "CY", other, "Nicosia", "Unit for Combating Money Laundering (MOKAS)"),
		auth("gb-nca", "GB", police, "London", "National Crime Agency"),
		auth("il-lahav", "IL", police, "", "Israel Police – National Cybercrime Unit, LAHAV 433"),
		// France–Ukraine–Monaco money laundering.
		auth("fr-paris-ppo", "FR", pros, "Paris", "Paris Public Prosecutor's Office"),
		auth("fr-onaf", "FR", cust, "Paris", "ONAF – National Office against Fraud"),
		auth("ua-pgo", "UA", pros, "Kyiv", "Office of the Prosecutor General of Ukraine"),
		auth("ua-ssu", "UA", other, "Kyiv", "Security Service of Ukraine"),
		auth("mc-pgo", "MC", pros, "Monaco", "Prosecutor General's Office of Monaco"),
		auth("mc-dsp", "MC", police, "Monaco", "Directorate of Public Safety"),
		// Gold robbers.
		auth("it-arezzo-ppo", "IT", pros, "Arezzo", "Public Prosecutor's Office of Arezzo"),
		auth("it-arezzo-police", "IT", police, "Arezzo", "State Police – Flying Squad of Arezzo"),
		auth("it-arezzo-cc", "IT", police, "Arezzo", "Carabinieri – Company of Arezzo"),
		auth("ro-galati-ca", "RO", pros, "Galați", "Prosecutor's Office attached to the Galați Court of Appeal"),
		auth("ro-galati-local", "RO", pros, "Galați", "Prosecutor's Office attached to the Galați Local Court"),
		auth("ro-bujor", "RO", pros, "Târgu Bujor", "Prosecutor's Office attached to the Târgu Bujor Local Court"),
		auth("ro-dic", "RO", police, "București", "Romanian Police – Directorate for Criminal Investigations"),
		auth("ro-galati-ipj", "RO", police, "Galați", "Galați County Police Inspectorate – Criminal Investigations Service"),
		auth("ro-sas", "RO", police, "Galați", "Galați County Police Inspectorate – Service for Special Actions"),
		auth("ro-galati-ijj", "RO", police, "Galați", "Galați County Gendarmerie Inspectorate"),
	}
}

// operationDeskCountries are the countries of the demo operations that
// have someone at the agency: a national desk or a liaison prosecutor.
// Monaco and Israel take part without one.
func operationDeskCountries() []string {
	return []string{"IT", "AL", "FR", "BE", "DE", "PL", "CY", "GB", "UA", "RO", "LV", "LU", "BA"}
}

// demoUser is a sign-in the demo creates.
type demoUser struct {
	name, display, country string
	role                   crosscase.Role
}

// demoUsers returns the demo sign-ins: one per desk of the operations, an
// analyst at the Italian desk, a statistics user, a JIT-only member of
// the Italy–Albania JIT and the contact point of Bosnia and Herzegovina,
// which reads the notices sent to every desk and nothing else. The first is the
// mark that the demo was loaded.
func demoUsers() []demoUser {
	dm, lp := crosscase.RoleDeskMember, crosscase.RoleLiaison
	return []demoUser{
		{"it.rossi", "Giulia Rossi", "IT", dm},
		{"al.hoxha", "Arben Hoxha", "AL", lp},
		{"fr.lefevre", "Claire Lefèvre", "FR", dm},
		{"be.peeters", "Koen Peeters", "BE", dm},
		{"de.mueller", "Katrin Müller", "DE", dm},
		{"pl.nowak", "Tomasz Nowak", "PL", dm},
		{"cy.georgiou", "Andreas Georgiou", "CY", dm},
		{"gb.walker", "Helen Walker", "GB", lp},
		{"ua.shevchenko", "Oksana Shevchenko", "UA", lp},
		{"ro.popescu", "Andrei Popescu", "RO", dm},
		{"lv.berzins", "Jānis Bērziņš", "LV", dm},
		{"lu.schmit", "Anne Schmit", "LU", dm},
		{"analyst.conti", "Marco Conti (analyst)", "IT", crosscase.RoleAnalyst},
		{"stats.jansen", "Eva Jansen (statistics)", "", crosscase.RoleStatistics},
		{"jit.kovacs", "Mira Kovač (Albanian State Police, JIT member)", "AL", crosscase.RoleJITMember},
		{"ba.hodzic", "Amra Hodžić (Bosnia and Herzegovina, contact point)", "BA", crosscase.RoleContactPoint},
	}
}

func day(y int, m time.Month, d int) crosscase.Date { return crosscase.Date{Year: y, Month: m, Day: d} }

// builder collects a case's entities, drawing invented details from a
// generator seeded per case so that the operations never change.
type builder struct {
	r        *rand.Rand
	entities []*crosscase.Entity
	names    map[string]bool
}

func newBuilder(seed int64) *builder {
	return &builder{r: rand.New(rand.NewSource(seed)), names: map[string]bool{}}
}

func (b *builder) add(e *crosscase.Entity) *crosscase.Entity {
	b.entities = append(b.entities, e)
	return e
}

// people adds n persons of nationality with names not used before in the
// case; note(i) gives each one's notes.
func (b *builder) people(n int, nationality string, role crosscase.EntityRole, note func(i int) string) []*crosscase.Entity {
	var out []*crosscase.Entity
	for len(out) < n {
		p := person(b.r, nationality, role)
		if b.names[p.GivenName+" "+p.FamilyName] {
			continue
		}
		b.names[p.GivenName+" "+p.FamilyName] = true
		if note != nil {
			p.Notes = note(len(out))
		}
		out = append(out, b.add(p))
	}
	return out
}

// identify gives person p an identity number and an address. The values
// are fixed, not drawn from the case's generator, so that adding them
// leaves every other invented detail of the operations unchanged.
func identify(p *crosscase.Entity, idNumber, address string) {
	p.IDNumber, p.Address = idNumber, address
}

func (b *builder) named(kind crosscase.EntityKind, role crosscase.EntityRole, name, country, notes string) *crosscase.Entity {
	return b.add(&crosscase.Entity{Kind: kind, Role: role, Name: name, Country: country, Notes: notes})
}

func (b *builder) value(kind crosscase.EntityKind, role crosscase.EntityRole, value, country, notes string) *crosscase.Entity {
	return b.add(&crosscase.Entity{Kind: kind, Role: role, Value: value, Country: country, Notes: notes})
}

func (b *builder) phones(n int, country string, role crosscase.EntityRole, notes string) {
	for i := 0; i < n; i++ {
		b.value(crosscase.KindPhone, role, phone(b.r, country), country, notes)
	}
}

func (b *builder) ibans(n int, country string, notes string) {
	for i := 0; i < n; i++ {
		b.value(crosscase.KindIBAN, crosscase.RoleSuspect, iban(b.r, country), country, notes)
	}
}

func (b *builder) company(country string, role crosscase.EntityRole, notes string) *crosscase.Entity {
	e := b.add(company(b.r, country, role))
	e.Notes = notes
	return e
}

func (b *builder) vehicle(country, model, notes string) {
	b.value(crosscase.KindVehicle, crosscase.RoleSuspect, plate(b.r, country), country, model+". "+notes)
}

// Operations returns the demo operations as case bundles. desks maps
// country codes to desk ids (the owners IT, FR, DE and BE must be there);
// authorities maps the keys of operationAuthorities to stored ids. An
// authority missing from the map is left out of its case.
func Operations(desks map[string]int64, authorities map[string]int64) []*crosscase.CaseBundle {
	ids := func(keys ...string) []int64 {
		var out []int64
		for _, k := range keys {
			if id, ok := authorities[k]; ok {
				out = append(out, id)
			}
		}
		return out
	}
	mk := func(owner string, c *crosscase.Case, b *builder) *crosscase.CaseBundle {
		c.OwnerDeskID, c.OwnerCountry, c.Status = desks[owner], owner, crosscase.CaseOpen
		return &crosscase.CaseBundle{Case: c, Entities: b.entities}
	}
	italy, cyber := mk("IT", italyAlbania(ids), italyAlbaniaEntities()), mk("DE", cyberTrading(ids), cyberTradingEntities())
	crossLink(italy, cyber)
	laundering, gold := mk("FR", franceUkraineMonaco(ids), franceUkraineMonacoEntities()), mk("IT", goldRobbers(ids), goldRobbersEntities())
	crossLinkAccount(laundering, gold)
	return []*crosscase.CaseBundle{
		italy,
		mk("FR", prisonPhones(ids), prisonPhonesEntities()),
		mk("DE", migrantSmugglers(ids), migrantSmugglersEntities()),
		mk("BE", natoProcurement(ids), natoProcurementEntities()),
		cyber,
		laundering,
		gold,
	}
}

// crossLinkAccount puts one of the French money-laundering case's bank
// accounts into the Italian gold robbers' case too, as the account that
// paid for the melted gold, so that the demo holds a hit between the
// French and the Italian desk that has been disclosed (DiscloseDemoHits).
func crossLinkAccount(laundering, gold *crosscase.CaseBundle) {
	for _, e := range laundering.Entities {
		if e.Kind == crosscase.KindIBAN {
			gold.Entities = append(gold.Entities, &crosscase.Entity{Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect, Value: e.Value, Country: e.Country,
				Notes: "Account that paid the fences for the melted gold, named by the French investigation."})
			return
		}
	}
}

// StolenCardNumber is the Romanian identity card of a man of the Italian
// gold robbers' case that the driver stopped at the German immigration
// check carried under his own name (the irregular document of the press
// release): the demo's hit of the kind "same document, different name"
// between the German and the Italian desk (README, "Cross-case matching").
const StolenCardNumber = "GL 482913"

// DiscloseDemoHits discloses the hit on the bank account that the French
// and the Italian demo cases share, as the desk whose account was found,
// so that a new user sees a disclosed hit beside the one waiting for a
// decision. It runs once the live check has found the demo's hits, and
// does nothing when there is no such hit left to decide. ctx must carry
// the system actor.
func DiscloseDemoHits(ctx context.Context, svc crosscase.Services) error {
	users := deskUsers()
	var sides []context.Context
	for _, country := range []string{"FR", "IT"} {
		u, err := svc.Users.FindUserByName(ctx, users[country])
		if err != nil {
			return fmt.Errorf("demo user of %s: %w", country, err)
		}
		sides = append(sides, crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "local", Reason: "demo data"}))
	}
	list, _, err := svc.Hits.FindHits(sides[0], crosscase.HitFilter{Status: crosscase.HitNew, Limit: 200})
	if err != nil {
		return err
	}
	for _, h := range list {
		if h.Kind != crosscase.KindIBAN {
			continue
		}
		for _, side := range sides {
			if _, err := svc.Hits.DecideHit(side, h.ID, crosscase.HitDisclosed); err == nil {
				break
			} else if code := crosscase.ErrorCode(err); code != crosscase.EFORBIDDEN && code != crosscase.EINVALID {
				return fmt.Errorf("disclose demo hit %d: %w", h.ID, err)
			}
		}
	}
	return nil
}

// crossLink puts a man of the Italy–Albania network into the German
// cyber-trading case too, spelt as a German report would spell him
// (without the Albanian letters, the family name in capitals), so that
// the demo opens with a hit between the Italian and the German desk
// waiting for their decision (README, "Hits").
func crossLink(italy, cyber *crosscase.CaseBundle) {
	for _, e := range italy.Entities {
		if e.IDNumber != "I90322145R" { // the Durrës courier identified by his card
			continue
		}
		ascii := strings.NewReplacer("ë", "e", "Ë", "E", "ç", "c", "Ç", "C")
		cyber.Entities = append(cyber.Entities, &crosscase.Entity{Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: ascii.Replace(e.GivenName), FamilyName: strings.ToUpper(ascii.Replace(e.FamilyName)),
			BirthDate: e.BirthDate, Nationality: e.Nationality,
			Notes: "Carried cash from the call centre in Albania to Durrës; named by a Latvian bank."})
		return
	}
}

// ItalyAlbaniaSuspects is how many suspects the Italy–Albania operation
// targeted.
const ItalyAlbaniaSuspects = 52

func italyAlbania(ids func(...string) []int64) *crosscase.Case {
	return &crosscase.Case{
		Title: "Italian-Albanian drug trafficking network: three organised crime groups, 52 suspects",
		Summary: `Investigations into three linked organised crime groups were opened in 2016 by the Public Prosecutor's Office of Bari and the Special Anti-Corruption and Organised Crime Prosecutor's Office (SPAK) of Tirana with the Albanian Police. A joint investigation team (JIT) between Italy and Albania has been supported by the agency since 2020.

One group, operating from Durrës, transported and sold wholesale large quantities of cocaine, heroin and cannabis between the Balkans, Northern Europe, South America and Puglia. Two Italian-led groups cut and packaged the drugs and supplied cocaine and heroin from Latin America and Turkey to local gangs in Bari, Brindisi and Lecce.

Through the JIT: wiretaps, intensive video surveillance, monitoring of suspects, and encrypted chats decrypted with the agency's help. The groups made payments, often in cash, of close to EUR 5 million and trafficked at least 1 800 kg of cocaine and heroin.

Action day: 52 suspects targeted in Italy and Albania. Seized: apartments, companies and luxury vehicles worth at least several million euros, large amounts of cash, cocaine and heroin (full evaluation pending). The agency assisted with the execution of mutual legal assistance requests during the action day. Coordinated by the National Anti-Mafia and Anti-Terrorism Directorate, supported by the Office of the Security Expert at the Italian Embassy in Tirana.

Background: between 2018 and 2021 the Anti-Mafia Investigation Directorate of Bari issued and executed 118 arrest warrants against drug traffickers operating in both countries; sentences of up to 20 years.`,
		AskedCountries: []string{"AL"},
		CrimeTypes:     []string{"drug_trafficking", "money_laundering"},
		AuthorityIDs:   ids("it-bari-dda", "it-bari-dia", "it-dna", "it-tirana-expert", "al-spak", "al-police"),
		Priority:       "empact_drug_trafficking",
		OpenedOn:       day(2020, time.January, 1),
	}
}

func italyAlbaniaEntities() *builder {
	b := newBuilder(2016)
	suspect := crosscase.RoleSuspect
	b.named(crosscase.KindOCG, suspect, "Durrës group (Albanian OCG: transport and wholesale distribution)", "AL",
		"Operated from Durrës: transport and wholesale distribution of cocaine, heroin and cannabis between the Balkans, Northern Europe, South America and Puglia.")
	b.named(crosscase.KindOCG, suspect, "Bari group (Italian-led OCG: cutting and packaging)", "IT",
		"Cut and packaged the drugs; supplied cocaine and heroin from Latin America and Turkey to local gangs in Bari.")
	b.named(crosscase.KindOCG, suspect, "Brindisi–Lecce group (Italian-led OCG: supply to local gangs)", "IT",
		"Supplied cocaine and heroin to local gangs in Brindisi and Lecce.")
	albanianTasks := []string{"Organises shipments through the port of Durrës.", "Wholesale buyer for Puglia.",
		"Courier between Durrës and Bari.", "Collects cash payments.", "Manages the group's encrypted phones."}
	albanians := b.people(ItalyAlbaniaSuspects/2, "AL", suspect, func(i int) string {
		if i == 0 {
			return "Alleged head of the Durrës group."
		}
		return "Durrës group. " + albanianTasks[i%len(albanianTasks)]
	})
	italianTasks := []string{"Cutting and packaging.", "Distribution to local gangs.", "Receives shipments from Albania.", "Holds cash for the group.", "Drives consignments by car."}
	italians := b.people(ItalyAlbaniaSuspects/2, "IT", suspect, func(i int) string {
		switch {
		case i == 0:
			return "Alleged head of the Bari group."
		case i == 13:
			return "Alleged head of the Brindisi–Lecce group."
		case i < 13:
			return "Bari group. " + italianTasks[i%len(italianTasks)]
		default:
			return "Brindisi–Lecce group. " + italianTasks[i%len(italianTasks)]
		}
	})
	// The heads of the three groups, identified by their identity cards
	// (set apart from the generator so that the other details stay as they are).
	identify(albanians[0], "J80514027K", "Rruga Taulantia, Pallati 14, Shkalla 2, Durrës")
	identify(albanians[1], "I90322145R", "Lagjja 13, Rruga Skënderbeu 41, Durrës")
	identify(italians[0], "CA27415BD", "Via Giuseppe Capruzzi 214, 70124 Bari")
	identify(italians[13], "CA83021LF", "Viale Giovanni Paolo II 33, 73100 Lecce")
	b.phones(6, "AL", suspect, "Intercepted line (JIT wiretap).")
	b.phones(6, "IT", suspect, "Intercepted line (JIT wiretap).")
	b.ibans(2, "IT", "Account used for the payments to the Durrës group.")
	b.ibans(2, "AL", "Account of a company seized on the action day.")
	b.company("AL", suspect, "Seized on the action day.")
	b.company("AL", suspect, "Seized on the action day.")
	b.company("IT", suspect, "Seized on the action day.")
	b.company("IT", suspect, "Seized on the action day.")
	b.vehicle("AL", "Mercedes-Benz G 63 AMG, black", "Seized on the action day.")
	b.vehicle("IT", "Porsche Cayenne, white", "Seized on the action day.")
	b.vehicle("IT", "Range Rover Sport, dark grey", "Seized on the action day.")
	b.value(crosscase.KindAddress, suspect, addressIn(b.r, "AL", "Durrës"), "AL", "Apartment seized on the action day.")
	b.value(crosscase.KindAddress, suspect, addressIn(b.r, "IT", "Bari"), "IT", "Apartment seized on the action day.")
	return b
}

func prisonPhones(ids func(...string) []int64) *crosscase.Case {
	return &crosscase.Case{
		Title: "Operation Prison Break: undetectable phones in French prisons",
		Summary: `French authorities acted in 66 prisons against a new type of phone that prisoners use to communicate with the outside world and continue their criminal activities (drug trafficking, homicide, money laundering). In the early hours of 20 May 2025 nearly 500 cells were searched; all of the some 5 000 active devices were targeted and the market website selling them was taken down.

The device is small, has few metal parts and settings that make it easy to hide from security checks; it passes security gates undetected and is sold worldwide through online marketplaces (findings of JUNALCO at the Paris Judicial Court).

After the action the prosecutor shared the technical specifications with all national desks and liaison prosecutors at the agency, so that national authorities can check whether the devices are used in their prisons. Authorities of countries without a liaison prosecutor may ask the French desk for the information.`,
		CrimeTypes:   []string{"cybercrime", "drug_trafficking", "money_laundering"},
		AuthorityIDs: ids("fr-paris-j3", "fr-junalco", "fr-bl2c", "fr-gendarmerie"),
		Priority:     "empact_high_risk_networks",
		OpenedOn:     day(2025, time.May, 20),
	}
}

func prisonPhonesEntities() *builder {
	b := newBuilder(20250520)
	b.named(crosscase.KindCompany, crosscase.RoleSuspect, "Operator of the online market selling the phones (not yet identified)", "",
		"Website taken down on 20 May 2025. Sold the devices worldwide through online marketplaces.")
	b.value(crosscase.KindEmail, crosscase.RoleSuspect, "orders@mini-gsm-shop.example", "", "Order address published on the market website.")
	b.phones(8, "FR", crosscase.RoleOther, "Device found in a cell search on 20 May 2025 (one of about 5 000 active devices).")
	return b
}

func migrantSmugglers(ids func(...string) []int64) *crosscase.Case {
	return &crosscase.Case{
		Title: "Migrant smuggling network between Belgium, Germany and Poland (up to 300 migrants)",
		Summary: `German investigations began with a routine immigration check in September 2024: irregularities in the driver's documents raised suspicions of attempted illegal entry, and evidence soon showed the driver had probably already dropped off migrants that same day. The driver belonged to a network that smuggled up to 300 migrants into the EU, up to 12 people at a time along the Balkan route.

Most members were based in Belgium and linked the suspects in Germany with a related group in Poland that also smuggled migrants from Middle Eastern countries into the EU. A legitimate Polish transport company was used to conceal the activity.

Three action days over several months: on 13 May 2025 seven suspects were arrested in Belgium and Germany; earlier in May ten suspected members were arrested in Poland; criminal assets seized. The agency enabled the exchange of information and a joint judicial strategy from the outset; Europol deployed investigators and experts who cross-checked information in real time.`,
		AskedCountries: []string{"BE", "PL"},
		CrimeTypes:     []string{"migrant_smuggling"},
		AuthorityIDs: ids("de-traunstein", "de-freilassing", "be-wvl-judge", "be-wvl-ppo", "be-wvl-fjp",
			"pl-katowice-npo", "pl-karpacki-bg", "pl-katowice-police"),
		Priority: "empact_migrant_smuggling",
		OpenedOn: day(2024, time.September, 1),
	}
}

func migrantSmugglersEntities() *builder {
	b := newBuilder(20250513)
	suspect := crosscase.RoleSuspect
	b.named(crosscase.KindOCG, suspect, "Belgium-based smuggling network", "BE", "Link between the suspects in Germany and the related group in Poland.")
	b.named(crosscase.KindOCG, suspect, "Related smuggling group in Poland", "PL", "Smuggled migrants from Middle Eastern countries into the EU.")
	driver := b.people(1, "PL", suspect, func(int) string {
		return "The driver stopped at the routine immigration check in September 2024. He showed a Romanian identity card in his own name; the document looked irregular."
	})[0]
	driver.IDNumber, driver.Nationality = StolenCardNumber, "RO"
	b.people(5, "BE", suspect, func(int) string { return "Based in Belgium. Arrested on 13 May 2025." })
	b.people(1, "DE", suspect, func(int) string { return "Arrested in Germany on 13 May 2025." })
	b.people(10, "PL", suspect, func(int) string { return "Arrested in Poland in May 2025." })
	b.company("PL", crosscase.RoleOther, "Legitimate transport company whose business was used to conceal the smuggling.")
	b.vehicle("PL", "Mercedes-Benz Sprinter, white", "Van stopped at the immigration check in September 2024.")
	b.vehicle("PL", "Renault Master, white", "Used to transport up to 12 people at a time.")
	b.vehicle("PL", "Ford Transit, silver", "Used to transport up to 12 people at a time.")
	b.phones(4, "BE", suspect, "")
	b.phones(3, "PL", suspect, "")
	b.phones(1, "DE", suspect, "")
	return b
}

func natoProcurement(ids func(...string) []int64) *crosscase.Case {
	return &crosscase.Case{
		Title: "Alleged corruption in purchases of military equipment for NATO (NSPA)",
		Summary: `At the request of the Belgian Federal Prosecutor's Office, the agency coordinates cross-border judicial support to investigations into alleged corruption in the purchase of military equipment for NATO, allegedly through current and former employees of the NATO Support and Procurement Agency (NSPA).

Since April 2025 the agency has organised a series of meetings for cooperation and the exchange of information; on 13 May 2025 it ran a coordination centre supporting judicial and investigative measures in all countries concerned. Various potential suspects have been identified. The NSPA has its seat in Capellen, Luxembourg; the other countries concerned are not named in the public release. Investigations are ongoing.`,
		AskedCountries: []string{"LU"},
		CrimeTypes:     []string{"corruption"},
		AuthorityIDs:   ids("be-federal"),
		OpenedOn:       day(2025, time.April, 1),
	}
}

func natoProcurementEntities() *builder {
	b := newBuilder(20250415)
	b.named(crosscase.KindCompany, crosscase.RoleVictim, "NATO Support and Procurement Agency (NSPA)", "LU",
		"Purchases of military equipment allegedly influenced through current and former employees.")
	return b
}

func cyberTrading(ids func(...string) []int64) *crosscase.Case {
	return &crosscase.Case{
		Title: "Cyber-trading investment fraud: fake online platform, EUR 3 million",
		Summary: `An international criminal group ran a fake online trading platform promising large profits in a short time. Victims first transferred modest sums, were persuaded by fake charts, then pressed by fake brokers calling from call centres to transfer more. The money was never invested. About 100 victims are known; more are likely. Damage: EUR 3 million.

German authorities started after a married couple reported the scam; the investigation first focused on the holder of the account to which the couple had transferred their savings. First action day, 6 September 2022: searches in Belgium and Latvia, two suspects arrested, evidence that identified seven more members, including the managers of the call centres. Second action day, 13 May 2025: eight simultaneous searches in Albania, Cyprus and Israel and six interrogations; electronic devices, documents and cash seized; one suspect arrested in Cyprus for surrender or extradition to Germany.

The agency facilitated all judicial cooperation requests and coordinated the action day from The Hague; Europol deployed mobile offices in Israel, Albania and the United Kingdom and a virtual command post. Part of EMPACT (fraud, economic and financial crimes).`,
		AskedCountries: []string{"BE", "LV", "AL", "CY", "IL", "GB"},
		CrimeTypes:     []string{"swindling_fraud", "cybercrime", "money_laundering"},
		AuthorityIDs:   ids("de-itzehoe", "de-kiel-bka", "cy-ago", "cy-police", "cy-mokas", "al-spak", "gb-nca", "il-lahav"),
		Priority:       "empact_fraud_economic_financial",
		OpenedOn:       day(2022, time.January, 1),
		Victims:        100,

		FinancialDamageEUR: 3_000_000,
	}
}

func cyberTradingEntities() *builder {
	b := newBuilder(20220906)
	suspect := crosscase.RoleSuspect
	couple := b.people(2, "DE", crosscase.RoleVictim, func(int) string { return "Reported the scam; transferred their savings to the platform." })
	couple[1].FamilyName = couple[0].FamilyName
	identify(couple[0], "", "Lindenstraße 17, 44137 Dortmund")
	identify(couple[1], "", "Lindenstraße 17, 44137 Dortmund")
	b.people(1, "LV", suspect, func(int) string { return "Holder of the account that received the couple's savings." })
	b.ibans(1, "LV", "Account that received the couple's savings.")
	b.named(crosscase.KindOCG, suspect, "Fake trading platform group", "", "Operated globally with call centres and fake brokers.")
	b.named(crosscase.KindCompany, suspect, "Operator of the fake trading platform (registered offshore)", "", "Platform showed fake charts to victims.")
	b.people(1, "BE", suspect, func(int) string { return "Arrested in Belgium on 6 September 2022." })
	b.people(1, "LV", suspect, func(int) string { return "Arrested in Latvia on 6 September 2022." })
	b.people(3, "AL", suspect, func(i int) string {
		if i == 0 {
			return "Manager of the call centre in Albania."
		}
		return "Fake broker at the call centre in Albania."
	})
	b.people(2, "CY", suspect, func(i int) string {
		if i == 0 {
			return "Arrested in Cyprus on 13 May 2025 with a view to surrender or extradition to Germany."
		}
		return "Manager of the call centre in Cyprus."
	})
	b.people(1, "GB", suspect, func(int) string { return "Fake broker." })
	b.people(1, "DE", suspect, func(int) string { return "Recruits account holders." })
	b.company("AL", suspect, "Runs the call centre in Albania.")
	b.company("CY", suspect, "Runs the call centre in Cyprus.")
	b.ibans(1, "CY", "Collection account of the platform.")
	b.ibans(1, "LT", "Collection account of the platform.")
	b.phones(2, "GB", suspect, "Used by fake brokers to call victims.")
	b.phones(2, "CY", suspect, "Used by fake brokers to call victims.")
	b.phones(1, "AL", suspect, "Used by fake brokers to call victims.")
	b.value(crosscase.KindEmail, suspect, "support@global-trade-invest.example", "", "Support address of the fake platform.")
	b.value(crosscase.KindEmail, suspect, "account.manager@global-trade-invest.example", "", "Used by a fake broker.")
	for i := 0; i < 2; i++ {
		v, currency := wallet(b.r)
		b.value(crosscase.KindCryptoWallet, suspect, v, "", currency+" wallet receiving victims' funds.")
	}
	return b
}

func franceUkraineMonaco(ids func(...string) []int64) *crosscase.Case {
	return &crosscase.Case{
		Title: "Laundering of hundreds of millions of euros from a Ukrainian defence company (JIT France–Ukraine–Monaco)",
		Summary: `The suspect is the son of a prominent Ukrainian entrepreneur who owned a defence company. After the Russian invasion profits declined, and the owners are suspected of illegally selling their majority stake to representatives of a foreign state. To hide the profits the son bought properties in several countries, including France and Monaco, and is believed to have laundered hundreds of millions of euros; in France alone over EUR 57 million between 2010 and 2023, including profits from illegal arms sales by his father.

Soon after opening a money laundering investigation the French authorities froze assets worth EUR 57 million with the intention of returning them to Ukraine. The investigation continued in a joint investigation team (JIT) set up at the agency between France, Ukraine and Monaco.

The son was arrested in Monaco on 28 April 2025 and is questioned by the three countries within the JIT; documents of value were found in Monaco. The father is on trial in Ukraine for crimes against national security and is now also suspected of money laundering.`,
		AskedCountries: []string{"UA", "MC"},
		CrimeTypes:     []string{"money_laundering", "weapons_trafficking"},
		AuthorityIDs:   ids("fr-junalco", "fr-paris-ppo", "fr-onaf", "ua-pgo", "ua-ssu", "mc-pgo", "mc-dsp"),
		Priority:       "empact_criminal_finances",
		// The release gives no date; the JIT predates the arrest of 28 April 2025.
		OpenedOn: day(2024, time.January, 1),
	}
}

func franceUkraineMonacoEntities() *builder {
	b := newBuilder(20250428)
	suspect := crosscase.RoleSuspect
	son := b.people(1, "UA", suspect, func(int) string {
		return "Arrested in Monaco on 28 April 2025; questioned within the JIT."
	})[0]
	father := person(b.r, "UA", suspect)
	father.GivenName, father.FamilyName = "Mykola", son.FamilyName
	father.BirthDate = day(1957, time.March, 14)
	if son.BirthDate.Year < 1982 {
		son.BirthDate.Year = 1982 + son.BirthDate.Year%10
	}
	father.Notes = "Owner of the defence company; on trial in Ukraine for crimes against national security; suspected of money laundering."
	b.add(father)
	b.named(crosscase.KindCompany, suspect, fmt.Sprintf(`PrAT "%s Defence Technologies"`, son.FamilyName), "UA",
		"Defence company; majority stake allegedly sold illegally to representatives of a foreign state.")
	villa := b.named(crosscase.KindCompany, suspect, "SCI Villa des Oliviers", "FR", "Holds a property in France bought with the proceeds.")
	riviera := b.named(crosscase.KindCompany, suspect, "Riviera Patrimoine SAM", "MC", "Holds a property in Monaco.")
	nice := b.value(crosscase.KindAddress, suspect, addressIn(b.r, "FR", "Nice"), "FR", "Property bought with the proceeds; frozen.")
	b.value(crosscase.KindAddress, suspect, "boulevard d'Italie 12, 98000 Monaco", "MC", "Apartment bought with the proceeds; documents found here on 28 April 2025.")
	villa.Address = nice.Value
	riviera.Address = "7 avenue de Grande-Bretagne, 98000 Monaco"
	b.ibans(2, "FR", "Frozen (part of the EUR 57 million).")
	b.ibans(1, "MC", "Account in Monaco used for the property purchase.")
	doc := b.value(crosscase.KindDocument, suspect, passport(b.r, "UA"), "UA", "Passport of the son.")
	identify(son, doc.Value, "boulevard d'Italie 12, 98000 Monaco")
	identify(father, "004417382", "vulytsia Velyka Vasylkivska 72, kv. 18, Kyiv 03150")
	return b
}

func goldRobbers(ids func(...string) []int64) *crosscase.Case {
	return &crosscase.Case{
		Title: "Gold robbers: attacks on jewellery companies around Arezzo, base in Romania",
		Summary: `After a rise in attempted robberies of jewellery companies in the Arezzo area, Italian authorities looked for links between the crimes: crime scenes, recovered clothing and tools, video surveillance and telephone traffic connected them to a group of Romanian criminals. The robbers stole gold, silver and brass from jewellery companies across Tuscany, worth about EUR 200 000.

A few hours after a further attempted robbery two suspects were arrested and the stolen gold, silver and brass (about EUR 200 000) retrieved. The authorities then located the robbers' base in Romania and tracked the vehicles used for the crimes. Through the agency the suspects were identified, European Arrest Warrants executed and restrictive measures taken; on 24 April 2025 Romanian and Italian authorities arrested four suspects and searched for evidence. The investigation into connections with other crimes continues.`,
		AskedCountries: []string{"RO"},
		CrimeTypes:     []string{"organised_property_crime"},
		AuthorityIDs: ids("it-arezzo-ppo", "it-arezzo-police", "it-arezzo-cc", "ro-galati-ca", "ro-galati-local", "ro-bujor",
			"ro-dic", "ro-galati-ipj", "ro-sas", "ro-galati-ijj"),
		Priority: "empact_organised_property_crime",
		// The release dates only the arrests of 24 April 2025.
		OpenedOn:           day(2024, time.January, 1),
		FinancialDamageEUR: 200_000,
	}
}

func goldRobbersEntities() *builder {
	b := newBuilder(20250424)
	suspect := crosscase.RoleSuspect
	b.named(crosscase.KindOCG, suspect, "Romanian gold robbers group", "RO", "Robberies of jewellery companies in Tuscany; base in Galați county.")
	robbers := b.people(6, "RO", suspect, func(i int) string {
		if i < 2 {
			return "Arrested in Italy hours after an attempted robbery."
		}
		return "Arrested in Romania on 24 April 2025 on a European Arrest Warrant."
	})
	shopAddresses := []string{"Via Fiorentina 210, 52100 Arezzo", "Via Romana 96, 52100 Arezzo"}
	for i, note := range []string{"Gold, silver and brass stolen.", "Attempted robbery."} {
		owner := person(b.r, "IT", crosscase.RoleOther)
		shop := b.named(crosscase.KindCompany, crosscase.RoleVictim, owner.FamilyName+" Oreficeria S.r.l.", "IT", "Jewellery company near Arezzo. "+note)
		shop.Address = shopAddresses[i]
	}
	b.vehicle("RO", "Volkswagen Passat, dark grey", "Tracked; used for the robberies.")
	b.vehicle("RO", "BMW 530d, black", "Tracked; used for the robberies.")
	b.phones(3, "RO", suspect, "Telephone traffic analysed.")
	b.phones(2, "IT", suspect, "Prepaid line used near the crime scenes.")
	base := b.value(crosscase.KindAddress, suspect, addressIn(b.r, "RO", "Târgu Bujor"), "RO", "The robbers' base in Romania; searched on 24 April 2025.")
	// The two arrested in Italy, identified by their Romanian identity cards.
	identify(robbers[0], StolenCardNumber, base.Value)
	identify(robbers[1], "GZ 107564", "Strada Brăilei 121, bl. B4, ap. 12, 800310 Galați")
	return b
}

package web

import (
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
)

// A list in a sentence ends with the language's "and"; Italian writes
// "ed" before a vowel (cocaina ed eroina) and "e" otherwise.
func TestJoinAndInLanguage(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	it := c.Printer("it")
	for _, tc := range []struct {
		p    *locale.Printer
		xs   []string
		want string
	}{
		{it, []string{"cocaina", "eroina"}, "cocaina ed eroina"},
		{it, []string{"Francia", "Germania", "Italia"}, "Francia, Germania ed Italia"},
		{it, []string{"Italia", "Francia"}, "Italia e Francia"},
		{it, []string{"eroina"}, "eroina"},
		{c.Printer("fr"), []string{"cocaïne", "héroïne"}, "cocaïne et héroïne"},
		{c.Printer("en"), []string{"cocaine", "heroin"}, "cocaine and heroin"},
		{c.Printer("es"), []string{"Alemania", "Italia"}, "Alemania e Italia"},
		{c.Printer("es"), []string{"cocaína", "heroína"}, "cocaína y heroína"},
		{c.Printer("pl"), []string{"Niemcy", "Francja", "Włochy"}, "Niemcy, Francja i Włochy"},
	} {
		if got := tc.p.JoinAnd(tc.xs); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.p.Lang, tc.xs, got, tc.want)
		}
	}
	ps := &crosscase.PressSummary{ActionDate: crosscase.Date{Year: 2025, Month: 5, Day: 27}, Text: "-",
		Seizures: []crosscase.SeizureTally{{Type: "drugs", Substance: "cocaine", Quantity: 12, Unit: "kg"}, {Type: "drugs", Substance: "heroin", Quantity: 3, Unit: "kg"}}}
	if got := pressText(it, ps, nil); !strings.Contains(got, "Sono stati sequestrati: 12 kg di cocaina e 3 kg di eroina.") {
		t.Errorf("press text: %q", got)
	}
}

// The text for the press states only what is known, with one and more
// agreeing, and numbers and amounts as the reader writes them.
func TestPressTextInLanguage(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	ps := &crosscase.PressSummary{ActionDate: crosscase.Date{Year: 2025, Month: 5, Day: 13}, Targeted: 1, Arrested: 1250, Searches: 1, FrozenEUR: 1_500_000,
		Seizures: []crosscase.SeizureTally{{Type: "cash", Quantity: 12000, Unit: "EUR"}, {Type: "drugs", Substance: "heroin", Quantity: 2.5, Unit: "kg"},
			{Type: "vehicles", Quantity: 1, Unit: "items"}, {Type: "companies"}}}
	for lang, want := range map[string]string{
		"en": "On 13 May 2025, a coordinated action day took place in the following countries: Belgium. It was supported by a coordination centre set up by the agency. " +
			"1 suspect was targeted, 1,250 people were arrested and 1 search was carried out. EUR 12,000 in cash, 2.5 kg of heroin, 1 vehicle and companies were seized. Assets worth EUR 1,500,000 were frozen.",
		"fr": "Le 13 mai 2025, une journée d'action coordonnée s'est déroulée dans les pays suivants\u00a0: Belgique. Elle a été appuyée par un centre de coordination mis en place par l'agence. " +
			"1 suspect était visé, 1\u202f250 personnes ont été arrêtées et 1 perquisition a été effectuée. Ont été saisis\u00a0: 12\u202f000\u00a0€ en espèces, 2,5 kg d'héroïne, 1 véhicule et sociétés. Des avoirs d'une valeur de 1\u202f500\u202f000\u00a0€ ont été gelés.",
		"de": "Am 13. Mai 2025 fand in folgenden Ländern ein koordinierter Aktionstag statt: Belgien. Er wurde von einem von der Agentur eingerichteten Koordinierungszentrum unterstützt. " +
			"1 Verdächtiger stand im Fokus der Maßnahmen, 1.250 Personen wurden festgenommen und 1 Durchsuchung wurde durchgeführt. Sichergestellt wurden: 12.000\u00a0€ Bargeld, 2,5 kg Heroin, 1 Fahrzeug und Unternehmen. Vermögenswerte im Wert von 1.500.000\u00a0€ wurden eingefroren.",
		"es": "El 13 de mayo de 2025 se celebró una jornada de acción coordinada en los siguientes países: Bélgica. Contó con el apoyo de un centro de coordinación creado por la agencia. " +
			"1 sospechoso fue objeto de la operación, 1.250 personas fueron detenidas y 1 registro fue practicado. Se procedió a la incautación de 12.000\u00a0€ en efectivo, 2,5 kg de heroína, 1 vehículo y empresas. Se embargaron activos por valor de 1.500.000\u00a0€.",
		"pl": "13 maja 2025 r. w następujących państwach odbył się skoordynowany dzień akcji: Belgia. Wspierało go centrum koordynacyjne utworzone przez agencję. " +
			"1 podejrzany był celem działań, 1\u00a0250 osób zostało zatrzymanych i 1 przeszukanie zostało przeprowadzone. Zajęto: 12\u00a0000\u00a0€ w gotówce, 2,5 kg (heroina), 1 pojazd i spółki. Zabezpieczono mienie o wartości 1\u00a0500\u00a0000\u00a0€.",
	} {
		p := c.Printer(lang)
		if got := pressText(p, ps, []string{localCountryName(p, "Belgium")}); got != want {
			t.Errorf("%s:\n got %q\nwant %q", lang, got, want)
		}
	}
	// One seizure: the verb agrees with it; nothing known: no sentence.
	en := c.Printer("en")
	one := &crosscase.PressSummary{ActionDate: ps.ActionDate, Seizures: []crosscase.SeizureTally{{Type: "real_estate"}}}
	if got := pressText(en, one, nil); !strings.HasSuffix(got, " Real estate was seized.") {
		t.Errorf("one seizure: %q", got)
	}
	one.Seizures = []crosscase.SeizureTally{{Type: "weapons", Quantity: 3, Unit: "items"}}
	if got := pressText(en, one, nil); !strings.HasSuffix(got, " 3 weapons were seized.") {
		t.Errorf("three weapons: %q", got)
	}
	if got := pressText(en, &crosscase.PressSummary{ActionDate: ps.ActionDate}, nil); got != "On 13 May 2025, a coordinated action day took place, supported by a coordination centre set up by the agency." {
		t.Errorf("nothing known: %q", got)
	}
	// The authorities by country, the countries in the reader's language.
	by := &crosscase.PressSummary{ActionDate: ps.ActionDate, Countries: []string{"Belgium", "Germany"}, Partners: []string{"Europol"},
		AuthoritiesByCountry: []crosscase.PressAuthorities{{Country: "Germany", Authorities: []string{"Traunstein Public Prosecutor's Office", "Federal Police Inspectorate Freilassing"}},
			{Country: "Belgium", Authorities: []string{"Federal Judicial Police West Flanders"}}}}
	fr := c.Printer("fr")
	if got, want := pressText(fr, by, []string{localCountryName(fr, "Belgium"), localCountryName(fr, "Germany")}),
		"Allemagne\u00a0: Traunstein Public Prosecutor's Office et Federal Police Inspectorate Freilassing\u00a0; Belgique\u00a0: Federal Judicial Police West Flanders\u00a0; Europol."; !strings.HasSuffix(got, want) {
		t.Errorf("authorities by country:\n got %q\nwant it to end %q", got, want)
	}
	// The page's English is the API's.
	ps.Countries = []string{"Belgium"}
	if got, api := pressText(en, ps, ps.Countries), crosscase.PressText(ps); got != api {
		t.Errorf("page %q, API %q", got, api)
	}
}

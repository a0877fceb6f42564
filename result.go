package crosscase

import (
	"context"
	"math"
	"time"
)

// ResultKind is what a case result counts.
type ResultKind string

// Result kinds. The first four are counts of people or places; a seizure
// is property seized, frozen or confiscated; an asset return is value
// returned to a victim country.
const (
	ResultArrest        ResultKind = "arrest"
	ResultSearch        ResultKind = "search"
	ResultInterrogation ResultKind = "interrogation"
	ResultSurrender     ResultKind = "surrender"
	ResultSeizure       ResultKind = "seizure"
	ResultAssetReturn   ResultKind = "asset_return"
)

// ResultKinds returns every kind in display order.
func ResultKinds() []ResultKind {
	return []ResultKind{ResultArrest, ResultSearch, ResultInterrogation, ResultSurrender, ResultSeizure, ResultAssetReturn}
}

// Valid reports whether k is a known kind.
func (k ResultKind) Valid() bool {
	for _, v := range ResultKinds() {
		if v == k {
			return true
		}
	}
	return false
}

// IsCount reports whether results of kind k are a count (arrests,
// searches, interrogations, surrenders).
func (k ResultKind) IsCount() bool {
	return k == ResultArrest || k == ResultSearch || k == ResultInterrogation || k == ResultSurrender
}

// SeizureTypes returns the types of seized property, in the order of the
// annual report.
func SeizureTypes() []string {
	return []string{"cash", "drugs", "real_estate", "companies", "vehicles", "crypto", "devices", "documents", "weapons", "other"}
}

// Measures returns what was done with property: seized, frozen or
// confiscated (Regulation (EU) 2018/1805 distinguishes freezing from
// confiscation orders).
func Measures() []string { return []string{"seized", "frozen", "confiscated"} }

// Substances returns the drugs a drug seizure names.
func Substances() []string {
	return []string{"cocaine", "heroin", "cannabis", "amphetamine", "methamphetamine", "mdma", "synthetic_opioids", "new_psychoactive_substances", "precursors", "other"}
}

// DrugUnits returns the units of a drug seizure's quantity.
func DrugUnits() []string { return []string{"kg", "g", "l", "tablets"} }

// Action is an action day or an operation step of a case: results may be
// reported against it or against the case directly.
type Action struct {
	ID        int64     `json:"id"`
	CaseID    int64     `json:"case_id"`
	Date      Date      `json:"date"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks a's fields.
func (a *Action) Validate() error {
	if a.Date.IsZero() {
		return FieldErrorf("date", "Give the date of the action.")
	}
	return CheckText("name", a.Name, 200, true)
}

// Result is one structured result of a case: a count of arrests,
// searches, interrogations or surrenders; a seizure; or assets returned to
// a victim country. Country is where it happened (for an asset return,
// the victim country that received the assets).
type Result struct {
	ID       int64      `json:"id"`
	CaseID   int64      `json:"case_id"`
	ActionID int64      `json:"action_id"` // 0: the case itself
	Kind     ResultKind `json:"kind"`
	Country  string     `json:"country"`
	Date     Date       `json:"date"`
	// Count is the number of arrests, searches, interrogations or
	// surrenders; 0 for the other kinds.
	Count int64 `json:"count"`
	// Seizures only.
	SeizureType string  `json:"seizure_type"`
	Substance   string  `json:"substance"` // drugs only
	Quantity    float64 `json:"quantity"`  // 0: not known; at most three decimals are kept
	Unit        string  `json:"unit"`      // drugs: kg, g, l, tablets; cash: currency code; crypto: coin code; others: items
	Measure     string  `json:"measure"`   // seized, frozen, confiscated
	// ValueEUR is the value in euros (0: not known); required for an
	// asset return.
	ValueEUR  int64     `json:"value_eur"`
	Notes     string    `json:"notes"`
	DeskID    int64     `json:"desk_id"` // the desk that reported it
	CreatedAt time.Time `json:"created_at"`
}

// MaxQuantity is the largest quantity a seizure may record.
const MaxQuantity = 1e12

// Validate checks r's fields: each kind carries exactly its own fields.
func (r *Result) Validate() error {
	if !r.Kind.Valid() {
		return FieldErrorf("kind", "Kind must be one of arrest, search, interrogation, surrender, seizure, asset_return.")
	}
	if !ValidCountryCode(r.Country) {
		return FieldErrorf("country", "%q is not an ISO 3166-1 alpha-2 country code.", clipText(r.Country))
	}
	if r.Date.IsZero() {
		return FieldErrorf("date", "Give the date of the result.")
	}
	if r.ValueEUR < 0 || r.ValueEUR > 1_000_000_000_000_000 {
		return FieldErrorf("value_eur", "The value must be zero or more euros, and plausible.")
	}
	if math.IsNaN(r.Quantity) || r.Quantity < 0 || r.Quantity > MaxQuantity {
		return FieldErrorf("quantity", "The quantity must be zero (not known) or a positive number up to %g.", MaxQuantity)
	}
	if err := CheckMultiline("notes", r.Notes, 2000, false); err != nil {
		return err
	}
	noSeizure := func() error {
		for f, v := range map[string]string{"seizure_type": r.SeizureType, "substance": r.Substance, "unit": r.Unit, "measure": r.Measure} {
			if v != "" {
				return FieldErrorf(f, "Only a seizure has a %s.", f)
			}
		}
		if r.Quantity != 0 {
			return FieldErrorf("quantity", "Only a seizure has a quantity.")
		}
		return nil
	}
	switch {
	case r.Kind.IsCount():
		if r.Count < 1 || r.Count > 1_000_000 {
			return FieldErrorf("count", "Give how many (1 to 1000000).")
		}
		if r.ValueEUR != 0 {
			return FieldErrorf("value_eur", "A count has no value in euros.")
		}
		return noSeizure()
	case r.Kind == ResultAssetReturn:
		if r.Count != 0 {
			return FieldErrorf("count", "An asset return has a value, not a count.")
		}
		if r.ValueEUR <= 0 {
			return FieldErrorf("value_eur", "Give the value returned, in euros.")
		}
		return noSeizure()
	}
	// A seizure.
	if r.Count != 0 {
		return FieldErrorf("count", "A seizure has a quantity, not a count.")
	}
	if !contains(SeizureTypes(), r.SeizureType) {
		return FieldErrorf("seizure_type", "Seizure type must be one of cash, drugs, real_estate, companies, vehicles, crypto, devices, documents, weapons, other.")
	}
	if !contains(Measures(), r.Measure) {
		return FieldErrorf("measure", "Measure must be seized, frozen or confiscated.")
	}
	if r.SeizureType != "drugs" && r.Substance != "" {
		return FieldErrorf("substance", "Only a drug seizure names a substance.")
	}
	switch r.SeizureType {
	case "drugs":
		if !contains(Substances(), r.Substance) {
			return FieldErrorf("substance", "A drug seizure names its substance: one of cocaine, heroin, cannabis, amphetamine, methamphetamine, mdma, synthetic_opioids, new_psychoactive_substances, precursors, other.")
		}
		if !contains(DrugUnits(), r.Unit) {
			return FieldErrorf("unit", "A drug seizure gives its unit: kg, g, l or tablets.")
		}
	case "cash":
		if r.Quantity > 0 && !isCode(r.Unit, 3, 3, false) {
			return FieldErrorf("unit", "Cash is counted in a currency: give its ISO 4217 code (EUR, USD, …).")
		}
		if r.Quantity == 0 && r.Unit != "" && !isCode(r.Unit, 3, 3, false) {
			return FieldErrorf("unit", "Cash is counted in a currency: give its ISO 4217 code (EUR, USD, …).")
		}
	case "crypto":
		if (r.Quantity > 0 || r.Unit != "") && !isCode(r.Unit, 2, 10, true) {
			return FieldErrorf("unit", "Crypto-assets are counted in a coin: give its code (BTC, ETH, USDT, …).")
		}
	default:
		if r.Unit != "" && r.Unit != "items" {
			return FieldErrorf("unit", "%s are counted in items.", r.SeizureType)
		}
	}
	return nil
}

// isCode reports whether s is min to max upper-case ASCII letters (and
// digits when digits).
func isCode(s string, min, max int, digits bool) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z') && !(digits && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// CanRecordResults reports whether u reports and removes results of the
// cases they see: desk members and liaison prosecutors. README,
// Coordination meetings, notices and case results (Case results).
func CanRecordResults(u *User) bool {
	return u != nil && u.Role.WorksCases()
}

// CanRecordResultIn reports whether u, at a desk of country deskCountry,
// reports a result in country for case c, which they see: the owner desk
// reports any country's results, a desk asked or granted its own
// country's only. README, Coordination meetings, notices and case results
// (Case results).
func CanRecordResultIn(u *User, c *Case, deskCountry, country string) bool {
	return CanRecordResults(u) && (c.OwnerDeskID == u.DeskID || country == deskCountry)
}

// CanDeleteResult reports whether u removes result r of case c, which
// they see: the owner desk removes any, the desk that reported it its
// own. README, Coordination meetings, notices and case results (Case
// results).
func CanDeleteResult(u *User, c *Case, r *Result) bool {
	return CanWriteCase(u, c) || CanRecordResults(u) && r.DeskID == u.DeskID
}

// SeizureTotal is the sum of the seizures of one type, measure, substance
// and unit.
type SeizureTotal struct {
	SeizureType string  `json:"seizure_type"`
	Measure     string  `json:"measure"`
	Substance   string  `json:"substance"`
	Unit        string  `json:"unit"`
	Quantity    float64 `json:"quantity"`
	ValueEUR    int64   `json:"value_eur"`
	Entries     int64   `json:"entries"`
}

// ResultTotals are the figures of the annual report over the results of
// a period and a country: numbers only, never case content.
type ResultTotals struct {
	From    Date   `json:"from"`
	To      Date   `json:"to"`
	Country string `json:"country"`
	Cases   int64  `json:"cases"` // cases with at least one result counted
	// Victims and FinancialDamageEUR sum the victims and the financial
	// damage recorded on those cases, each case once: the annual report
	// gives them for the cases whose results it reports.
	Victims            int64          `json:"victims"`
	FinancialDamageEUR int64          `json:"financial_damage_eur"`
	Arrests            int64          `json:"arrests"`
	Searches           int64          `json:"searches"`
	Interrogations     int64          `json:"interrogations"`
	Surrenders         int64          `json:"surrenders"`
	SeizedEUR          int64          `json:"seized_eur"`
	FrozenEUR          int64          `json:"frozen_eur"`
	ConfiscatedEUR     int64          `json:"confiscated_eur"`
	DrugsEUR           int64          `json:"drugs_eur"` // value of drug seizures, any measure
	ReturnedEUR        int64          `json:"returned_eur"`
	Seizures           []SeizureTotal `json:"seizures"`

	// VictimsHidden and DamageHidden: fewer than SmallCount cases (but
	// some) stand behind Victims, or FinancialDamageEUR, which is hidden
	// from a reader who sees no case content and reads 0
	// (HideSmallCounts).
	VictimsHidden bool `json:"victims_hidden"`
	DamageHidden  bool `json:"financial_damage_hidden"`
	// HarmWithheld: the victims and financial damage are given to this
	// reader for whole calendar years only (ShowsBreakdowns), and read 0.
	HarmWithheld bool `json:"harm_withheld"`

	// VictimsCases and DamageCases count the cases among Cases that
	// record victims, and financial damage: the cases behind each sum.
	VictimsCases int64 `json:"-"`
	DamageCases  int64 `json:"-"`
}

// ResultService stores actions and results of cases. Whoever reads a case
// reads its actions and results. The owner desk's desk members and
// liaison prosecutors record actions and results of any country; the desk
// of a country asked in the case (or granted it) records results of its
// own country only, as in a coordination centre where each country
// reports what it did. A result is deleted by the owner desk or by the
// desk that reported it. Every change is audited.
type ResultService interface {
	// FindActions returns the actions of a visible case by date; ENOTFOUND
	// when the case is not visible.
	FindActions(ctx context.Context, caseID int64) ([]*Action, error)
	// CreateAction adds an action to case a.CaseID (owner desk only:
	// EFORBIDDEN otherwise); EINVALID names the bad field (a date in the
	// future or before the case opened).
	CreateAction(ctx context.Context, a *Action) error
	// FindResults returns the results of a visible case by date.
	FindResults(ctx context.Context, caseID int64) ([]*Result, error)
	// CreateResult records r for case r.CaseID. ENOTFOUND when the case is
	// not visible; EFORBIDDEN when the caller's desk may not report r's
	// country; EINVALID names the bad field (an action of another case, an
	// unknown country, a date in the future, before the case opened or
	// before the date of its action).
	CreateResult(ctx context.Context, r *Result) error
	// DeleteResult removes result id of case caseID (0: of any case):
	// the owner desk or the reporting desk; ENOTFOUND, as a result the
	// caller cannot see, when it is of another case.
	DeleteResult(ctx context.Context, caseID, id int64) error
	// ResultTotals sums the results dated from..to (inclusive; zero dates
	// leave the range open) in country (all when ""), and the victims and
	// financial damage of the cases those results belong to (each case
	// once). Statistics users and administrators only (EFORBIDDEN
	// otherwise).
	ResultTotals(ctx context.Context, from, to Date, country string) (*ResultTotals, error)
}

// AssetsEUR is the value of the assets seized and frozen other than
// drugs, as the annual report counts "criminal assets seized and frozen"
// apart from the drugs seized.
func (t *ResultTotals) AssetsEUR() int64 {
	var v int64
	for _, s := range t.Seizures {
		if s.SeizureType != "drugs" && (s.Measure == "seized" || s.Measure == "frozen") {
			v += s.ValueEUR
		}
	}
	return v
}

package crosscase

import (
	"slices"
	"strings"
)

// ScopeKind says between which countries an instrument type runs.
type ScopeKind string

// Scope kinds.
const (
	// ScopeMemberStates: only between EU Member States bound by the act
	// that makes the instrument.
	ScopeMemberStates ScopeKind = "member_states"
	// ScopeNoSurrender: wherever no surrender procedure applies, that is
	// neither between two Member States (the European Arrest Warrant) nor
	// between a Member State and a party to a surrender agreement.
	ScopeNoSurrender ScopeKind = "no_surrender"
	// ScopeAgreement: only between an EU Member State and a third
	// country party to the surrender agreement that makes the instrument
	// (InstrumentScope.Parties), in either direction.
	ScopeAgreement ScopeKind = "agreement"
	// ScopeAny: between any two countries.
	ScopeAny ScopeKind = "any"
)

// InstrumentScope is the legal scope of an instrument type: the act
// that makes it, between which countries it runs and what to use
// elsewhere (README, "Which instrument between which countries").
type InstrumentScope struct {
	Type InstrumentType
	Kind ScopeKind
	// Law is the act that makes the instrument or bounds its use.
	Law string
	// Between says, for people, between which countries it runs.
	Between string
	// NotBound are the Member States the act does not bind.
	NotBound []string
	// Parties are the third countries party to the agreement that makes
	// an instrument of ScopeAgreement (SurrenderAgreements).
	Parties []string
	// Surrender marks the types that surrender a person: outside its
	// scope the procedure to use is the one that applies between the two
	// countries (SurrenderBetween), not Instead.
	Surrender bool
	// Instead is the type to use outside the scope.
	Instead InstrumentType
}

// InstrumentScopes returns the scope of every type, in display order.
func InstrumentScopes() []InstrumentScope {
	return []InstrumentScope{
		// Framework Decision 2002/584/JHA binds all 27 Member States,
		// Denmark and Ireland included: adopted before the Treaty of
		// Lisbon, it is outside the opt-outs of Protocols No 21 and No 22.
		// With third countries a person is extradited, or surrendered
		// under a surrender agreement.
		{Type: InstrumentEAW, Kind: ScopeMemberStates, Law: "Framework Decision 2002/584/JHA",
			Between: "EU Member States (Framework Decision 2002/584/JHA)", Surrender: true, Instead: InstrumentExtradition},
		// Agreement of 28 June 2006 between the European Union and the
		// Republic of Iceland and the Kingdom of Norway on the surrender
		// procedure, in force since 1 November 2019: surrender on an arrest
		// warrant between the Member States and Norway or Iceland, either
		// way. Concluded under Art. 24 and 38 TEU before the Treaty of
		// Lisbon, it binds every Member State, Denmark and Ireland included.
		{Type: InstrumentSurrenderNOIS, Kind: ScopeAgreement, Law: "EU–Norway/Iceland Surrender Agreement (OJ L 292, 21.10.2006, p. 2)",
			Between: "an EU Member State and Norway or Iceland (OJ L 292, 21.10.2006, p. 2)", Parties: []string{"NO", "IS"}, Surrender: true, Instead: InstrumentExtradition},
		// EU–UK Trade and Cooperation Agreement, Part Three, Title VII:
		// surrender on an arrest warrant between the Member States and the
		// United Kingdom, either way. Concluded under Art. 217 TFEU, it
		// binds every Member State; for Ireland, outside Protocol No 21,
		// Court of Justice, C-479/21 PPU, SN and SD, 16 November 2021.
		{Type: InstrumentSurrenderUK, Kind: ScopeAgreement, Law: "Trade and Cooperation Agreement (Part Three, Title VII)",
			Between: "an EU Member State and the United Kingdom (Part Three, Title VII)", Parties: []string{"GB"}, Surrender: true, Instead: InstrumentExtradition},
		// Directive 2014/41/EU binds neither Ireland (Protocol No 21) nor
		// Denmark (Protocol No 22); with them and with third countries
		// evidence is asked for by mutual legal assistance.
		{Type: InstrumentEIO, Kind: ScopeMemberStates, Law: "Directive 2014/41/EU",
			Between: "the Member States bound by Directive 2014/41/EU, all but Denmark and Ireland", NotBound: []string{"DK", "IE"}, Instead: InstrumentMLA},
		// Regulation (EU) 2018/1805 binds neither Ireland (Protocol No 21)
		// nor Denmark (Protocol No 22); Art. 39 replaces Framework
		// Decisions 2003/577/JHA and 2006/783/JHA only between the
		// Member States it binds.
		{Type: InstrumentFreezing, Kind: ScopeMemberStates, Law: "Regulation (EU) 2018/1805",
			Between: "the Member States bound by Regulation (EU) 2018/1805, all but Denmark and Ireland", NotBound: []string{"DK", "IE"}, Instead: InstrumentMLA},
		{Type: InstrumentConfiscation, Kind: ScopeMemberStates, Law: "Regulation (EU) 2018/1805",
			Between: "the Member States bound by Regulation (EU) 2018/1805, all but Denmark and Ireland", NotBound: []string{"DK", "IE"}, Instead: InstrumentMLA},
		{Type: InstrumentMLA, Kind: ScopeAny, Law: "conventions on mutual assistance and bilateral treaties",
			Between: "any two countries"},
		// Framework Decision 2002/584/JHA Art. 31(1): between Member States
		// the European Arrest Warrant replaces the extradition conventions;
		// the surrender agreements do the same with their parties
		// (surrender_no_is, surrender_uk).
		{Type: InstrumentExtradition, Kind: ScopeNoSurrender, Law: "extradition conventions and bilateral treaties",
			Between: "countries between which no surrender procedure applies", Surrender: true, Instead: InstrumentEAW},
		{Type: InstrumentTransfer, Kind: ScopeAny, Law: "conventions on the transfer of proceedings and bilateral treaties",
			Between: "any two countries"},
	}
}

// ScopeOf returns the scope of type t; false for an unknown type.
func ScopeOf(t InstrumentType) (InstrumentScope, bool) {
	for _, s := range InstrumentScopes() {
		if s.Type == t {
			return s, true
		}
	}
	return InstrumentScope{}, false
}

// SurrenderAgreement is an agreement under which the Member States and
// third countries surrender persons by arrest warrant, with its own time
// limits (SurrenderLawOf), instead of extraditing them.
type SurrenderAgreement struct {
	Type      InstrumentType // the instrument type of its arrest warrants
	Countries []string       // the third countries party to it
	Name      string         // for people, with its reference
}

// SurrenderAgreements returns the surrender agreements of the Union: the
// types of ScopeAgreement in InstrumentScopes.
func SurrenderAgreements() []SurrenderAgreement {
	var out []SurrenderAgreement
	for _, sc := range InstrumentScopes() {
		if sc.Kind == ScopeAgreement {
			out = append(out, SurrenderAgreement{Type: sc.Type, Countries: sc.Parties, Name: "the " + sc.Law})
		}
	}
	return out
}

// surrenderAgreementOf returns the surrender agreement code is party to.
func surrenderAgreementOf(code string) (SurrenderAgreement, bool) {
	for _, a := range SurrenderAgreements() {
		if slices.Contains(a.Countries, code) {
			return a, true
		}
	}
	return SurrenderAgreement{}, false
}

// SurrenderBetween returns the type by which a person is surrendered
// between the two countries: the European Arrest Warrant between Member
// States, the arrest warrant of a surrender agreement between a Member
// State and a party to it, and an extradition request otherwise (two
// third countries, a party to an agreement included). A country is a
// Member State when its standing is StandingMember.
func SurrenderBetween(issuing, executing *Country) InstrumentType {
	mi, me := issuing.Standing == StandingMember, executing.Standing == StandingMember
	switch {
	case mi && me:
		return InstrumentEAW
	case mi:
		if a, ok := surrenderAgreementOf(executing.Code); ok {
			return a.Type
		}
	case me:
		if a, ok := surrenderAgreementOf(issuing.Code); ok {
			return a.Type
		}
	}
	return InstrumentExtradition
}

// phrase returns the type with its indefinite article, for sentences.
func (t InstrumentType) phrase() string {
	switch t {
	case InstrumentEAW:
		return "a European Arrest Warrant"
	case InstrumentSurrenderNOIS:
		return "a surrender under the EU–Norway/Iceland Surrender Agreement"
	case InstrumentSurrenderUK:
		return "a surrender under the Trade and Cooperation Agreement"
	case InstrumentEIO:
		return "a European Investigation Order"
	case InstrumentFreezing:
		return "a freezing certificate"
	case InstrumentConfiscation:
		return "a confiscation certificate"
	case InstrumentMLA:
		return "a mutual legal assistance request"
	case InstrumentExtradition:
		return "an extradition request"
	case InstrumentTransfer:
		return "a transfer of proceedings"
	}
	return string(t)
}

// subject returns the type's phrase as a sentence starts with it: "A
// European Arrest Warrant".
func (t InstrumentType) subject() string {
	p := t.phrase()
	return strings.ToUpper(p[:1]) + p[1:]
}

// What CheckInstrumentScope says of a country outside a scope of the
// Member States.
const (
	scopeNotMember = "is not a Member State"
	scopeNotBound  = "is not bound by it"
	scopeNotOne    = "is not one"
)

// ScopePhrases returns the phrases CheckInstrumentScope writes into its
// messages as values (Label): each type as a sentence's subject and as
// the type to use instead, each scope's countries, what a country outside
// it is not, and each surrender agreement's name. A page writes them in
// the reader's language.
func ScopePhrases() []string {
	out := []string{scopeNotMember, scopeNotBound, scopeNotOne}
	for _, t := range InstrumentTypes() {
		out = append(out, t.subject(), t.named())
	}
	for _, sc := range InstrumentScopes() {
		out = append(out, sc.Between)
	}
	for _, a := range SurrenderAgreements() {
		out = append(out, a.Name)
	}
	return out
}

// named returns the type's phrase with its code, e.g. "an extradition
// request (extradition)", for recommending it.
func (t InstrumentType) named() string { return t.phrase() + " (" + string(t) + ")" }

// countryName returns "Albania (AL)", a country that a page names in
// the reader's language.
func countryName(c *Country) CountryLabel {
	return CountryLabel{Code: c.Code, Name: c.Name}
}

// CheckInstrumentScope reports whether an instrument of type t may run
// from issuing to executing under the law of its type (InstrumentScopes,
// SurrenderAgreements; README, "Which instrument between which
// countries"). A country is an EU Member State when its standing is
// StandingMember. The error is EINVALID on "issuing_country" or
// "executing_country", the side that falls outside the scope, and its
// message names the instrument, the law and the instrument to use
// instead. An unknown type passes: Instrument.Validate refuses it.
func CheckInstrumentScope(t InstrumentType, issuing, executing *Country) error {
	sc, ok := ScopeOf(t)
	if !ok {
		return nil
	}
	sides := []struct {
		field       string
		c, opposite *Country
	}{{"issuing_country", issuing, executing}, {"executing_country", executing, issuing}}
	for _, s := range sides {
		if s.c == nil {
			return FieldErrorf(s.field, "The country is unknown.")
		}
	}
	member := func(c *Country) bool { return c.Standing == StandingMember }
	// The values are phrases and names a page writes in the reader's
	// language (ScopePhrases).
	what, between := Label(sc.Type.subject()), Label(sc.Between)
	switch sc.Kind {
	case ScopeMemberStates:
		for _, s := range sides {
			if member(s.c) && !slices.Contains(sc.NotBound, s.c.Code) {
				continue
			}
			status := Label(scopeNotMember)
			switch {
			case member(s.c):
				status = Label(scopeNotBound)
			case len(sc.NotBound) == 0:
				status = Label(scopeNotOne)
			}
			instead := Label(sc.Instead.named())
			if sc.Surrender {
				instead = Label(SurrenderBetween(issuing, executing).named())
			}
			return FieldErrorf(s.field, "%s runs only between %s; %s %s: use %s.", what, between, countryName(s.c), status, instead)
		}
	case ScopeNoSurrender:
		if member(issuing) && member(executing) {
			// FD 2002/584/JHA Art. 31(1).
			return FieldErrorf("executing_country", "%s is not used where a surrender procedure applies: between EU Member States the European Arrest Warrant replaces it (Framework Decision 2002/584/JHA, Art. 31(1)); %s and %s are both Member States: use %s.",
				what, countryName(issuing), countryName(executing), Label(sc.Instead.named()))
		}
		for _, s := range sides {
			if a, ok := surrenderAgreementOf(s.c.Code); ok && !member(s.c) && member(s.opposite) {
				return FieldErrorf(s.field, "%s is not used where a surrender procedure applies: between the EU Member States and %s surrender runs under %s: use a surrender under that agreement (%s).",
					what, countryName(s.c), Label(a.Name), a.Type)
			}
		}
	case ScopeAgreement:
		party := func(c *Country) bool { return !member(c) && slices.Contains(sc.Parties, c.Code) }
		if member(issuing) && party(executing) || party(issuing) && member(executing) {
			return nil
		}
		instead := Label(SurrenderBetween(issuing, executing).named())
		if member(issuing) && member(executing) {
			return FieldErrorf("executing_country", "%s runs only between %s; %s and %s are both Member States: use %s.",
				what, between, countryName(issuing), countryName(executing), instead)
		}
		// The side outside: a country neither a Member State nor a party.
		for _, s := range sides {
			if !member(s.c) && !party(s.c) {
				return FieldErrorf(s.field, "%s runs only between %s; %s is not a party to it: use %s.", what, between, countryName(s.c), instead)
			}
		}
		// Two parties, no Member State (NO–IS).
		return FieldErrorf("executing_country", "%s runs only between %s; neither %s nor %s is a Member State: use %s.",
			what, between, countryName(issuing), countryName(executing), instead)
	}
	return nil
}

// InstrumentTypesBetween returns the types that may run from issuing to
// executing (CheckInstrumentScope), in display order.
func InstrumentTypesBetween(issuing, executing *Country) []InstrumentType {
	var out []InstrumentType
	for _, t := range InstrumentTypes() {
		if CheckInstrumentScope(t, issuing, executing) == nil {
			out = append(out, t)
		}
	}
	return out
}

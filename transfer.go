package crosscase

// Transfer kinds: what operational personal data leaves the agency for a
// country. They appear in the audit log (action "transfer") and in refusals.
const (
	TransferDisclosure = "hit_disclosure" // a disclosed hit shows an entity to another desk
	TransferGrant      = "case_grant"     // the owner grants another desk the case file
	TransferExport     = "case_export"    // a case exported by a user of that country's desk
	TransferRead       = "case_read"      // a user of that country's desk reads entities
	TransferNotice     = "notice"         // a notice marked as holding personal data
	TransferEvidence   = "jit_evidence"   // JIT evidence offered to a member from that country
	TransferJITSpace   = "jit_space"      // a JIT's space (messages, evidence metadata) opened to a party or member of that country
	// Instruments: an instrument naming a person, read by or sent to that country.
	TransferInstrument = "instrument"
)

// ActionTransfer is the audit action of an allowed transfer to a third country.
const ActionTransfer = "transfer"

// TransferLabel names a transfer kind for people, as a refusal of
// CheckTransfer says what it refused ("Refused (notice with personal
// data): …"); another what is named as it is.
func TransferLabel(what string) string {
	if l, ok := transferLabels[what]; ok {
		return l
	}
	return what
}

// TransferLabels returns the names of the transfer kinds (TransferLabel).
func TransferLabels() []string {
	out := make([]string, 0, len(transferLabels))
	for _, l := range transferLabels {
		out = append(out, l)
	}
	return out
}

var transferLabels = map[string]string{
	TransferDisclosure: "disclosure of a hit",
	TransferGrant:      "access to a case",
	TransferExport:     "export of a case",
	TransferRead:       "reading a case's entities",
	TransferNotice:     "notice with personal data",
	TransferEvidence:   "JIT evidence",
	TransferJITSpace:   "JIT space",
	TransferInstrument: "instrument naming a person",
}

// The sentences a refusal of CheckTransfer takes when it refuses a notice
// with personal data, or recipients added to one (Error.WithSentence).
const (
	NoticeNotSent = "The notice was not sent to anyone: remove that recipient or send it without personal data."
	NoDeskAdded   = "No desk was added."
)

// CheckTransfer applies the partner data rule to sending operational
// personal data (what, one of the Transfer kinds) to country on day on.
//
// Regulation (EU) 2018/1727, Art. 56(2): operational personal data may be
// transferred to a third country only on the basis of an international
// agreement on cooperation (Art. 56(2)(b)–(c)) or an adequacy decision.
// A working arrangement (Art. 47(3)) formalises contact and non-personal
// cooperation only and is no basis. Member states are not third
// countries: the rule does not apply to them.
//
// agreements are the agency's agreements (any country; others are
// ignored). It returns nil when the transfer is allowed, and otherwise an
// EFORBIDDEN *Error whose message names the rule and the country's basis.
func CheckTransfer(country *Country, agreements []*Agreement, on Date, what string) error {
	if country == nil {
		return Errorf(EFORBIDDEN, "Personal data may not be sent to an unknown country.")
	}
	if country.Standing == StandingMember {
		return nil
	}
	var arrangement *Agreement
	for _, a := range agreements {
		if a.CountryCode != country.Code || on.Before(a.SignedOn) {
			continue
		}
		if a.Kind == AgreementCooperation {
			return nil
		}
		arrangement = a
	}
	if arrangement != nil {
		return Errorf(EFORBIDDEN, "Refused (%s): %s has only a working arrangement with the agency (signed %s), and operational personal data may go to a third country only under a cooperation agreement (Regulation (EU) 2018/1727, Art. 56).",
			Label(TransferLabel(what)), countryName(country), arrangement.SignedOn)
	}
	return Errorf(EFORBIDDEN, "Refused (%s): %s has no cooperation agreement with the agency, and operational personal data may go to a third country only under one (Regulation (EU) 2018/1727, Art. 56).",
		Label(TransferLabel(what)), countryName(country))
}

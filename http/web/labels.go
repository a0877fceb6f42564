package web

import (
	"strings"
	"time"

	"crosscase/locale"

	"crosscase"
)

// The words pages use for the system's codes and numbers: labels of
// roles, kinds, statuses and hit explanations, and formatted dates and
// amounts. Every page's template reaches them through templateFuncs.

func fmtDateTime(t any) string {
	switch v := t.(type) {
	case time.Time:
		if v.IsZero() {
			return "—"
		}
		return v.UTC().Format("2006-01-02 15:04 UTC")
	case *time.Time:
		if v == nil || v.IsZero() {
			return "—"
		}
		return v.UTC().Format("2006-01-02 15:04 UTC")
	}
	return ""
}

var priorityLabels = map[string]string{
	"empact_high_risk_networks":        "EMPACT: high-risk criminal networks",
	"empact_cyber_attacks":             "EMPACT: cyber-attacks",
	"empact_trafficking_human_beings":  "EMPACT: trafficking in human beings",
	"empact_child_sexual_exploitation": "EMPACT: child sexual exploitation",
	"empact_migrant_smuggling":         "EMPACT: migrant smuggling",
	"empact_drug_trafficking":          "EMPACT: drug trafficking",
	"empact_fraud_economic_financial":  "EMPACT: online fraud, economic and financial crime",
	"empact_organised_property_crime":  "EMPACT: organised property crime",
	"empact_environmental_crime":       "EMPACT: environmental crime",
	"empact_firearms_trafficking":      "EMPACT: firearms trafficking",
	"empact_criminal_finances":         "EMPACT: criminal finances and money laundering",
	"empact_document_fraud":            "EMPACT: document fraud",
}

func priorityLabel(p string) string {
	if p == "" {
		return "None"
	}
	if l, ok := priorityLabels[p]; ok {
		return l
	}
	return p
}

func userRoleLabel(r crosscase.Role) string {
	switch r {
	case crosscase.RoleDeskMember:
		return "Desk member"
	case crosscase.RoleLiaison:
		return "Liaison prosecutor"
	case crosscase.RoleAnalyst:
		return "Analyst"
	case crosscase.RoleStatistics:
		return "Statistics"
	case crosscase.RoleAdministrator:
		return "Administrator"
	case crosscase.RoleContactPoint:
		return "Contact point"
	case crosscase.RoleJITMember:
		return "JIT member"
	}
	return string(r)
}

func entityKindLabel(k crosscase.EntityKind) string {
	switch k {
	case crosscase.KindPerson:
		return "Person"
	case crosscase.KindCompany:
		return "Company"
	case crosscase.KindOCG:
		return "Organised crime group"
	case crosscase.KindPhone:
		return "Phone number"
	case crosscase.KindEmail:
		return "E-mail address"
	case crosscase.KindIBAN:
		return "Bank account (IBAN)"
	case crosscase.KindVehicle:
		return "Vehicle"
	case crosscase.KindCryptoWallet:
		return "Crypto wallet"
	case crosscase.KindAddress:
		return "Address"
	case crosscase.KindDocument:
		return "Identity document"
	}
	return string(k)
}

// valueLabel names the Value field of an identifier kind.
func valueLabel(k crosscase.EntityKind) string {
	switch k {
	case crosscase.KindPhone:
		return "Phone number"
	case crosscase.KindEmail:
		return "E-mail address"
	case crosscase.KindIBAN:
		return "IBAN"
	case crosscase.KindVehicle:
		return "Registration plate or VIN"
	case crosscase.KindCryptoWallet:
		return "Wallet address"
	case crosscase.KindAddress:
		return "Address"
	case crosscase.KindDocument:
		return "Document number"
	}
	return "Value"
}

func entityRoleLabel(r crosscase.EntityRole) string {
	switch r {
	case crosscase.RoleSuspect:
		return "Suspect"
	case crosscase.RoleVictim:
		return "Victim"
	case crosscase.RoleWitness:
		return "Witness"
	case crosscase.RoleOther:
		return "Other"
	}
	return string(r)
}

// entityRolePlural is the heading of a role's group on the case page.
func entityRolePlural(r crosscase.EntityRole) string {
	switch r {
	case crosscase.RoleSuspect:
		return "Suspects"
	case crosscase.RoleVictim:
		return "Victims"
	case crosscase.RoleWitness:
		return "Witnesses"
	case crosscase.RoleOther:
		return "Other"
	}
	return string(r)
}

func standingLabel(s crosscase.Standing) string {
	switch s {
	case crosscase.StandingMember:
		return "Member state"
	case crosscase.StandingLiaison:
		return "Liaison prosecutor"
	case crosscase.StandingContactPoint:
		return "Contact point"
	case crosscase.StandingNone:
		return "None"
	}
	return string(s)
}

func agreementKindLabel(k crosscase.AgreementKind) string {
	switch k {
	case crosscase.AgreementCooperation:
		return "Cooperation agreement"
	case crosscase.AgreementWorkingArrangement:
		return "Working arrangement"
	}
	return string(k)
}

func authorityKindLabel(k crosscase.AuthorityKind) string {
	switch k {
	case crosscase.AuthorityProsecution:
		return "Prosecution"
	case crosscase.AuthorityPolice:
		return "Police"
	case crosscase.AuthorityCourt:
		return "Court"
	case crosscase.AuthorityBorderGuard:
		return "Border guard"
	case crosscase.AuthorityCustoms:
		return "Customs"
	case crosscase.AuthorityOther:
		return "Other"
	}
	return string(k)
}

// hitMeaning says in words what a score means.
func hitMeaning(score int) string {
	switch {
	case score >= 90:
		return "almost certainly the same"
	case score >= 75:
		return "probably the same"
	}
	return "possibly the same"
}

// hitScoreClass is the style class of a score's band.
func hitScoreClass(score int) string {
	switch {
	case score >= 90:
		return "score-high"
	case score >= 75:
		return "score-mid"
	}
	return "score-low"
}

// hitFieldLabel names a field that agreed, for an entity of kind.
func hitFieldLabel(kind crosscase.EntityKind, field string) string {
	switch field {
	case "family_name":
		return "family name"
	case "given_name":
		return "given names"
	case "birth_date":
		return "date of birth"
	case "id_number":
		return "identity number"
	case "name":
		return "name"
	case "name_rarity":
		return "how common the name is in the register"
	case "full_name":
		return "name, with nothing else to compare"
	case "nationality":
		return "nationality"
	case "address":
		return "address"
	case "value":
		if l := valueLabel(kind); l != "IBAN" {
			return strings.ToLower(l)
		}
		return "IBAN"
	}
	return strings.ReplaceAll(field, "_", " ")
}

// hitHowLabels say how a field agreed.
var hitHowLabels = map[string]string{
	"exact":              "exact",
	"transliteration":    "transliteration",
	"phonetic":           "sounds alike",
	"typo":               "small spelling difference",
	"initial":            "initial",
	"partial":            "in part",
	"swapped":            "given and family names swapped",
	"day_month_swapped":  "day and month swapped",
	"year_only":          "year only",
	"same_year":          "same year",
	"spacing":            "spacing differs",
	"rare_in_register":   "a coincidence is unlikely",
	"common_in_register": "the name is common in the register: a coincidence is likely, so the score is lowered",
	"nickname":           "a short form or nickname of the other",
	"part_differs":       "a part differs on each side: likely two relatives, not one person",
	"parent_swapped":     "the same names in the other order around \"son of\" (bin, ibn): a son and his father, not one person",
	"differs":            "differs",
	"different":          "differs",
	"unknown":            "not known",
}

// hitDisagrees reports whether how says a field disagreed outright, so
// that the page does not also give its likeness (0 %), which says the same
// thing twice.
func hitDisagrees(how string) bool { return how == "differs" || how == "different" }

// hitHowLabel says how a field agreed.
func hitHowLabel(how string) string {
	if l, ok := hitHowLabels[how]; ok {
		return l
	}
	return strings.ReplaceAll(how, "_", " ")
}

// clockStateLabel names where a legal clock stands.
func clockStateLabel(st crosscase.ClockState) string {
	switch st {
	case crosscase.ClockPending:
		return "not started"
	case crosscase.ClockRunning:
		return "running"
	case crosscase.ClockOverdue:
		return "overdue"
	case crosscase.ClockMet:
		return "met"
	case crosscase.ClockMetLate:
		return "met late"
	case crosscase.ClockStopped:
		return "stopped"
	case crosscase.ClockNoLimit:
		return "without delay"
	}
	return strings.ReplaceAll(string(st), "_", " ")
}

// hitStatusLabel names a hit's status.
func hitStatusLabel(st crosscase.HitStatus) string {
	switch st {
	case crosscase.HitNew:
		return "New"
	case crosscase.HitDisclosed:
		return "Disclosed"
	case crosscase.HitRestricted:
		return "Restricted"
	case crosscase.HitDismissed:
		return "Dismissed"
	}
	return string(st)
}

// timelineKindLabel names a kind of timeline event.
func timelineKindLabel(k crosscase.TimelineKind) string {
	switch k {
	case crosscase.TimelineCase:
		return "Case"
	case crosscase.TimelineInstrument:
		return "Instruments and clocks"
	case crosscase.TimelineMeeting:
		return "Meetings"
	case crosscase.TimelineAction:
		return "Action days and centres"
	case crosscase.TimelineJIT:
		return "Joint investigation teams"
	case crosscase.TimelineResult:
		return "Results"
	case crosscase.TimelineHit:
		return "Hits"
	case crosscase.TimelineRetention:
		return "Retention"
	}
	return string(k)
}

// humanCode turns a code such as real_estate into "real estate".
func humanCode(s string) string { return strings.ReplaceAll(s, "_", " ") }

// activityLabels say what happened, for each action and object type the
// dashboard's recent activity lists (sqldb RecentActivity), as one phrase
// a translation can word as its language does.
var activityLabels = map[[2]string]string{
	{crosscase.ActionCreate, "case"}:   "Case created",
	{crosscase.ActionUpdate, "case"}:   "Case changed",
	{crosscase.ActionGrant, "case"}:    "Access to the case granted",
	{crosscase.ActionRevoke, "case"}:   "Access to the case withdrawn",
	{crosscase.ActionCreate, "entity"}: "Entity added",
	{crosscase.ActionUpdate, "entity"}: "Entity changed",
	{crosscase.ActionDelete, "entity"}: "Entity deleted",
}

// activityFallbackFormat says what happened for an action and object
// type without a phrase of their own: the object type, then the action.
const activityFallbackFormat = "%s: %s"

// activityText says what an activity was, in p's language.
func activityText(p *locale.Printer, action, objectType string) string {
	if l, ok := activityLabels[[2]string{action, objectType}]; ok {
		return p.T(l)
	}
	return p.T(activityFallbackFormat, p.T(humanCode(objectType)), p.T(humanCode(action)))
}

// measureStateLabel names a state for people.
func measureStateLabel(s crosscase.MeasureState) string {
	return strings.ToUpper(humanCode(string(s))[:1]) + humanCode(string(s))[1:]
}

// centreEventText describes a log entry for people, in p's language.
func centreEventText(p *locale.Printer, ev *crosscase.CentreEvent) string {
	kind := func(k crosscase.MeasureKind) string {
		l := p.T(measureKindLabels[k])
		if p.Lang == "en" {
			l = strings.ToLower(l)
		}
		return l
	}
	switch ev.Kind {
	case crosscase.EventCentreOpened:
		return p.T("Centre opened: %s", ev.Text)
	case crosscase.EventMeasurePlaned:
		if ev.Measure != nil {
			return p.T("Planned: %s in %s (#%d)", kind(ev.Measure.Kind), ev.Measure.Country, ev.MeasureID)
		}
	case crosscase.EventMeasureMoved:
		if ev.Measure != nil {
			return p.T("%s #%d in %s: %s → %s", p.T(measureKindLabels[ev.Measure.Kind]), ev.MeasureID, ev.Measure.Country,
				p.T(measureStateLabel(ev.From)), p.T(measureStateLabel(ev.Measure.State)))
		}
	case crosscase.EventMessage:
		return ev.Text
	case crosscase.EventDecision:
		return p.T("Decision on #%d: %s (instrument %d)", ev.MeasureID, ev.Text, ev.InstrumentID)
	case crosscase.EventCentreClosed:
		return p.T("Centre closed: the board is read-only.")
	}
	return ev.Kind
}

var measureKindLabels = map[crosscase.MeasureKind]string{
	crosscase.MeasureSearch: "House search", crosscase.MeasureArrest: "Arrest", crosscase.MeasureExecution: "Execution",
	crosscase.MeasureFreezing: "Freezing", crosscase.MeasureSeizure: "Seizure",
}

// caseStatusLabel names where a case stands.
func caseStatusLabel(st crosscase.CaseStatus) string {
	if st == crosscase.CaseClosed {
		return "Closed"
	}
	return "Open"
}

// caseAccessLabel says why the reader's desk sees a case, in the list of
// cases.
func caseAccessLabel(a crosscase.Access) string {
	switch a {
	case crosscase.AccessOwner:
		return "owner"
	case crosscase.AccessAsked:
		return "asked"
	}
	return "access granted"
}

// fundingStatusLabel names where a JIT's funding application stands.
func fundingStatusLabel(st crosscase.FundingStatus) string {
	switch st {
	case crosscase.FundingApplied:
		return "applied"
	case crosscase.FundingGranted:
		return "granted"
	case crosscase.FundingRejected:
		return "rejected"
	case crosscase.FundingPaid:
		return "paid"
	}
	return string(st)
}

// reviewDecisionLabel names what a retention review decided.
func reviewDecisionLabel(d crosscase.ReviewDecision) string {
	switch d {
	case crosscase.ReviewKeep:
		return "Keep the data"
	case crosscase.ReviewDelete:
		return "Delete the data"
	}
	return string(d)
}

// evidenceDeletedLabels name why a JIT's evidence file was deleted, as
// the JIT page writes it after "Deleted <time>:".
var evidenceDeletedLabels = map[string]string{
	crosscase.EvidenceDeletedDownloaded: "downloaded by every recipient (Regulation (EU) 2023/969, Art. 21)",
	crosscase.EvidenceDeletedExpired:    "4 weeks after upload (Regulation (EU) 2023/969, Art. 21)",
	crosscase.EvidenceDeletedRetention:  "with the personal data of a linked case (retention)",
}

// evidenceDeletedLabel names why an evidence file was deleted: its
// label, or the stored reason as it is.
func evidenceDeletedLabel(reason string) string {
	if l, ok := evidenceDeletedLabels[reason]; ok {
		return l
	}
	return reason
}

package http

import (
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
)

// templateMessageRE finds the messages the templates write: {{t `…`}} and
// {{t "…"}}.
var templateMessageRE = regexp.MustCompile("\\{\\{-?\\s*t\\s+(`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\")")

// pageMessages returns every message the pages write in the reader's
// language: the templates' texts, the labels of the system's codes, the
// names of the legal clocks and instruments, the flash messages, the
// field names and the refusals of the partner data rule.
func pageMessages(t *testing.T) []string {
	t.Helper()
	keys := map[string]bool{}
	add := func(s string) {
		if s != "" {
			keys[s] = true
		}
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := templateFS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templateMessageRE.FindAllStringSubmatch(string(b), -1) {
			k := m[1]
			if strings.HasPrefix(k, "`") {
				add(strings.Trim(k, "`"))
			} else {
				s, err := strconv.Unquote(k)
				if err != nil {
					t.Fatalf("%s: %s: %v", n, k, err)
				}
				add(s)
			}
		}
	}
	for _, r := range crosscase.Roles() {
		add(userRoleLabel(r))
		add(userRoleLabel(r))
	}
	for _, p := range append(crosscase.Priorities(), "") {
		add(priorityLabel(p))
	}
	for _, k := range crosscase.EntityKinds() {
		add(entityKindLabel(k))
		add(valueLabel(k))
		for _, f := range []string{"family_name", "given_name", "birth_date", "id_number", "name", "name_rarity", "full_name", "value"} {
			add(hitFieldLabel(k, f))
		}
	}
	for _, r := range crosscase.EntityRoles() {
		add(entityRoleLabel(r))
		add(entityRolePlural(r))
	}
	for _, s := range []crosscase.Standing{crosscase.StandingMember, crosscase.StandingLiaison, crosscase.StandingContactPoint, crosscase.StandingNone} {
		add(standingLabel(s))
	}
	for _, k := range []crosscase.AgreementKind{crosscase.AgreementCooperation, crosscase.AgreementWorkingArrangement} {
		add(agreementKindLabel(k))
	}
	for _, k := range []crosscase.AuthorityKind{crosscase.AuthorityProsecution, crosscase.AuthorityPolice, crosscase.AuthorityCourt, crosscase.AuthorityBorderGuard, crosscase.AuthorityCustoms, crosscase.AuthorityOther} {
		add(authorityKindLabel(k))
	}
	for _, score := range []int{95, 80, 50} {
		add(hitMeaning(score))
	}
	for _, l := range hitHowLabels {
		add(l)
	}
	for _, st := range []crosscase.ClockState{crosscase.ClockPending, crosscase.ClockRunning, crosscase.ClockOverdue, crosscase.ClockMet, crosscase.ClockMetLate, crosscase.ClockStopped, crosscase.ClockNoLimit} {
		add(clockStateLabel(st))
	}
	for _, st := range []crosscase.HitStatus{crosscase.HitNew, crosscase.HitDisclosed, crosscase.HitRestricted, crosscase.HitDismissed} {
		add(hitStatusLabel(st))
	}
	for _, k := range crosscase.TimelineKinds() {
		add(timelineKindLabel(k))
	}
	for _, st := range crosscase.MeasureStates() {
		add(measureStateLabel(st))
	}
	for _, l := range measureKindLabels {
		add(l)
	}
	for _, l := range resultKindLabels {
		add(l)
	}
	for _, ct := range crosscase.CrimeTypes() {
		add(ct.Name)
	}
	for _, it := range crosscase.InstrumentTypes() {
		add(it.Label())
	}
	for _, st := range []crosscase.InstrumentStatus{crosscase.StatusIssued, crosscase.StatusReceived, crosscase.StatusAcknowledged, crosscase.StatusArrested,
		crosscase.StatusConsented, crosscase.StatusSurrenderOrdered, crosscase.StatusGranted, crosscase.StatusRecognised, crosscase.StatusAccepted,
		crosscase.StatusExecuted, crosscase.StatusSurrendered, crosscase.StatusRefused, crosscase.StatusWithdrawn} {
		add(st.Label())
	}
	for _, k := range []crosscase.ClockKind{crosscase.ClockEAWDecision, crosscase.ClockEAWSurrender, crosscase.ClockEIOAcknowledge, crosscase.ClockEIORecognition,
		crosscase.ClockEIOExecution, crosscase.ClockFreezingDecision, crosscase.ClockFreezingExecution, crosscase.ClockConfiscationDecision,
		crosscase.ClockNOISDecision, crosscase.ClockNOISSurrender, crosscase.ClockUKDecision, crosscase.ClockUKSurrender} {
		add(crosscase.ClockLabel(k))
	}
	for _, k := range crosscase.RelationKinds() {
		add(k.Label())
	}
	for _, o := range append(append([]option{}, entitySorts...), instrumentSorts...) {
		add(o.Label)
	}
	for _, m := range flashMessages {
		add(m)
	}
	for _, l := range fieldLabels {
		add(l)
	}
	for _, f := range partnerRefusals {
		add(f)
	}
	add("%d %% alike")
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// partnerRefusals are the refusals of the partner data rule, which
// pages write in the reader's language (README, "Partner data rule").
var partnerRefusals = []string{
	"Personal data may not be sent to an unknown country.",
	"Refused (%s): %s (%s) has only a working arrangement with the agency (signed %s), and operational personal data may go to a third country only under a cooperation agreement (Regulation (EU) 2018/1727, Art. 56).",
	"Refused (%s): %s (%s) has no cooperation agreement with the agency, and operational personal data may go to a third country only under one (Regulation (EU) 2018/1727, Art. 56).",
}

// Every message the pages write is in every language's file, and no file
// holds a message the pages no longer write. With CROSSCASE_DUMP_KEYS set
// to a file name, the messages are written there, one per line, for

// Every message the pages write is translated in every language's file,
// with the same values, and no file holds a message no page writes.
func TestTranslationsComplete(t *testing.T) {
	keys := pageMessages(t)
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range locale.Languages[1:] {
		p := c.Printer(l.Tag)
		var missing []string
		for _, k := range keys {
			if !p.Has(k) {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks %d of %d messages: %q", l.Tag, len(missing), len(keys), missing)
		}
		for _, k := range c.Keys(l.Tag) {
			if !slices.Contains(keys, k) {
				t.Errorf("%s translates %q, which no page writes", l.Tag, k)
			}
			if verbs(k) != verbs(p.T(k)) {
				t.Errorf("%s: %q and its translation %q take different values", l.Tag, k, p.T(k))
			}
		}
	}
}

// verbs returns the fmt verbs of a message, in order.
func verbs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			b.WriteByte(s[i+1])
			i++
		}
	}
	return b.String()
}

package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"crosscase"
)

// jitSeed is a JIT of the demo operations: named in the press releases
// with its parties. Dates and funding amounts are not in the releases:
// they are illustrative, and labelled so. Each extension is agreed some
// weeks before the end it extends, as parties do while the JIT runs, so
// that the case timeline dates it then and not the day the demo was
// loaded.
type jitSeed struct {
	name      string
	creator   string // demo user who sets it up (a party's desk member)
	caseTitle string
	parties   map[string][]string // country → authority keys
	signed    crosscase.Date
	months    int
	ext       []crosscase.JITExtension
	funding   []crosscase.JITFunding
	grant     []crosscase.JITFundingUpdate // decision for funding[i], if any
	members   []jitMemberSeed
	messages  []string
	evidence  []jitEvidenceSeed
}

type jitMemberSeed struct{ user, country, authority string }

// jitEvidenceSeed is a file of the JIT's space: who uploads it (the
// creator or a member) and the members it waits for.
type jitEvidenceSeed struct {
	from, name, text string
	to               []string
}

func operationJITs() []jitSeed {
	return []jitSeed{
		{
			name:      "JIT Italy–Albania (Bari – SPAK)",
			creator:   "it.rossi",
			caseTitle: italyAlbania(func(...string) []int64 { return nil }).Title,
			parties:   map[string][]string{"IT": {"it-bari-dda", "it-bari-dia"}, "AL": {"al-spak", "al-police"}},
			signed:    day(2020, time.June, 1), months: 24,
			ext: []crosscase.JITExtension{
				{NewEndsOn: day(2024, time.June, 1), AgreedOn: day(2022, time.May, 10), Reason: "Decryption of the chats and financial investigations continue."},
				{NewEndsOn: day(2026, time.June, 1), AgreedOn: day(2024, time.May, 14), Reason: "Arrests and trials in Italy and Albania; evidence still exchanged."},
				{NewEndsOn: day(2028, time.June, 1), AgreedOn: day(2026, time.May, 19), Reason: "Appeal proceedings; evidence for the trials of the second group still exchanged (demo date)."},
			},
			funding: []crosscase.JITFunding{{Label: "Agency JIT funding, 2023 (demo amount)", AppliedEUR: 80000, AppliedOn: day(2023, time.February, 15)}},
			grant:   []crosscase.JITFundingUpdate{{Status: crosscase.FundingGranted, GrantedEUR: 60000, DecidedOn: day(2023, time.April, 3)}},
			// The Italian desk is a member too: the Albanian side sends
			// evidence back to it.
			members: []jitMemberSeed{{"jit.kovacs", "AL", "al-police"}, {"al.hoxha", "AL", "al-spak"}, {"it.rossi", "IT", "it-bari-dda"}},
			evidence: []jitEvidenceSeed{
				{from: "it.rossi", to: []string{"jit.kovacs"}, name: "intercepts-summary.txt",
					text: "Summary of intercepted calls, Bari–Durrës line (demo text): shipment dates and couriers' code names. " +
						"The full transcripts follow through the national channel.\n"},
				{from: "jit.kovacs", to: []string{"it.rossi"}, name: "durres-seizure-report.txt",
					text: "Seizure report, apartments in Durrës (demo text): premises searched, items seized and the couriers' phones. " +
						"The forensic copies of the phones follow through the national channel.\n"},
			},
			messages: []string{
				"Decrypted chats of the second group are ready for exchange.",
				"Received. Our wiretap summaries follow after the action day.",
			},
		},
		{
			name:      "JIT France–Ukraine–Monaco (defence company laundering)",
			creator:   "fr.lefevre",
			caseTitle: franceUkraineMonaco(func(...string) []int64 { return nil }).Title,
			// Monaco has no cooperation agreement with the agency, so the
			// JIT space is not opened to it here (Regulation (EU)
			// 2018/1727, Art. 56): the French and Ukrainian parties only.
			parties: map[string][]string{"FR": {"fr-junalco", "fr-paris-ppo"}, "UA": {"ua-pgo"}},
			signed:  day(2024, time.February, 1), months: 24,
			ext: []crosscase.JITExtension{
				{NewEndsOn: day(2028, time.February, 1), AgreedOn: day(2026, time.January, 22), Reason: "Asset tracing abroad continues (demo date)."},
			},
			funding: []crosscase.JITFunding{{Label: "Agency JIT funding, 2024 (demo amount)", AppliedEUR: 45000, AppliedOn: day(2024, time.March, 1)}},
			members: []jitMemberSeed{{"ua.shevchenko", "UA", "ua-pgo"}},
		},
	}
}

// loadJITs sets up the demo JITs as their creators, with extensions,
// funding, members and a first thread. users are the demo users by name.
func loadJITs(ctx context.Context, svc crosscase.Services, users map[string]*crosscase.User, authorities map[string]int64) error {
	for _, s := range operationJITs() {
		creator := crosscase.NewContextWithActor(ctx, &crosscase.Actor{User: users[s.creator], Reason: "demo"})
		j := &crosscase.JIT{Name: s.name, SignedOn: s.signed, DurationMonths: s.months}
		for _, cc := range []string{"IT", "AL", "FR", "UA", "MC"} {
			keys, ok := s.parties[cc]
			if !ok {
				continue
			}
			p := crosscase.JITParty{CountryCode: cc}
			for _, k := range keys {
				p.AuthorityIDs = append(p.AuthorityIDs, authorities[k])
			}
			j.Parties = append(j.Parties, p)
		}
		cases, _, err := svc.Cases.FindCases(creator, crosscase.CaseFilter{Scope: crosscase.ScopeOwned, Limit: 200})
		if err != nil {
			return err
		}
		for _, c := range cases {
			if c.Title == s.caseTitle {
				j.CaseIDs = append(j.CaseIDs, c.ID)
			}
		}
		if err := svc.JITs.CreateJIT(creator, j); err != nil {
			return fmt.Errorf("demo JIT %s: %w", s.name, err)
		}
		for i := range s.ext {
			if err := svc.JITs.ExtendJIT(creator, j.ID, &s.ext[i]); err != nil {
				return fmt.Errorf("demo JIT %s: %w", s.name, err)
			}
		}
		for i := range s.funding {
			if err := svc.JITs.AddJITFunding(creator, j.ID, &s.funding[i]); err != nil {
				return fmt.Errorf("demo JIT %s: %w", s.name, err)
			}
			if i < len(s.grant) {
				if _, err := svc.JITs.UpdateJITFunding(creator, j.ID, s.funding[i].ID, s.grant[i]); err != nil {
					return fmt.Errorf("demo JIT %s: %w", s.name, err)
				}
			}
		}
		for _, m := range s.members {
			if err := svc.JITs.AddJITMember(creator, j.ID, &crosscase.JITMember{UserID: users[m.user].ID, CountryCode: m.country, AuthorityID: authorities[m.authority]}); err != nil {
				return fmt.Errorf("demo JIT %s member %s: %w", s.name, m.user, err)
			}
		}
		var parent int64
		for i, body := range s.messages {
			author := creator
			if i%2 == 1 && len(s.members) > 0 {
				author = crosscase.NewContextWithActor(ctx, &crosscase.Actor{User: users[s.members[0].user], Reason: "demo"})
			}
			msg := &crosscase.JITMessage{Body: body, ParentID: parent}
			if err := svc.JITs.PostJITMessage(author, j.ID, msg); err != nil {
				return fmt.Errorf("demo JIT %s message: %w", s.name, err)
			}
			parent = msg.ID
		}
		// The files of the space, each for its members to download, where
		// the store keeps evidence files (serve does; a store opened
		// without a folder for them leaves them out).
		for _, f := range s.evidence {
			from := creator
			if f.from != s.creator {
				from = crosscase.NewContextWithActor(ctx, &crosscase.Actor{User: users[f.from], Reason: "demo"})
			}
			up := crosscase.EvidenceUpload{FileName: f.name, ContentType: "text/plain; charset=utf-8"}
			for _, name := range f.to {
				up.RecipientIDs = append(up.RecipientIDs, users[name].ID)
			}
			_, err := svc.Evidence.UploadEvidence(from, j.ID, up, strings.NewReader(f.text), 1<<20)
			if err != nil && crosscase.ErrorCode(err) != crosscase.ENOTIMPL {
				return fmt.Errorf("demo JIT %s evidence %s: %w", s.name, f.name, err)
			}
		}
	}
	return nil
}

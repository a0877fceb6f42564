package sqldb_test

import (
	"fmt"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// A search's text finds words of an entity's notes and address, as they
// are now, and only in cases the caller may see (README, "Search").
func TestSearchNotes(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		own := f.newCase(t, it)
		person := &crosscase.Entity{CaseID: own.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Luca", FamilyName: "Ferri",
			Address: "Via Sparano 12, Bari", Notes: "Manages the group's Encrypted Phones.\nMeets the courier on Fridays."}
		if err := db.CreateEntity(it, person); err != nil {
			t.Fatal(err)
		}
		other := f.newCase(t, de)
		secret := &crosscase.Entity{CaseID: other.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Jonas", FamilyName: "Brandt",
			Notes: "Cutting and packaging in a garage in Kiel; encrypted phones too."}
		if err := db.CreateEntity(de, secret); err != nil {
			t.Fatal(err)
		}
		found := func(name, text string) map[int64]bool {
			t.Helper()
			got, next, err := db.SearchEntities(f.as(t, name), nil, text, "", crosscase.SearchLimit)
			if err != nil || next != "" {
				t.Fatalf("%s searches %q: next %q, %v", name, text, next, err)
			}
			ids := map[int64]bool{}
			for _, m := range got {
				ids[m.Entity.ID] = true
			}
			return ids
		}
		for _, q := range []string{"encrypted phones", "ENCRYPTED", "courier on fridays", "via sparano"} {
			if got := found("it.desk_member", q); !got[person.ID] || got[secret.ID] || len(got) != 1 {
				t.Errorf("IT searches %q: %v, want only its own person %d", q, got, person.ID)
			}
		}
		// Another desk's case's notes are not found by a desk that may not
		// see it, and are by the desk that owns it.
		for _, name := range []string{"it.desk_member", "it.analyst", "al.liaison_prosecutor"} {
			if got := found(name, "Cutting"); len(got) != 0 {
				t.Errorf("%s finds %v by a word of another desk's notes", name, got)
			}
		}
		if got := found("de.desk_member", "cutting and packaging"); !got[secret.ID] || len(got) != 1 {
			t.Errorf("DE searches its own notes: %v", got)
		}
		// A word no longer in the notes is not found; a new one is.
		notes := "Now handles the money."
		if _, err := db.UpdateEntity(it, person.ID, crosscase.EntityUpdate{Version: 1, Notes: &notes}); err != nil {
			t.Fatal(err)
		}
		if got := found("it.desk_member", "encrypted"); len(got) != 0 {
			t.Errorf("old notes still found: %v", got)
		}
		if got := found("it.desk_member", "handles the money"); !got[person.ID] {
			t.Errorf("new notes not found: %v", got)
		}
		// Texts of three characters or more go through the trigram index,
		// shorter ones and those holding a LIKE wildcard scan: all find the
		// same (README, "Search").
		notes = "Owns 50% of the bar."
		if _, err := db.UpdateEntity(it, person.ID, crosscase.EntityUpdate{Version: 2, Notes: &notes}); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]bool{"50% of": true, "50_ of": false, "ba": true, "erri": true, "wns 50": true, "money": false} {
			if got := found("it.desk_member", q); got[person.ID] != want {
				t.Errorf("IT searches %q: %v, want its person %v", q, got, want)
			}
		}
		// Each entity found is audited as a read.
		entries, _, err := db.FindAuditEntries(f.as(t, "it.administrator"), crosscase.AuditFilter{CaseID: own.ID, Action: crosscase.ActionRead, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		reads := 0
		for _, e := range entries {
			if e.ObjectType == "entity" && e.ObjectID == person.ID {
				reads++
			}
		}
		if reads < 5 {
			t.Errorf("entity reads audited: %d, want at least 5", reads)
		}
	})
}

// Paging a search's entities returns every one the caller may see once,
// the matcher's candidates (best first) before the text matches, and
// nothing of cases it may not see.
func TestSearchPaging(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		own, asked, other := f.newCase(t, it), f.newCase(t, de, "IT"), f.newCase(t, de)
		want := map[int64]bool{}
		var cands []crosscase.EntityCandidate
		// Of each case's entities, the even ones are candidates of the
		// matcher (five scores, so that some are alike) and those not a
		// multiple of three have the word in their notes: the caller sees
		// those of its own case and of the case it is asked in.
		add := func(c *crosscase.Case, i int, visible bool) {
			t.Helper()
			e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleWitness, GivenName: "Anna", FamilyName: fmt.Sprintf("Moretti%d", i)}
			if i%3 != 0 {
				e.Notes = "Seen at the Pagingword warehouse."
			}
			owner := it
			if c != own {
				owner = de
			}
			if err := db.CreateEntity(owner, e); err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				cands = append(cands, crosscase.EntityCandidate{EntityID: e.ID, Score: 70 + i%5})
			}
			if visible && (i%2 == 0 || i%3 != 0) {
				want[e.ID] = true
			}
		}
		for i := range 40 {
			add(own, i, true)
			add(asked, 100+i, true)
			add(other, 200+i, false)
		}
		for _, limit := range []int{7, crosscase.SearchLimit} {
			seen := map[int64]int{}
			var all []*crosscase.EntityMatch
			cursor, pages := "", 0
			for {
				got, next, err := db.SearchEntities(it, cands, "pagingword", cursor, limit)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if len(got) > limit || (next != "" && len(got) != limit) {
					t.Fatalf("page %d of %d: %d entities, next %q", pages, limit, len(got), next)
				}
				for _, m := range got {
					seen[m.Entity.ID]++
				}
				all = append(all, got...)
				if next == "" {
					break
				}
				cursor = next
				if pages > 100 {
					t.Fatal("paging does not end")
				}
			}
			for id, n := range seen {
				if n != 1 || !want[id] {
					t.Errorf("limit %d: entity %d returned %d times (wanted: %v)", limit, id, n, want[id])
				}
			}
			for i := 1; i < len(all); i++ {
				a, b := all[i-1], all[i]
				if b.Score > a.Score || (b.Score == a.Score && b.Entity.ID < a.Entity.ID) {
					t.Errorf("limit %d: %d (score %d) after %d (score %d)", limit, b.Entity.ID, b.Score, a.Entity.ID, a.Score)
				}
			}
			if len(seen) != len(want) {
				t.Errorf("limit %d: %d entities over %d pages, want %d", limit, len(seen), pages, len(want))
			}
		}
		for _, bad := range []string{"x", "et", "etx", "em70", "em70.x", "c12"} {
			_, _, err := db.SearchEntities(it, cands, "pagingword", bad, 10)
			wantCode(t, err, crosscase.EINVALID)
		}
	})
}

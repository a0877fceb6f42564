package sqldb_test

import (
	"context"
	"fmt"
	"strconv"
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

// A search ignores case and diacritics, on entities and on cases, through
// the trigram indexes and by scanning alike, and still only in cases the
// caller may see; migration 0038 folds the text stored before it (README,
// "Search").
func TestSearchFolded(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		// The fixture's cases are about "the port of Durrës".
		own, other := f.newCase(t, it), f.newCase(t, de)
		person := &crosscase.Entity{CaseID: own.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Hans", FamilyName: "Müller",
			Address: "Rruga e Portit 4, Durrës", Notes: "Met the courier in Łódź."}
		if err := db.CreateEntity(it, person); err != nil {
			t.Fatal(err)
		}
		secret := &crosscase.Entity{CaseID: other.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Jonas", FamilyName: "Müller",
			Address: "Lagja 1, Durrës", Notes: "Drove to Łódź twice."}
		if err := db.CreateEntity(de, secret); err != nil {
			t.Fatal(err)
		}
		entities := func(ctx context.Context, text string) map[int64]bool {
			t.Helper()
			got, _, err := db.SearchEntities(ctx, nil, text, "", crosscase.SearchLimit)
			if err != nil {
				t.Fatalf("search %q: %v", text, err)
			}
			ids := map[int64]bool{}
			for _, m := range got {
				ids[m.Entity.ID] = true
			}
			return ids
		}
		cases := func(ctx context.Context, text string) map[int64]bool {
			t.Helper()
			got, _, err := db.FindCases(ctx, crosscase.CaseFilter{Query: text})
			if err != nil {
				t.Fatalf("cases %q: %v", text, err)
			}
			ids := map[int64]bool{}
			for _, c := range got {
				ids[c.ID] = true
			}
			return ids
		}
		// "Łó" and "Dü" are short of a trigram: they scan.
		for _, q := range []string{"Durres", "DURRES", "durrës", "DURRËS", "Durrës", "Muller", "MÜLLER", "mueller müller", "Lodz", "łódź", "ŁÓDŹ", "Łó", "lo", "hans muller"} {
			want := q != "mueller müller"
			if got := entities(it, q); got[person.ID] != want || got[secret.ID] {
				t.Errorf("IT searches %q: %v, want its own person %d: %v, never %d", q, got, person.ID, want, secret.ID)
			}
		}
		for _, q := range []string{"Durres", "DURRES", "durrës", "PORT OF DURRES", "durres cocaine"} {
			if got := cases(it, q); !got[own.ID] || got[other.ID] {
				t.Errorf("IT's cases for %q: %v, want %d and never %d", q, got, own.ID, other.ID)
			}
		}
		if got := cases(it, "\u0301\u0308"); len(got) != 0 {
			t.Errorf("only marks find cases: %v", got)
		}
		// A desk that does not see the German case finds nothing of it; the
		// German desk finds its own.
		for _, name := range []string{"it.analyst", "al.liaison_prosecutor"} {
			if got := entities(f.as(t, name), "Durres"); got[secret.ID] {
				t.Errorf("%s finds the German person: %v", name, got)
			}
			if got := cases(f.as(t, name), "DURRES"); got[other.ID] {
				t.Errorf("%s finds the German case: %v", name, got)
			}
		}
		if got := entities(de, "lodz"); !got[secret.ID] || got[person.ID] {
			t.Errorf("DE searches lodz: %v", got)
		}
		if got := cases(de, "durres"); !got[other.ID] || got[own.ID] {
			t.Errorf("DE's cases for durres: %v", got)
		}

		// Text stored before migration 0038 was only lower-cased: "Durres"
		// does not find it until the migration's step folds it.
		ctx := context.Background()
		for _, q := range []string{
			`UPDATE entities SET search = lower(given_name || ' ' || family_name || ' ' || address || ' ' || notes) WHERE id = ` + strconv.FormatInt(person.ID, 10),
			`UPDATE cases SET search = lower(reference || ' ' || title || ' ' || summary) WHERE id = ` + strconv.FormatInt(own.ID, 10),
		} {
			if _, err := db.SQL().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if got := entities(it, "Durres"); got[person.ID] {
			t.Fatalf("lower-cased text found by Durres before folding: %v", got)
		}
		if got := cases(it, "Durres"); got[own.ID] {
			t.Fatalf("lower-cased case found by Durres before folding: %v", got)
		}
		if err := db.FoldSearchTexts(ctx); err != nil {
			t.Fatal(err)
		}
		if db.Dialect() == sqldb.SQLite {
			// The step turned the trigram indexes' secure delete off while it
			// rewrote the rows: it is on again.
			for _, fts := range []string{"entity_trigrams", "case_trigrams"} {
				var on string
				if err := db.SQL().QueryRowContext(ctx, `SELECT v FROM `+fts+`_config WHERE k = 'secure-delete'`).Scan(&on); err != nil || on != "1" {
					t.Errorf("%s secure-delete = %q, %v; want 1", fts, on, err)
				}
			}
		}
		var search string
		if err := db.SQL().QueryRowContext(ctx, `SELECT search FROM entities WHERE id = `+strconv.FormatInt(person.ID, 10)).Scan(&search); err != nil {
			t.Fatal(err)
		}
		if want := "hans muller rruga e portit 4, durres met the courier in lodz."; search != want {
			t.Errorf("folded search text %q, want %q", search, want)
		}
		for _, q := range []string{"Durres", "Durrës", "Muller", "lodz"} {
			if got := entities(it, q); !got[person.ID] || got[secret.ID] {
				t.Errorf("after folding, IT searches %q: %v", q, got)
			}
		}
		if got := cases(it, "Durres"); !got[own.ID] || got[other.ID] {
			t.Errorf("after folding, IT's cases for Durres: %v", got)
		}
	})
}

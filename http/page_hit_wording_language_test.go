package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageHitWordingInLanguage: the hit pages write what a score means
// the same way for every kind of hit (lower case after the score, as the
// list writes it), a field that disagrees without also its 0 % likeness,
// and say whose entity was found instead of "It was found" (German "Er
// wurde gefunden", whose referent is unclear).
func TestPageHitWordingInLanguage(t *testing.T) {
	ts := newHitServer(t, sqldbtest.NewSQLite(t))
	it := ts.user("it.document", crosscase.RoleDeskMember, "IT")
	de := ts.user("de.document", crosscase.RoleDeskMember, "DE")
	itCase := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Scirocco", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
	deCase := ts.pageNewCase(de, &crosscase.Case{Title: "Operation Nordlicht", CrimeTypes: []string{"money_laundering"}, OpenedOn: pageDate(t, "2024-02-01")})
	create := func(u *crosscase.User, e *crosscase.Entity) {
		t.Helper()
		if err := ts.Entities.CreateEntity(userContext(u), e); err != nil {
			t.Fatalf("create %q as %s: %v", e.Label(), u.Name, err)
		}
	}
	// IT enters a person first; DE's entry under another name with the
	// same passport number finds it: DE's side checked, IT's found.
	create(it, &crosscase.Entity{CaseID: itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
		GivenName: "Marco", FamilyName: "Bianchi", IDNumber: "YA7731945"})
	create(de, &crosscase.Entity{CaseID: deCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
		GivenName: "Jürgen", FamilyName: "Hoffmann", IDNumber: "YA7731945"})
	list, _, err := ts.db.FindHits(userContext(it), crosscase.HitFilter{})
	if err != nil || len(list) != 1 || list[0].MatchKind != crosscase.HitSameDocument || list[0].Side != "found" {
		t.Fatalf("IT's hits: %+v %v", list, err)
	}
	h := list[0]
	b := ts.pageSignIn(it)
	for _, tc := range []struct{ lang, meaning, side, differs, checked string }{
		{"en", "same document, different name: a possible false or stolen identity",
			"Your desk's entity was found when the other desk entered or changed its own: your desk decides whether to disclose the hit.", "differs",
			"Your desk entered or changed this entity and so found the other desk's: that desk decides whether to disclose the hit."},
		{"de", "gleiches Dokument, anderer Name: möglicherweise eine falsche oder gestohlene Identität",
			"Die Entität Ihres Büros wurde gefunden, als das andere Büro seine eigene erfasst oder geändert hat: Ihr Büro entscheidet, ob es den Treffer offenlegt.", "weicht ab",
			"Ihr Büro hat diese Entität erfasst oder geändert und dadurch die des anderen Büros gefunden: Dieses Büro entscheidet, ob es den Treffer offenlegt."},
		{"fr", "même document, nom différent : une identité peut-être fausse ou usurpée",
			"L'entité de votre bureau a été trouvée lorsque l'autre bureau a saisi ou modifié la sienne : votre bureau décide de divulguer ou non la concordance.", "diffère",
			"Votre bureau a saisi ou modifié cette entité et a ainsi trouvé celle de l'autre bureau : ce bureau décide de divulguer ou non la concordance."},
		{"it", "stesso documento, nome diverso: un'identità forse falsa o rubata",
			"L'entità del suo ufficio è stata trovata quando l'altro ufficio ha inserito o modificato la propria: il suo ufficio decide se divulgare il riscontro.", "differisce",
			"Il suo ufficio ha inserito o modificato questa entità e ha così trovato quella dell'altro ufficio: quell'ufficio decide se divulgare il riscontro."},
	} {
		b.acceptLanguage = tc.lang
		page := b.get(fmt.Sprintf("/hits/%d", h.ID)).wantStatus(http.StatusOK)
		if got := page.text("#hit-same-document"); got != tc.meaning {
			t.Errorf("%s: the hit page says %q, want %q", tc.lang, got, tc.meaning)
		}
		if got := page.text("#hit-side"); got != tc.side {
			t.Errorf("%s: our side reads %q, want %q", tc.lang, got, tc.side)
		}
		fields := page.texts("#agreed .hit-fields li")
		differs := 0
		for _, f := range fields {
			if strings.Contains(f, " — "+tc.differs) {
				differs++
				if strings.Contains(f, "(") || strings.Contains(f, "%") {
					t.Errorf("%s: a field that disagrees reads %q, also giving its likeness", tc.lang, f)
				}
			}
		}
		if differs == 0 {
			t.Errorf("%s: no field disagrees: %q", tc.lang, fields)
		}
		// The checking side's sentence names its entity too.
		checking := ts.pageSignIn(de)
		checking.acceptLanguage = tc.lang
		if got := checking.get(fmt.Sprintf("/hits/%d", h.ID)).wantStatus(http.StatusOK).text("#hit-side"); got != tc.checked {
			t.Errorf("%s: the checking side reads %q, want %q", tc.lang, got, tc.checked)
		}
		list := b.get("/hits").wantStatus(http.StatusOK)
		if got, want := list.text(hitRow(h.ID)+" .meaning"), strings.SplitN(tc.meaning, ":", 2)[0]; got != strings.TrimSuffix(want, " ") {
			t.Errorf("%s: the list says %q, want %q", tc.lang, got, want)
		}
	}
}

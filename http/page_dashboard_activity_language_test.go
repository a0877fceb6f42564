package http

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestDashboardActivityInLanguage: the dashboard's recent activity says
// what happened as one phrase in the reader's language (Fall angelegt,
// Affaire créée), not an action and an object type side by side ("Anlage
// Fall", "création dossier").
func TestDashboardActivityInLanguage(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it := ts.user("it.activity", crosscase.RoleDeskMember, "IT")
	fr := ts.desk("FR", crosscase.DeskNational)
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Maestrale", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-03-01")})
	ctx := userContext(it)
	title := "Operation Maestrale II"
	if _, err := ts.db.UpdateCase(ctx, c.ID, crosscase.CaseUpdate{Version: c.Version, Title: &title}); err != nil {
		t.Fatal(err)
	}
	if err := ts.db.GrantCase(ctx, c.ID, fr.ID); err != nil {
		t.Fatal(err)
	}
	if err := ts.db.RevokeCaseGrant(ctx, c.ID, fr.ID); err != nil {
		t.Fatal(err)
	}
	e := ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Paolo", FamilyName: "Ferri"})
	notes := "Seen in Genoa."
	if _, err := ts.db.UpdateEntity(ctx, e.ID, crosscase.EntityUpdate{Version: e.Version, Notes: &notes}); err != nil {
		t.Fatal(err)
	}
	if err := ts.db.DeleteEntity(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	b := ts.pageSignIn(it)
	for lang, want := range map[string][]string{
		"en": {"Entity deleted", "Entity changed", "Entity added", "Access to the case withdrawn", "Access to the case granted", "Case changed", "Case created"},
		"de": {"Entität gelöscht", "Entität geändert", "Entität erfasst", "Zugang zum Fall entzogen", "Zugang zum Fall gewährt", "Fall geändert", "Fall angelegt"},
		"fr": {"Entité supprimée", "Entité modifiée", "Entité ajoutée", "Accès à l'affaire retiré", "Accès à l'affaire accordé", "Affaire modifiée", "Affaire créée"},
		"it": {"Entità eliminata", "Entità modificata", "Entità aggiunta", "Accesso al caso revocato", "Accesso al caso concesso", "Caso modificato", "Caso creato"},
	} {
		b.acceptLanguage = lang
		got := b.get("/").wantStatus(http.StatusOK).texts("#activity td.what")
		if !slices.Equal(got, want) {
			t.Errorf("%s: recent activity reads %q, want %q", lang, strings.Join(got, " | "), strings.Join(want, " | "))
		}
	}
}

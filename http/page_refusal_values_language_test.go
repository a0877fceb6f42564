package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// Refusals the store wrote by joining strings, and the pages' own
// refusals of an address or a form not as the page wrote it, read in the
// reader's language: an authority added twice, a JIT member added twice,
// a case linked to a JIT by a desk that does not own it, a notice the
// partner data rule refuses, a JIT party it refuses, a passkey's
// answer without its question, an unknown action in the audit log's
// filter, an unknown order of a case's entities, an unknown kind of event
// on the timeline, a parameter or a table the statistics do not have.
func TestPageJoinedRefusalsInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it, c, j := ts.danubeJIT()
		hu := ts.user("hu.jit", crosscase.RoleJITMember, "HU")
		admin := ts.user("admin.lang", crosscase.RoleAdministrator, "")
		want := func(what string, r *pageResult, wants ...string) {
			t.Helper()
			got := r.text("main")
			for _, s := range wants {
				if !strings.Contains(got, s) {
					t.Errorf("%s: %q lacks %q", what, got, s)
				}
			}
		}

		// An authority of Italy added twice, in German.
		b := ts.pageSignIn(it)
		b.acceptLanguage = "de"
		add := url.Values{"country_code": {"IT"}, "kind": {"prosecution"}, "city": {"Bari"}, "name": {"Procura di Bari"}}
		b.get("/authorities").wantStatus(http.StatusOK)
		b.postCSRF("/authorities", add)
		res := b.postCSRF("/authorities", add).wantStatus(http.StatusConflict)
		want("authority twice in German", res, "IT hat bereits eine Behörde dieses Namens.")

		// A JIT-only member of Hungary added twice, in French.
		b.acceptLanguage = "fr"
		path := fmt.Sprintf("/jits/%d", j.ID)
		b.get(path).wantStatus(http.StatusOK)
		var huAuthority int64
		for _, p := range j.Parties {
			if p.CountryCode == "HU" {
				huAuthority = p.AuthorityIDs[0]
			}
		}
		member := url.Values{"user_id": {fmt.Sprint(hu.ID)}, "country_code": {"HU"}, "authority_id": {fmt.Sprint(huAuthority)}}
		b.follow(b.postCSRF(path+"/members", member)).wantStatus(http.StatusOK)
		res = b.postCSRF(path+"/members", member)
		want("member twice in French", res, "hu.jit est déjà membre de cette ECE.")

		// A case of Hungary's desk linked to the JIT by Italy's, in
		// Italian.
		hum := ts.pageSignIn(ts.user("hu.member2", crosscase.RoleDeskMember, "HU"))
		other := ts.pageNewCase(hum.user, &crosscase.Case{Title: "Tisza", CrimeTypes: []string{"drug_trafficking"}, AskedCountries: []string{"IT"}, OpenedOn: c.OpenedOn})
		b.acceptLanguage = "it"
		b.get(path).wantStatus(http.StatusOK)
		res = b.postCSRF(path+"/cases", url.Values{"link_case_id": {fmt.Sprint(other.ID)}})
		want("a case of another desk linked in Italian", res, "Solo l'ufficio titolare (HU) può collegare il caso "+other.Reference+" a una SIC")

		// A passkey's answer with no question asked, in French: the
		// account has two-step sign-in, which passkeys need.
		ts.enrolSecondFactor(it)
		b.acceptLanguage = "fr"
		b.get("/account").wantStatus(http.StatusOK)
		res = b.postCSRF("/account/passkeys", url.Values{"name": {"Clé"}, "code": {"123456"}, "credential": {"{}"}}).wantStatus(http.StatusUnprocessableEntity)
		want("passkey without its question in French", res, "La question de la clé d'accès a expiré ou ne vient pas de cette session : réessayez.")

		// An order of the entities the case page does not have, in French.
		res = b.get(fmt.Sprintf("/cases/%d?sort=sideways", c.ID))
		want("an unknown order in French", res, `"sideways" n'est pas un ordre de tri des entités.`)

		// A notice with personal data to the contact point of a country
		// with only a working arrangement, in French: the refusal of the
		// partner data rule, and that nothing was sent.
		kr := ts.user("kr.contact", crosscase.RoleContactPoint, "KR")
		b.get("/notices/new").wantStatus(http.StatusOK)
		res = b.postFiles("/notices", url.Values{"subject": {"Téléphones"}, "body": {"Spécifications."}, "recipients": {"chosen"},
			"recipient_desk_ids": {fmt.Sprint(kr.DeskID)}, "personal_data": {"on"}})
		want("a notice refused by the partner data rule in French", res, "Refusé (avis contenant des données à caractère personnel) : Corée du Sud (KR) n'a qu'un arrangement de travail", "L'avis n'a été envoyé à personne : retirez ce destinataire ou envoyez-le sans données à caractère personnel.")

		// A JIT with a party that has only a working arrangement, in
		// German: the rule's refusal keeps its format when the store names
		// the party's field.
		auth := ts.prosecutions("KR")
		b.acceptLanguage = "de"
		b.get("/jits/new").wantStatus(http.StatusOK)
		res = b.postCSRF("/jits", url.Values{"name": {"GEG Seoul"}, "signed_on": {"2025-03-01"}, "duration_months": {"12"},
			"authority_ids": {fmt.Sprint(j.Parties[0].AuthorityIDs[0]), fmt.Sprint(auth["KR"])}, "case_ids": {fmt.Sprint(c.ID)}})
		want("a JIT party with only a working arrangement in German", res, "Abgelehnt (Bereich der GEG): Südkorea (KR) hat nur eine Arbeitsvereinbarung")

		// A timeline filter of a kind of event that does not exist, in
		// German.
		res = b.get(fmt.Sprintf("/cases/%d/timeline?kind=weather", c.ID))
		want("an unknown kind of event in German", res, `"weather" ist keine Art von Ereignis der Zeitleiste.`)

		// An action the audit log does not record, in Italian.
		a := ts.pageSignIn(admin)
		a.acceptLanguage = "it"
		res = a.get("/admin/audit?action=juggle")
		want("an unknown action in Italian", res, `Azione sconosciuta "juggle".`)

		// The statistics with a parameter they do not take, and a table
		// they do not have, in French.
		stats := ts.pageSignIn(ts.user("stats.lang", crosscase.RoleStatistics, ""))
		stats.acceptLanguage = "fr"
		res = stats.get("/statistics?year=2024&colour=blue")
		want("an unknown parameter in French", res, `Paramètre de requête inconnu "colour" ; paramètres connus : year, from, to.`)
		res = stats.get("/statistics/tables/weather?year=2024")
		want("an unknown table in French", res, `Le rapport n'a pas de tableau "weather".`)
	})
}

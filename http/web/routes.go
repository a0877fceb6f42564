package web

import (
	"net/http"
	"strings"

	"crosscase"
	"crosscase/http/server"
)

// Server serves the pages on the shared server: its handlers are methods
// of Server, one file per subject, drawn from templates parsed once.
type Server struct {
	*server.Server
	pages *pageTemplates
	// largeForms holds a slot for each list form (server.ListForms) being
	// read and handled: at most maxLargeForms at once.
	largeForms chan struct{}
}

// maxLargeForms is how many forms carrying a whole list back (up to
// server.MaxListFormBytes, a few hundred MB of memory each while read
// and shown again) the server reads at once; another is answered 429
// with Retry-After until one is done (README, Cross-case matching, Import).
const maxLargeForms = 2

// Mount parses the page templates and registers the pages on s; from then
// on an error outside /api is drawn as a page in the reader's language.
func Mount(s *server.Server) {
	web := &Server{Server: s, pages: mustParseTemplates(), largeForms: make(chan struct{}, maxLargeForms)}
	s.ErrorPage = web.renderErrorPage
	s.Mount(web.routes)
}

// routes registers the pages: the public ones (static files, sign-in),
// and those that need a browser session, and a form that changes anything
// the session's CSRF token.
func (s *Server) routes(mux *http.ServeMux) {
	// Any other address outside /api: the error page in the reader's
	// language, with the navigation, not a bare "404 page not found".
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.handleNoPage(w, r, mux) })
	mux.HandleFunc("GET /static/", s.handleStatic)
	mux.HandleFunc("GET /login", s.handleLoginPage)
	mux.HandleFunc("POST /login", s.handleLogin)
	mux.HandleFunc("GET /login/second-factor", s.handleSecondFactorPage)
	mux.HandleFunc("POST /login/second-factor", s.handleSecondFactor)
	mux.HandleFunc("POST /login/second-factor/passkey/options", s.handleSecondFactorPasskeyOptions)
	mux.HandleFunc("POST /login/second-factor/passkey", s.handleSecondFactorPasskey)
	page := func(p string, h http.HandlerFunc, opts ...server.RouteOption) {
		mux.Handle(p, s.requirePageUser(h, server.NewRoute(server.MaxBodyBytes, opts)))
	}
	// The evidence upload: up to the configured evidence limit, streamed.
	pageEvidence := func(p string, h http.HandlerFunc, opts ...server.RouteOption) {
		mux.Handle(p, s.requirePageUserEvidence(h, server.NewRoute(0, opts)))
	}
	// The role rules of the root package, as the navigation shows each
	// route's link: a role they leave out is answered 403 saying what it
	// reaches (crosscase.Role.Reach), not an empty list or a 404.
	caseContent := server.ForRoles(crosscase.Role.SeesCaseContent)
	centres := server.ForRoles(crosscase.Role.TakesPartInCentres)
	notices := server.ForRoles(crosscase.Role.ReadsNotices)
	jits := server.ForRoles(crosscase.Role.ReadsJITs)
	page("POST /logout", s.handleLogout, server.JITMembers, server.ContactPoints)
	page("GET /{$}", s.handleDashboard, server.JITMembers, server.ContactPoints)
	page("GET /cases", s.handleCaseListPage, caseContent)
	page("GET /cases/new", s.handleCaseNewPage, caseContent)
	page("POST /cases", s.handleCaseCreatePage, caseContent)
	page("GET /cases/{id}", s.handleCasePage, caseContent)
	page("GET /cases/{id}/edit", s.handleCaseEditPage, caseContent)
	page("GET /cases/{id}/export.csv", s.handleCaseExportPage, caseContent)
	page("POST /cases/{id}", s.handleCaseUpdatePage, caseContent)
	page("POST /cases/{id}/grants", s.handleCaseGrantPage, caseContent)
	page("POST /cases/{id}/grants/{desk}/revoke", s.handleCaseRevokePage, caseContent)
	page("GET /cases/{id}/entities/new", s.handleEntityNewPage, caseContent)
	page("POST /cases/{id}/entities", s.handleEntityCreatePage, caseContent)
	page("GET /cases/{id}/import", s.handleEntityImportPage, caseContent)
	page("POST /cases/{id}/import", s.handleEntityImportUploadPage, server.Uploads, server.AuthorizeFirst(s.writableCaseFirst), caseContent)
	page("POST /cases/{id}/import/run", s.handleEntityImportRunPage, server.ListForms, server.AuthorizeFirst(s.writableCaseFirst), caseContent)
	page("GET /entities/{id}/edit", s.handleEntityEditPage, caseContent)
	page("POST /entities/{id}", s.handleEntityUpdatePage, caseContent)
	page("POST /entities/{id}/delete", s.handleEntityDeletePage, caseContent)
	page("GET /cases/{id}/timeline", s.handleTimelinePage, caseContent)
	page("GET /cases/{id}/chart", s.handleChartPage, caseContent)
	page("GET /cases/{id}/chart/svg", s.handleChartSVGPage, caseContent)
	page("POST /cases/{id}/relations", s.handleRelationCreatePage, caseContent)
	page("POST /relations/{id}/delete", s.handleRelationDeletePage, caseContent)
	page("GET /cases/{id}/retention", s.handleRetentionPage, caseContent)
	page("POST /cases/{id}/retention", s.handleRetentionDatesPage, caseContent)
	page("POST /cases/{id}/retention/reviews", s.handleRetentionReviewPage, caseContent)
	page("POST /entities/{id}/acquittal", s.handleAcquittalPage, caseContent)
	page("GET /retention", s.handleRetentionDuePage, caseContent)
	page("GET /search", s.handleSearchPage, caseContent)
	page("GET /statistics", s.handleStatisticsPage)
	page("GET /statistics/tables/{table}", s.handleStatisticsTablePage)
	page("GET /checks", s.handleCheckPage, caseContent)
	page("POST /checks", s.handleCheckUploadPage, server.Uploads, server.AuthorizeFirst(checkListFirst), caseContent)
	page("POST /checks/run", s.handleCheckRunPage, server.ListForms, server.AuthorizeFirst(checkListFirst), caseContent)
	page("GET /hits", s.handleHitListPage, caseContent)
	page("GET /check-hits", s.handleCheckHitListPage, caseContent)
	page("GET /hits/{id}", s.handleHitPage, caseContent)
	page("POST /hits/{id}/decision", s.handleHitDecisionPage, caseContent)
	page("GET /notifications", s.handleNotificationsPage, server.ContactPoints, notices)
	page("POST /notifications/{id}/read", s.handleNotificationReadPage, server.ContactPoints, notices)
	page("GET /authorities", s.handleAuthorityListPage, server.ContactPoints)
	page("POST /authorities", s.handleAuthorityCreatePage)
	page("GET /account", s.handleAccountPage, server.JITMembers, server.ContactPoints)
	page("POST /account/password", s.handlePasswordPage, server.JITMembers, server.ContactPoints)
	page("POST /account/language", s.handleLanguagePage, server.JITMembers, server.ContactPoints)
	page("POST /account/tokens", s.handleTokenCreatePage, server.JITMembers, server.ContactPoints)
	page("POST /account/tokens/{id}/revoke", s.handleTokenRevokePage, server.JITMembers, server.ContactPoints)
	page("GET /admin", s.handleAdminPage)
	page("GET /admin/users", s.handleUserListPage)
	page("POST /admin/users", s.handleUserCreatePage)
	page("GET /admin/users/{id}", s.handleUserEditPage)
	page("POST /admin/users/{id}", s.handleUserUpdatePage)
	page("GET /admin/desks", s.handleDeskListPage)
	page("POST /admin/desks", s.handleDeskCreatePage)
	page("POST /admin/desks/{id}", s.handleDeskUpdatePage)
	page("GET /admin/countries", s.handleCountryListPage)
	page("POST /admin/countries/{code}", s.handleCountryUpdatePage)
	page("GET /admin/agreements", s.handleAgreementListPage)
	page("POST /admin/agreements", s.handleAgreementCreatePage)
	page("POST /admin/agreements/{id}", s.handleAgreementUpdatePage)
	page("POST /admin/agreements/{id}/delete", s.handleAgreementDeletePage)
	page("GET /admin/audit", s.handleAuditPage)
	page("GET /admin/audit.csv", s.handleAuditCSVPage)
	page("GET /cases/{id}/meetings/new", s.handleMeetingNewPage, caseContent)
	page("POST /cases/{id}/meetings", s.handleMeetingCreatePage, caseContent)
	page("GET /meetings/{id}/edit", s.handleMeetingEditPage, caseContent)
	page("POST /meetings/{id}", s.handleMeetingUpdatePage, caseContent)
	page("POST /meetings/{id}/delete", s.handleMeetingDeletePage, caseContent)
	page("GET /cases/{id}/results/new", s.handleResultNewPage, caseContent)
	page("POST /cases/{id}/actions", s.handleActionCreatePage, caseContent)
	page("POST /cases/{id}/results", s.handleResultCreatePage, caseContent)
	page("POST /results/{id}/delete", s.handleResultDeletePage, caseContent)
	page("GET /notices", s.handleNoticeListPage, server.ContactPoints, notices)
	page("GET /notices/new", s.handleNoticeNewPage, notices)
	page("POST /notices", s.handleNoticeSendPage, server.Uploads, notices)
	page("GET /notices/{id}", s.handleNoticePage, server.ContactPoints, notices)
	page("POST /notices/{id}/acknowledge", s.handleNoticeAcknowledgePage, server.ContactPoints, notices)
	page("GET /notices/{id}/attachments/{attachment_id}", s.handleNoticeAttachmentPage, server.ContactPoints, notices)
	page("GET /jits", s.handleJITListPage, server.JITMembers, jits)
	page("GET /jits/new", s.handleJITNewPage, jits)
	page("POST /jits", s.handleJITCreatePage, jits)
	page("GET /jits/{id}", s.handleJITPage, server.JITMembers, jits)
	page("POST /jits/{id}/extensions", s.handleJITExtendPage, server.JITMembers, jits)
	page("POST /jits/{id}/cases", s.handleJITLinkCasePage, server.JITMembers, jits)
	page("POST /jits/{id}/funding", s.handleJITFundingCreatePage, server.JITMembers, jits)
	page("POST /jits/{id}/funding/{funding_id}", s.handleJITFundingUpdatePage, server.JITMembers, jits)
	page("POST /jits/{id}/members", s.handleJITMemberCreatePage, server.JITMembers, jits)
	page("POST /jits/{id}/messages", s.handleJITMessagePage, server.JITMembers, jits)
	pageEvidence("POST /jits/{id}/evidence", s.handleEvidenceUploadPage, server.JITMembers, jits)
	page("GET /evidence/{id}/download", s.handleEvidenceDownloadPage, server.JITMembers, jits)
	page("POST /jits/{id}/members/{user_id}/remove", s.handleJITMemberRemovePage, server.JITMembers, jits)
	page("POST /jits/{id}/cases/{case_id}/unlink", s.handleJITCaseUnlinkPage, server.JITMembers, jits)
	page("POST /notices/{id}/recipients", s.handleNoticeAddRecipientsPage, notices)
	// The calendar feed of deadlines is public: its token is in the path.
	mux.HandleFunc("GET /calendar/{token}", s.handleCalendarFeed)
	page("GET /deadlines", s.handleDeadlinesPage, caseContent)
	page("GET /cases/{id}/instruments/new", s.handleInstrumentNewPage, caseContent)
	page("POST /cases/{id}/instruments", s.handleInstrumentCreatePage, caseContent)
	page("GET /instruments/{id}", s.handleInstrumentPage, caseContent)
	page("POST /instruments/{id}", s.handleInstrumentRecordPage, caseContent)
	page("POST /instruments/{id}/extensions", s.handleInstrumentExtendPage, caseContent)
	page("POST /instruments/{id}/delay-reasons", s.handleInstrumentDelayPage, caseContent)
	page("POST /account/calendar-tokens", s.handleCalendarTokenCreatePage)
	page("POST /account/calendar-tokens/{id}/revoke", s.handleCalendarTokenRevokePage)
	page("POST /account/second-factor", s.handleSecondFactorBeginPage, server.JITMembers, server.ContactPoints)
	page("POST /account/second-factor/confirm", s.handleSecondFactorConfirmPage, server.JITMembers, server.ContactPoints)
	page("POST /account/second-factor/disable", s.handleSecondFactorDisablePage, server.JITMembers, server.ContactPoints)
	page("POST /account/passkeys/options", s.handlePasskeyOptionsPage, server.JITMembers, server.ContactPoints)
	page("POST /account/passkeys", s.handlePasskeyAddPage, server.JITMembers, server.ContactPoints)
	page("POST /account/passkeys/{id}/remove", s.handlePasskeyRemovePage, server.JITMembers, server.ContactPoints)
	page("POST /admin/users/{id}/password/reset", s.handleUserPasswordResetPage)
	page("POST /users/{id}/desk-confirmation", s.handleDeskConfirmPage)
	page("POST /admin/users/{id}/second-factor/reset", s.handleSecondFactorResetPage)
	// Coordination centres: JIT-only members invited to a centre take part.
	page("GET /centres", s.handleCentreListPage, server.JITMembers, centres)
	page("GET /cases/{id}/centres", s.handleCaseCentresPage, caseContent)
	page("POST /cases/{id}/centres", s.handleCentreCreatePage, caseContent)
	page("GET /centres/{id}", s.handleCentrePage, server.JITMembers, centres)
	page("GET /centres/{id}/events", s.HandleCentreEvents, server.JITMembers, centres)
	page("GET /centres/{id}/log", s.handleCentreLogPage, server.JITMembers, centres)
	page("GET /centres/{id}/press", s.handleCentrePressPage, server.JITMembers, centres)
	page("POST /centres/{id}/measures", s.handleMeasureCreatePage, centres)
	page("POST /centres/{id}/messages", s.handleCentreMessagePage, server.JITMembers, centres)
	page("POST /centres/{id}/close", s.handleCentreClosePage, centres)
	page("POST /measures/{id}/state", s.handleMeasureMovePage, server.JITMembers, centres)
	page("POST /measures/{id}/decisions", s.handleDecisionPage, caseContent)
}

// handleNoPage answers a request no page route takes: 405 with the
// methods the address takes when it is a page's, else 404, as an error
// page in the reader's language.
func (s *Server) handleNoPage(w http.ResponseWriter, r *http.Request, mux *http.ServeMux) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.renderError(w, r, http.StatusMethodNotAllowed, s.printer(r).T("This page does not take %s; it takes %s.", r.Method, strings.Join(allow, ", ")))
		return
	}
	s.renderErrorPage(w, r, http.StatusNotFound, crosscase.Errorf(crosscase.ENOTFOUND, "Page not found."))
}

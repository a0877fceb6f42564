package http

import "net/http"

// Handler returns the server's routes, all of them in this one place.
//
// Three kinds of route: public ones (sign-in, health, static files, the
// API description), pages (need a browser session; state-changing forms
// also need the session's CSRF token) and API endpoints (need a bearer
// token). Signing in only identifies the caller: what the caller may see
// or change is decided by the services, in one place in the store.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	public := func(p string, h http.HandlerFunc) { mux.Handle(p, h) }
	page := func(p string, h http.HandlerFunc) { mux.Handle(p, s.requirePageUser(h)) }
	api := func(p string, h http.HandlerFunc) { mux.Handle(p, s.requireAPIUser(h)) }
	// Forms and endpoints that take a CSV file of up to MaxUploadBytes.
	upload := func(p string, h http.HandlerFunc) { mux.Handle(p, s.requirePageUserLimit(h, MaxUploadBytes)) }
	apiUpload := func(p string, h http.HandlerFunc) { mux.Handle(p, s.requireAPIUserLimit(h, MaxUploadBytes)) }

	// Public.
	public("GET /healthz", s.handleHealth)
	public("GET /static/", s.handleStatic)
	public("GET /api/openapi.json", s.handleOpenAPI)
	public("GET /login", s.handleLoginPage)
	public("POST /login", s.handleLogin)

	// Pages.
	page("POST /logout", s.handleLogout)
	page("GET /{$}", s.handleDashboard)
	page("GET /cases", s.handleCaseListPage)
	page("GET /cases/new", s.handleCaseNewPage)
	page("POST /cases", s.handleCaseCreatePage)
	page("GET /cases/{id}", s.handleCasePage)
	page("GET /cases/{id}/edit", s.handleCaseEditPage)
	page("GET /cases/{id}/export.csv", s.handleCaseExportPage)
	page("POST /cases/{id}", s.handleCaseUpdatePage)
	page("POST /cases/{id}/grants", s.handleCaseGrantPage)
	page("POST /cases/{id}/grants/{desk}/revoke", s.handleCaseRevokePage)
	page("GET /cases/{id}/entities/new", s.handleEntityNewPage)
	page("POST /cases/{id}/entities", s.handleEntityCreatePage)
	page("GET /entities/{id}/edit", s.handleEntityEditPage)
	page("POST /entities/{id}", s.handleEntityUpdatePage)
	page("POST /entities/{id}/delete", s.handleEntityDeletePage)
	page("GET /checks", s.handleCheckPage)
	upload("POST /checks", s.handleCheckUploadPage)
	upload("POST /checks/run", s.handleCheckRunPage)
	page("GET /hits", s.handleHitListPage)
	page("GET /hits/{id}", s.handleHitPage)
	page("POST /hits/{id}/decision", s.handleHitDecisionPage)
	page("GET /authorities", s.handleAuthorityListPage)
	page("POST /authorities", s.handleAuthorityCreatePage)
	page("GET /account", s.handleAccountPage)
	page("POST /account/password", s.handlePasswordPage)
	page("POST /account/tokens", s.handleTokenCreatePage)
	page("POST /account/tokens/{id}/revoke", s.handleTokenRevokePage)
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

	// JSON API. Keep in step with openapi.json: a test compares the two.
	api("GET /api/v1/me", s.handleAPIMe)
	api("GET /api/v1/cases", s.handleAPICaseList)
	api("POST /api/v1/cases", s.handleAPICaseCreate)
	api("GET /api/v1/cases/{id}", s.handleAPICaseGet)
	api("PATCH /api/v1/cases/{id}", s.handleAPICaseUpdate)
	api("GET /api/v1/cases/{id}/export", s.handleAPICaseExport)
	api("GET /api/v1/cases/{id}/grants", s.handleAPIGrantList)
	api("POST /api/v1/cases/{id}/grants", s.handleAPIGrantCreate)
	api("DELETE /api/v1/cases/{id}/grants/{desk_id}", s.handleAPIGrantDelete)
	api("GET /api/v1/cases/{id}/entities", s.handleAPIEntityList)
	api("POST /api/v1/cases/{id}/entities", s.handleAPIEntityCreate)
	apiUpload("POST /api/v1/cases/{id}/entities/import", s.handleAPIEntityImport)
	apiUpload("POST /api/v1/checks", s.handleAPICheck)
	api("GET /api/v1/entities/{id}", s.handleAPIEntityGet)
	api("PATCH /api/v1/entities/{id}", s.handleAPIEntityUpdate)
	api("DELETE /api/v1/entities/{id}", s.handleAPIEntityDelete)
	api("GET /api/v1/hits", s.handleAPIHitList)
	api("GET /api/v1/hits/count", s.handleAPIHitCount)
	api("GET /api/v1/hits/{id}", s.handleAPIHitGet)
	api("POST /api/v1/hits/{id}/decision", s.handleAPIHitDecision)
	api("GET /api/v1/activity", s.handleAPIActivity)
	api("GET /api/v1/desks", s.handleAPIDeskList)
	api("POST /api/v1/desks", s.handleAPIDeskCreate)
	api("GET /api/v1/desks/{id}", s.handleAPIDeskGet)
	api("PATCH /api/v1/desks/{id}", s.handleAPIDeskUpdate)
	api("GET /api/v1/countries", s.handleAPICountryList)
	api("GET /api/v1/countries/{code}", s.handleAPICountryGet)
	api("PATCH /api/v1/countries/{code}", s.handleAPICountryUpdate)
	api("GET /api/v1/crime-types", s.handleAPICrimeTypes)
	api("GET /api/v1/agreements", s.handleAPIAgreementList)
	api("POST /api/v1/agreements", s.handleAPIAgreementCreate)
	api("GET /api/v1/agreements/{id}", s.handleAPIAgreementGet)
	api("PATCH /api/v1/agreements/{id}", s.handleAPIAgreementUpdate)
	api("DELETE /api/v1/agreements/{id}", s.handleAPIAgreementDelete)
	api("GET /api/v1/authorities", s.handleAPIAuthorityList)
	api("POST /api/v1/authorities", s.handleAPIAuthorityCreate)
	api("GET /api/v1/authorities/{id}", s.handleAPIAuthorityGet)
	api("GET /api/v1/users", s.handleAPIUserList)
	api("POST /api/v1/users", s.handleAPIUserCreate)
	api("GET /api/v1/users/{id}", s.handleAPIUserGet)
	api("PATCH /api/v1/users/{id}", s.handleAPIUserUpdate)
	api("GET /api/v1/tokens", s.handleAPITokenList)
	api("POST /api/v1/tokens", s.handleAPITokenCreate)
	api("DELETE /api/v1/tokens/{id}", s.handleAPITokenDelete)
	api("GET /api/v1/audit", s.handleAPIAuditList)
	api("GET /api/v1/audit/verify", s.handleAPIAuditVerify)

	// Instruments and their legal clocks.
	public("GET /calendar/{token}", s.handleCalendarFeed)
	page("GET /deadlines", s.handleDeadlinesPage)
	page("GET /cases/{id}/instruments/new", s.handleInstrumentNewPage)
	page("POST /cases/{id}/instruments", s.handleInstrumentCreatePage)
	page("GET /instruments/{id}", s.handleInstrumentPage)
	page("POST /instruments/{id}", s.handleInstrumentRecordPage)
	page("POST /instruments/{id}/extensions", s.handleInstrumentExtendPage)
	page("POST /instruments/{id}/delay-reasons", s.handleInstrumentDelayPage)
	page("POST /account/calendar-tokens", s.handleCalendarTokenCreatePage)
	page("POST /account/calendar-tokens/{id}/revoke", s.handleCalendarTokenRevokePage)
	api("GET /api/v1/cases/{id}/instruments", s.handleAPIInstrumentList)
	api("POST /api/v1/cases/{id}/instruments", s.handleAPIInstrumentCreate)
	api("GET /api/v1/instruments/{id}", s.handleAPIInstrumentGet)
	api("PATCH /api/v1/instruments/{id}", s.handleAPIInstrumentUpdate)
	api("POST /api/v1/instruments/{id}/extensions", s.handleAPIInstrumentExtend)
	api("POST /api/v1/instruments/{id}/delay-reasons", s.handleAPIInstrumentDelayReasons)
	api("GET /api/v1/deadlines", s.handleAPIDeadlines)

	// Anything else under /api is a JSON 404, not an HTML page.
	public("/api/", s.handleAPINotFound)

	return s.withSecurityHeaders(s.withActor(mux))
}

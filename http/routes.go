package http

import "net/http"

// Handler returns the server's routes, all of them in this one place.
//
// Three kinds of route: public ones (sign-in, health, static files, the
// API description), pages (need a browser session; state-changing forms
// also need the session's CSRF token) and API endpoints (need a bearer
// token). A JIT-only account reaches a page or endpoint only when its
// route is registered with jitMembers; every other one answers it 403. Signing in only identifies the caller: what the caller may see
// or change is decided by the services, in one place in the store.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	public := func(p string, h http.HandlerFunc) { mux.Handle(p, h) }
	page := func(p string, h http.HandlerFunc, opts ...routeOption) {
		mux.Handle(p, s.requirePageUser(h, newRoute(MaxBodyBytes, opts)))
	}
	api := func(p string, h http.HandlerFunc, opts ...routeOption) {
		mux.Handle(p, s.requireAPIUser(h, newRoute(MaxBodyBytes, opts)))
	}
	// Forms and endpoints that take a CSV file of up to MaxUploadBytes.
	upload := func(p string, h http.HandlerFunc, opts ...routeOption) {
		mux.Handle(p, s.requirePageUser(h, newRoute(MaxUploadBytes, opts)))
	}
	apiUpload := func(p string, h http.HandlerFunc, opts ...routeOption) {
		mux.Handle(p, s.requireAPIUser(h, newRoute(MaxUploadBytes, opts)))
	}

	// Public.
	public("GET /healthz", s.handleHealth)
	public("GET /static/", s.handleStatic)
	public("GET /api/openapi.json", s.handleOpenAPI)
	public("GET /login", s.handleLoginPage)
	public("POST /login", s.handleLogin)

	// Pages.
	page("POST /logout", s.handleLogout, jitMembers)
	page("GET /{$}", s.handleDashboard, jitMembers)
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
	page("GET /notifications", s.handleNotificationsPage)
	page("POST /notifications/{id}/read", s.handleNotificationReadPage)
	page("GET /authorities", s.handleAuthorityListPage)
	page("POST /authorities", s.handleAuthorityCreatePage)
	page("GET /account", s.handleAccountPage, jitMembers)
	page("POST /account/password", s.handlePasswordPage, jitMembers)
	page("POST /account/tokens", s.handleTokenCreatePage, jitMembers)
	page("POST /account/tokens/{id}/revoke", s.handleTokenRevokePage, jitMembers)
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

	// Coordination meetings, case results and notices.
	page("GET /cases/{id}/meetings/new", s.handleMeetingNewPage)
	page("POST /cases/{id}/meetings", s.handleMeetingCreatePage)
	page("GET /meetings/{id}/edit", s.handleMeetingEditPage)
	page("POST /meetings/{id}", s.handleMeetingUpdatePage)
	page("POST /meetings/{id}/delete", s.handleMeetingDeletePage)
	page("GET /cases/{id}/results/new", s.handleResultNewPage)
	page("POST /cases/{id}/actions", s.handleActionCreatePage)
	page("POST /cases/{id}/results", s.handleResultCreatePage)
	page("POST /results/{id}/delete", s.handleResultDeletePage)
	page("GET /notices", s.handleNoticeListPage)
	page("GET /notices/new", s.handleNoticeNewPage)
	upload("POST /notices", s.handleNoticeSendPage)
	page("GET /notices/{id}", s.handleNoticePage)
	page("POST /notices/{id}/acknowledge", s.handleNoticeAcknowledgePage)
	page("GET /notices/{id}/attachments/{attachment_id}", s.handleNoticeAttachmentPage)

	// JSON API. Keep in step with openapi.json: a test compares the two.
	api("GET /api/v1/me", s.handleAPIMe, jitMembers)
	api("GET /api/v1/notifications", s.handleAPINotificationList)
	api("POST /api/v1/notifications/{id}/read", s.handleAPINotificationRead)
	api("GET /api/v1/cases", s.handleAPICaseList, jitMembers)
	api("POST /api/v1/cases", s.handleAPICaseCreate, jitMembers)
	api("GET /api/v1/cases/{id}", s.handleAPICaseGet, jitMembers)
	api("PATCH /api/v1/cases/{id}", s.handleAPICaseUpdate, jitMembers)
	api("GET /api/v1/cases/{id}/export", s.handleAPICaseExport, jitMembers)
	api("GET /api/v1/cases/{id}/grants", s.handleAPIGrantList, jitMembers)
	api("POST /api/v1/cases/{id}/grants", s.handleAPIGrantCreate, jitMembers)
	api("DELETE /api/v1/cases/{id}/grants/{desk_id}", s.handleAPIGrantDelete, jitMembers)
	api("GET /api/v1/cases/{id}/entities", s.handleAPIEntityList, jitMembers)
	api("POST /api/v1/cases/{id}/entities", s.handleAPIEntityCreate, jitMembers)
	apiUpload("POST /api/v1/cases/{id}/entities/import", s.handleAPIEntityImport, jitMembers)
	apiUpload("POST /api/v1/checks", s.handleAPICheck)
	api("GET /api/v1/entities/{id}", s.handleAPIEntityGet, jitMembers)
	api("PATCH /api/v1/entities/{id}", s.handleAPIEntityUpdate, jitMembers)
	api("DELETE /api/v1/entities/{id}", s.handleAPIEntityDelete, jitMembers)
	api("GET /api/v1/hits", s.handleAPIHitList, jitMembers)
	api("GET /api/v1/hits/count", s.handleAPIHitCount, jitMembers)
	api("GET /api/v1/hits/{id}", s.handleAPIHitGet, jitMembers)
	api("POST /api/v1/hits/{id}/decision", s.handleAPIHitDecision, jitMembers)
	api("GET /api/v1/activity", s.handleAPIActivity, jitMembers)
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
	api("GET /api/v1/tokens", s.handleAPITokenList, jitMembers)
	api("POST /api/v1/tokens", s.handleAPITokenCreate, jitMembers)
	api("DELETE /api/v1/tokens/{id}", s.handleAPITokenDelete, jitMembers)
	api("GET /api/v1/audit", s.handleAPIAuditList)
	api("GET /api/v1/audit/verify", s.handleAPIAuditVerify)

	// Joint investigation teams: pages and API. The evidence uploads take
	// bodies up to the configured evidence limit, streamed to disk.
	apiEvidence := func(p string, h http.HandlerFunc, opts ...routeOption) {
		mux.Handle(p, s.requireAPIUserEvidence(h, newRoute(0, opts)))
	}
	pageEvidence := func(p string, h http.HandlerFunc, opts ...routeOption) {
		mux.Handle(p, s.requirePageUserEvidence(h, newRoute(0, opts)))
	}
	page("GET /jits", s.handleJITListPage, jitMembers)
	page("GET /jits/new", s.handleJITNewPage)
	page("POST /jits", s.handleJITCreatePage)
	page("GET /jits/{id}", s.handleJITPage, jitMembers)
	page("POST /jits/{id}/extensions", s.handleJITExtendPage, jitMembers)
	page("POST /jits/{id}/cases", s.handleJITLinkCasePage, jitMembers)
	page("POST /jits/{id}/funding", s.handleJITFundingCreatePage, jitMembers)
	page("POST /jits/{id}/funding/{funding_id}", s.handleJITFundingUpdatePage, jitMembers)
	page("POST /jits/{id}/members", s.handleJITMemberCreatePage, jitMembers)
	page("POST /jits/{id}/messages", s.handleJITMessagePage, jitMembers)
	pageEvidence("POST /jits/{id}/evidence", s.handleEvidenceUploadPage, jitMembers)
	page("GET /evidence/{id}/download", s.handleEvidenceDownloadPage, jitMembers)
	api("GET /api/v1/jits", s.handleAPIJITList, jitMembers)
	api("POST /api/v1/jits", s.handleAPIJITCreate)
	api("GET /api/v1/jits/{id}", s.handleAPIJITGet, jitMembers)
	api("POST /api/v1/jits/{id}/extensions", s.handleAPIJITExtend, jitMembers)
	api("POST /api/v1/jits/{id}/cases", s.handleAPIJITLinkCase, jitMembers)
	api("POST /api/v1/jits/{id}/funding", s.handleAPIJITFundingCreate, jitMembers)
	api("PATCH /api/v1/jits/{id}/funding/{funding_id}", s.handleAPIJITFundingUpdate, jitMembers)
	api("POST /api/v1/jits/{id}/members", s.handleAPIJITMemberCreate, jitMembers)
	api("GET /api/v1/jits/{id}/messages", s.handleAPIJITMessageList, jitMembers)
	api("POST /api/v1/jits/{id}/messages", s.handleAPIJITMessageCreate, jitMembers)
	api("GET /api/v1/jits/{id}/evidence", s.handleAPIEvidenceList, jitMembers)
	apiEvidence("POST /api/v1/jits/{id}/evidence", s.handleAPIEvidenceUpload, jitMembers)
	api("GET /api/v1/evidence/{id}", s.handleAPIEvidenceGet, jitMembers)
	api("GET /api/v1/evidence/{id}/content", s.handleAPIEvidenceDownload, jitMembers)
	// JIT membership and linked cases: removal by party desk members.
	page("POST /jits/{id}/members/{user_id}/remove", s.handleJITMemberRemovePage, jitMembers)
	page("POST /jits/{id}/cases/{case_id}/unlink", s.handleJITCaseUnlinkPage, jitMembers)
	api("DELETE /api/v1/jits/{id}/members/{user_id}", s.handleAPIJITMemberDelete, jitMembers)
	api("DELETE /api/v1/jits/{id}/cases/{case_id}", s.handleAPIJITCaseDelete, jitMembers)
	// Coordination meetings, case results and notices.
	api("GET /api/v1/partner-agencies", s.handleAPIPartnerAgencies)
	api("GET /api/v1/cases/{id}/meetings", s.handleAPIMeetingList, jitMembers)
	api("POST /api/v1/cases/{id}/meetings", s.handleAPIMeetingCreate, jitMembers)
	api("GET /api/v1/meetings/{id}", s.handleAPIMeetingGet)
	api("PATCH /api/v1/meetings/{id}", s.handleAPIMeetingUpdate)
	api("DELETE /api/v1/meetings/{id}", s.handleAPIMeetingDelete)
	api("GET /api/v1/cases/{id}/actions", s.handleAPIActionList, jitMembers)
	api("POST /api/v1/cases/{id}/actions", s.handleAPIActionCreate, jitMembers)
	api("GET /api/v1/cases/{id}/results", s.handleAPIResultList, jitMembers)
	api("POST /api/v1/cases/{id}/results", s.handleAPIResultCreate, jitMembers)
	api("DELETE /api/v1/results/{id}", s.handleAPIResultDelete)
	api("GET /api/v1/statistics/meetings", s.handleAPIMeetingCount)
	api("GET /api/v1/statistics/results", s.handleAPIResultTotals)
	api("GET /api/v1/notices", s.handleAPINoticeList)
	apiUpload("POST /api/v1/notices", s.handleAPINoticeSend)
	api("GET /api/v1/notices/{id}", s.handleAPINoticeGet)
	api("POST /api/v1/notices/{id}/acknowledge", s.handleAPINoticeAcknowledge)
	api("GET /api/v1/notices/{id}/attachments/{attachment_id}", s.handleAPIAttachmentGet)
	// Recipients added to a sent notice.
	api("POST /api/v1/notices/{id}/recipients", s.handleAPINoticeAddRecipients)
	page("POST /notices/{id}/recipients", s.handleNoticeAddRecipientsPage)
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
	api("GET /api/v1/cases/{id}/instruments", s.handleAPIInstrumentList, jitMembers)
	api("POST /api/v1/cases/{id}/instruments", s.handleAPIInstrumentCreate, jitMembers)
	api("GET /api/v1/instruments/{id}", s.handleAPIInstrumentGet)
	api("PATCH /api/v1/instruments/{id}", s.handleAPIInstrumentUpdate)
	api("POST /api/v1/instruments/{id}/extensions", s.handleAPIInstrumentExtend)
	api("POST /api/v1/instruments/{id}/delay-reasons", s.handleAPIInstrumentDelayReasons)
	api("GET /api/v1/deadlines", s.handleAPIDeadlines)
	// Instruments: agreed surrender dates (FD 2002/584/JHA Art. 23(3)-(4)).
	api("POST /api/v1/instruments/{id}/surrender-dates", s.handleAPIInstrumentSurrenderDate)

	// Anything else under /api is a JSON 404, not an HTML page.
	public("/api/", s.handleAPINotFound)

	return s.withSecurityHeaders(s.withActor(mux))
}

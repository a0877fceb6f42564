package api

import (
	"net/http"
	"slices"

	"crosscase/http/server"
)

// Server serves the JSON API on the shared server: its handlers are
// methods of Server, one file per subject.
type Server struct{ *server.Server }

// Mount registers the JSON API on s.
func Mount(s *server.Server) {
	api := &Server{s}
	s.Mount(api.routes)
}

// routes registers the JSON API: the API description, every endpoint
// behind a bearer token, and a JSON 404 for anything else under /api.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/openapi.json", s.handleOpenAPI)
	s.endpoints(mux.Handle)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) { s.handleAPINotFound(w, r, mux) })
}

// Endpoints returns the pattern of every endpoint behind a bearer token,
// sorted: the tests hold them against openapi.json and call each as every
// role.
func Endpoints() []string {
	var out []string
	(&Server{&server.Server{}}).endpoints(func(p string, _ http.Handler) { out = append(out, p) })
	slices.Sort(out)
	return out
}

// endpoints registers every endpoint with handle, each behind a bearer
// token and guarded as its options say. Keep in step with openapi.json:
// a test compares the two.
func (s *Server) endpoints(handle func(pattern string, h http.Handler)) {
	api := func(p string, h http.HandlerFunc, opts ...server.RouteOption) {
		handle(p, s.requireAPIUser(h, server.NewRoute(server.MaxBodyBytes, opts)))
	}
	// The evidence upload: up to the configured evidence limit, streamed.
	apiEvidence := func(p string, h http.HandlerFunc, opts ...server.RouteOption) {
		handle(p, s.requireAPIUserEvidence(h, server.NewRoute(0, opts)))
	}
	api("GET /api/v1/me", s.handleAPIMe, server.JITMembers, server.ContactPoints)
	api("PATCH /api/v1/me", s.handleAPIMeUpdate, server.JITMembers, server.ContactPoints)
	api("GET /api/v1/notifications", s.handleAPINotificationList, server.ContactPoints, server.QueryParams)
	api("POST /api/v1/notifications/{id}/read", s.handleAPINotificationRead, server.ContactPoints, server.NoBody)
	api("GET /api/v1/cases", s.handleAPICaseList, server.JITMembers, server.QueryParams)
	api("POST /api/v1/cases", s.handleAPICaseCreate, server.JITMembers)
	api("GET /api/v1/cases/{id}", s.handleAPICaseGet, server.JITMembers)
	api("PATCH /api/v1/cases/{id}", s.handleAPICaseUpdate, server.JITMembers)
	api("GET /api/v1/cases/{id}/export", s.handleAPICaseExport, server.JITMembers)
	api("GET /api/v1/cases/{id}/grants", s.handleAPIGrantList, server.JITMembers)
	api("POST /api/v1/cases/{id}/grants", s.handleAPIGrantCreate, server.JITMembers)
	api("DELETE /api/v1/cases/{id}/grants/{desk_id}", s.handleAPIGrantDelete, server.JITMembers)
	api("GET /api/v1/cases/{id}/entities", s.handleAPIEntityList, server.JITMembers)
	api("POST /api/v1/cases/{id}/entities", s.handleAPIEntityCreate, server.JITMembers)
	api("POST /api/v1/cases/{id}/entities/import", s.handleAPIEntityImport, server.JITMembers, server.Uploads, server.QueryParams)
	api("POST /api/v1/checks", s.handleAPICheck, server.Uploads, server.QueryParams)
	api("GET /api/v1/check-hits", s.handleAPICheckHitList, server.QueryParams)
	api("GET /api/v1/entities/{id}", s.handleAPIEntityGet, server.JITMembers)
	api("PATCH /api/v1/entities/{id}", s.handleAPIEntityUpdate, server.JITMembers)
	api("DELETE /api/v1/entities/{id}", s.handleAPIEntityDelete, server.JITMembers)
	api("GET /api/v1/hits", s.handleAPIHitList, server.JITMembers, server.QueryParams)
	api("GET /api/v1/hits/count", s.handleAPIHitCount, server.JITMembers)
	api("GET /api/v1/hits/{id}", s.handleAPIHitGet, server.JITMembers)
	api("POST /api/v1/hits/{id}/decision", s.handleAPIHitDecision, server.JITMembers)
	api("GET /api/v1/activity", s.handleAPIActivity, server.JITMembers, server.QueryParams)
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
	api("GET /api/v1/authorities", s.handleAPIAuthorityList, server.ContactPoints, server.QueryParams)
	api("POST /api/v1/authorities", s.handleAPIAuthorityCreate)
	api("GET /api/v1/authorities/{id}", s.handleAPIAuthorityGet, server.ContactPoints)
	api("GET /api/v1/users", s.handleAPIUserList)
	api("POST /api/v1/users", s.handleAPIUserCreate)
	api("GET /api/v1/users/{id}", s.handleAPIUserGet)
	api("PATCH /api/v1/users/{id}", s.handleAPIUserUpdate)
	api("POST /api/v1/users/{id}/password-reset", s.handleAPIUserPasswordReset, server.NoBody)
	api("POST /api/v1/users/{id}/desk-confirmation", s.handleAPIUserDeskConfirm, server.NoBody)
	api("GET /api/v1/desk-confirmations", s.handleAPIDeskConfirmationList)
	api("GET /api/v1/tokens", s.handleAPITokenList, server.JITMembers, server.ContactPoints, server.QueryParams)
	api("POST /api/v1/tokens", s.handleAPITokenCreate, server.JITMembers, server.ContactPoints)
	api("DELETE /api/v1/tokens/{id}", s.handleAPITokenDelete, server.JITMembers, server.ContactPoints)
	api("GET /api/v1/audit", s.handleAPIAuditList, server.QueryParams)
	api("GET /api/v1/audit/verify", s.handleAPIAuditVerify)
	api("GET /api/v1/audit/checkpoint", s.handleAPIAuditCheckpoint)
	api("GET /api/v1/jits", s.handleAPIJITList, server.JITMembers)
	api("POST /api/v1/jits", s.handleAPIJITCreate)
	api("GET /api/v1/jits/{id}", s.handleAPIJITGet, server.JITMembers)
	api("POST /api/v1/jits/{id}/extensions", s.handleAPIJITExtend, server.JITMembers)
	api("POST /api/v1/jits/{id}/cases", s.handleAPIJITLinkCase, server.JITMembers)
	api("POST /api/v1/jits/{id}/funding", s.handleAPIJITFundingCreate, server.JITMembers)
	api("PATCH /api/v1/jits/{id}/funding/{funding_id}", s.handleAPIJITFundingUpdate, server.JITMembers)
	api("POST /api/v1/jits/{id}/members", s.handleAPIJITMemberCreate, server.JITMembers)
	api("GET /api/v1/jits/{id}/messages", s.handleAPIJITMessageList, server.JITMembers)
	api("POST /api/v1/jits/{id}/messages", s.handleAPIJITMessageCreate, server.JITMembers)
	api("GET /api/v1/jits/{id}/evidence", s.handleAPIEvidenceList, server.JITMembers)
	apiEvidence("POST /api/v1/jits/{id}/evidence", s.handleAPIEvidenceUpload, server.JITMembers, server.QueryParams)
	api("GET /api/v1/evidence/{id}", s.handleAPIEvidenceGet, server.JITMembers)
	api("GET /api/v1/evidence/{id}/content", s.handleAPIEvidenceDownload, server.JITMembers)
	api("DELETE /api/v1/jits/{id}/members/{user_id}", s.handleAPIJITMemberDelete, server.JITMembers)
	api("DELETE /api/v1/jits/{id}/cases/{case_id}", s.handleAPIJITCaseDelete, server.JITMembers)
	api("GET /api/v1/partner-agencies", s.handleAPIPartnerAgencies)
	api("GET /api/v1/cases/{id}/meetings", s.handleAPIMeetingList, server.JITMembers)
	api("POST /api/v1/cases/{id}/meetings", s.handleAPIMeetingCreate, server.JITMembers)
	api("GET /api/v1/meetings/{id}", s.handleAPIMeetingGet)
	api("PATCH /api/v1/meetings/{id}", s.handleAPIMeetingUpdate)
	api("DELETE /api/v1/meetings/{id}", s.handleAPIMeetingDelete)
	api("GET /api/v1/cases/{id}/actions", s.handleAPIActionList, server.JITMembers)
	api("POST /api/v1/cases/{id}/actions", s.handleAPIActionCreate, server.JITMembers)
	api("GET /api/v1/cases/{id}/results", s.handleAPIResultList, server.JITMembers)
	api("POST /api/v1/cases/{id}/results", s.handleAPIResultCreate, server.JITMembers)
	api("DELETE /api/v1/results/{id}", s.handleAPIResultDelete)
	api("GET /api/v1/statistics/meetings", s.handleAPIMeetingCount, server.QueryParams)
	api("GET /api/v1/statistics/results", s.handleAPIResultTotals, server.QueryParams)
	api("GET /api/v1/search", s.handleAPISearch, server.QueryParams)
	api("GET /api/v1/statistics/report", s.handleAPIReport, server.QueryParams)
	api("GET /api/v1/statistics/report/{table}", s.handleAPIReportTable, server.QueryParams)
	api("GET /api/v1/notices", s.handleAPINoticeList, server.ContactPoints, server.QueryParams)
	api("POST /api/v1/notices", s.handleAPINoticeSend, server.Uploads)
	api("GET /api/v1/notices/{id}", s.handleAPINoticeGet, server.ContactPoints)
	api("POST /api/v1/notices/{id}/acknowledge", s.handleAPINoticeAcknowledge, server.ContactPoints, server.NoBody)
	api("GET /api/v1/notices/{id}/attachments/{attachment_id}", s.handleAPIAttachmentGet, server.ContactPoints)
	api("POST /api/v1/notices/{id}/recipients", s.handleAPINoticeAddRecipients)
	api("GET /api/v1/cases/{id}/instruments", s.handleAPIInstrumentList, server.JITMembers)
	api("POST /api/v1/cases/{id}/instruments", s.handleAPIInstrumentCreate, server.JITMembers)
	api("GET /api/v1/instruments/{id}", s.handleAPIInstrumentGet)
	api("PATCH /api/v1/instruments/{id}", s.handleAPIInstrumentUpdate)
	api("POST /api/v1/instruments/{id}/extensions", s.handleAPIInstrumentExtend)
	api("POST /api/v1/instruments/{id}/delay-reasons", s.handleAPIInstrumentDelayReasons)
	api("GET /api/v1/deadlines", s.handleAPIDeadlines, server.QueryParams)
	api("POST /api/v1/instruments/{id}/surrender-dates", s.handleAPIInstrumentSurrenderDate)
	api("GET /api/v1/cases/{id}/timeline", s.handleAPITimeline, server.QueryParams)
	api("GET /api/v1/cases/{id}/relations", s.handleAPIRelationList)
	api("POST /api/v1/cases/{id}/relations", s.handleAPIRelationCreate)
	api("POST /api/v1/cases/{id}/relations/import", s.handleAPIRelationImport, server.Uploads)
	api("DELETE /api/v1/relations/{id}", s.handleAPIRelationDelete)
	api("GET /api/v1/cases/{id}/retention", s.handleAPIRetentionGet)
	api("PUT /api/v1/cases/{id}/retention", s.handleAPIRetentionPut)
	api("POST /api/v1/cases/{id}/retention/reviews", s.handleAPIRetentionReview)
	api("POST /api/v1/entities/{id}/acquittal", s.handleAPIAcquittal)
	api("GET /api/v1/retention/due", s.handleAPIRetentionDue, server.QueryParams)
	// Coordination centres: JIT-only members invited to a centre take part.
	api("GET /api/v1/centres", s.handleAPICentreList, server.JITMembers)
	api("GET /api/v1/cases/{id}/centres", s.handleAPICaseCentreList, server.JITMembers)
	api("POST /api/v1/cases/{id}/centres", s.handleAPICentreCreate)
	api("GET /api/v1/centres/{id}", s.handleAPICentreGet, server.JITMembers)
	api("GET /api/v1/centres/{id}/events", s.HandleCentreEvents, server.JITMembers, server.QueryParams)
	api("GET /api/v1/centres/{id}/log", s.handleAPICentreLog, server.JITMembers, server.QueryParams)
	api("GET /api/v1/centres/{id}/press", s.handleAPICentrePress, server.JITMembers)
	api("POST /api/v1/centres/{id}/measures", s.handleAPIMeasureCreate)
	api("POST /api/v1/centres/{id}/messages", s.handleAPICentreMessage, server.JITMembers)
	api("POST /api/v1/centres/{id}/close", s.handleAPICentreClose)
	api("POST /api/v1/measures/{id}/state", s.handleAPIMeasureMove, server.JITMembers)
	api("POST /api/v1/measures/{id}/decisions", s.handleAPIMeasureDecision)
}

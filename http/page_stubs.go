// Placeholders for page handlers not written yet; delete each as it is implemented.
package http

import (
	"net/http"

	"crosscase"
)

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCaseListPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCaseNewPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCaseCreatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCasePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCaseEditPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCaseUpdatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCaseGrantPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCaseRevokePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleEntityNewPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleEntityCreatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleEntityEditPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleEntityUpdatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleEntityDeletePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAuthorityListPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAuthorityCreatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAccountPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handlePasswordPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleTokenCreatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleTokenRevokePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAdminPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleUserListPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleUserCreatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleUserEditPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleUserUpdatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleDeskListPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleDeskCreatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleDeskUpdatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCountryListPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleCountryUpdatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAgreementListPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAgreementCreatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAgreementUpdatePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAgreementDeletePage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAuditPage(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

type pageTemplates struct{}

func mustParseTemplates() *pageTemplates { return &pageTemplates{} }

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	http.Error(w, msg, status)
}

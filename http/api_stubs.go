// Placeholders for API handlers not written yet; delete each as it is implemented.
package http

import (
	"net/http"

	"crosscase"
)

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIMe(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICaseList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICaseCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICaseGet(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICaseUpdate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIGrantList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIGrantCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIGrantDelete(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIEntityList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIEntityCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIEntityGet(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIEntityUpdate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIEntityDelete(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIActivity(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIDeskList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIDeskCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIDeskGet(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIDeskUpdate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICountryList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICountryGet(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICountryUpdate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPICrimeTypes(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAgreementList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAgreementCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAgreementGet(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAgreementUpdate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAgreementDelete(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAuthorityList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAuthorityCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAuthorityGet(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIUserList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIUserCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIUserGet(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIUserUpdate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPITokenList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPITokenCreate(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPITokenDelete(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAuditList(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPIAuditVerify(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, crosscase.Errorf(crosscase.ENOTIMPL, "Not implemented yet."))
}

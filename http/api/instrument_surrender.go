package api

import (
	"net/http"

	"crosscase"
)

// handleAPIInstrumentSurrenderDate records a new surrender date of an
// arrest warrant agreed by the executing and issuing authorities (FD
// 2002/584/JHA Art. 23(3)-(4); EU–Norway/Iceland Surrender Agreement
// Art. 23(3)-(4); Trade and Cooperation Agreement Art. 621(3)-(4)).
func (s *Server) handleAPIInstrumentSurrenderDate(w http.ResponseWriter, r *http.Request) {
	var req crosscase.SurrenderDateRequest
	id, ok := s.readChange(w, r, "Instrument", &req, &req.Version)
	if !ok {
		return
	}
	in, err := s.Instruments.AgreeSurrenderDate(r.Context(), id, req)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, in)
}

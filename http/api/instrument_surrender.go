package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// handleAPIInstrumentSurrenderDate records a new surrender date of an
// arrest warrant agreed by the executing and issuing authorities (FD
// 2002/584/JHA Art. 23(3)-(4); EU–Norway/Iceland Surrender Agreement
// Art. 23(3)-(4); Trade and Cooperation Agreement Art. 621(3)-(4)).
func (s *Server) handleAPIInstrumentSurrenderDate(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Instrument")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	var req crosscase.SurrenderDateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := server.RequireVersion(req.Version); err != nil {
		s.APIError(w, r, err)
		return
	}
	in, err := s.Instruments.AgreeSurrenderDate(r.Context(), id, req)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, in)
}

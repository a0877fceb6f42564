package api

import (
	"net/http"

	"crosscase/http/server"
)

// readChange reads a request that changes the object of kind (its name in
// messages: "Case") named by the path's id, or adds to it: the id, then
// the JSON body into body, then, unless version is nil, the version the
// body must give (version points into body). The first that is bad is
// answered (RFC 9457) and ok is false.
func (s *Server) readChange(w http.ResponseWriter, r *http.Request, kind string, body any, version *int) (id int64, ok bool) {
	id, err := server.APIPathID(r, "id", kind)
	if err == nil {
		err = server.ReadJSON(r, body)
	}
	if err == nil && version != nil {
		err = server.RequireVersion(*version)
	}
	if err != nil {
		s.APIError(w, r, err)
		return 0, false
	}
	return id, true
}

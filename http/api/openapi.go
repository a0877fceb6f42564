package api

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes the JSON API (OpenAPI 3.1). A test checks that
// it lists exactly the API endpoints of routes.go.
//
//go:embed openapi.json
var openAPIDocument []byte

// handleOpenAPI serves the API description.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(openAPIDocument)
}

package http

import "net/http"

// Handler returns the server's routes: the public ones here, the pages in
// routes_web.go and the JSON API in routes_api.go. Every route is guarded
// where it is registered.
//
// Three kinds of route: public ones (sign-in, health, static files, the
// API description), pages (need a browser session; state-changing forms
// also need the session's CSRF token) and API endpoints (need a bearer
// token). A JIT-only account reaches a page or endpoint only when its
// route is registered with jitMembers; every other one answers it 403.
// Signing in only identifies the caller: what the caller may see or
// change is decided by the services, in one place in the store.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /static/", s.handleStatic)
	mux.HandleFunc("GET /api/openapi.json", s.handleOpenAPI)
	mux.HandleFunc("GET /login", s.handleLoginPage)
	mux.HandleFunc("POST /login", s.handleLogin)
	mux.HandleFunc("GET /login/second-factor", s.handleSecondFactorPage)
	mux.HandleFunc("POST /login/second-factor", s.handleSecondFactor)
	s.webRoutes(mux)
	s.apiRoutes(mux)
	// Anything else under /api is a JSON 404, not an HTML page.
	mux.HandleFunc("/api/", s.handleAPINotFound)
	return s.withSecurityHeaders(s.withActor(mux))
}

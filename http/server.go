// Package http assembles crosscase's HTTP server: the shared server
// (package server: listener, the caller's identification, route guards,
// error mapping) with the JSON API (package api) and the pages (package
// web) mounted on it. The program and the tests build it here, and only
// here.
package http

import (
	"crosscase"
	"crosscase/http/api"
	"crosscase/http/server"
	"crosscase/http/web"
)

// NewServer returns the server over svc with the pages and the JSON API
// mounted. Every service must be set (crosscase.Services.Complete).
func NewServer(svc crosscase.Services) (*server.Server, error) {
	s, err := server.New(svc)
	if err != nil {
		return nil, err
	}
	web.Mount(s)
	api.Mount(s)
	return s, nil
}

package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"crosscase/http/server"
	"crosscase/http/strictjson"

	"crosscase"
)

// openAPIDoc is the part of the OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Required             []string                   `json:"required"`
			Properties           map[string]json.RawMessage `json:"properties"`
			AdditionalProperties *bool                      `json:"additionalProperties"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) *openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	return &doc
}

func documentedRoutes(doc *openAPIDoc) []string {
	var out []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				out = append(out, strings.ToUpper(method)+" "+path)
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestOpenAPIDescribesEveryAPIRoute(t *testing.T) {
	routes := Endpoints()
	documented := documentedRoutes(loadOpenAPI(t))
	for _, r := range routes {
		if !strings.Contains(r, " /api/v1/") {
			t.Errorf("API route %q is outside /api/v1", r)
		}
		if !slices.Contains(documented, r) {
			t.Errorf("route %q is registered in routes.go but missing from openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("openapi.json describes %q, which routes.go does not register", d)
		}
	}
}

// TestOpenAPIReferencesResolve checks every $ref points at a component.
func TestOpenAPIReferencesResolve(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	n := 0
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if k == "$ref" {
					n++
					ref, _ := e.(string)
					if !resolves(doc, ref) {
						t.Errorf("$ref %q does not resolve", ref)
					}
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(doc)
	if n == 0 {
		t.Fatal("no $ref found")
	}
}

func resolves(doc map[string]any, ref string) bool {
	if !strings.HasPrefix(ref, "#/") {
		return false
	}
	var cur any = doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[part]; !ok {
			return false
		}
	}
	return true
}

// TestOpenAPISchemasMatchTypes checks that each schema has exactly the
// JSON fields of the Go type the API reads or writes, so that the document
// cannot drift from the code.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	doc := loadOpenAPI(t)
	types := map[string]any{
		"Problem":          server.Problem{},
		"Case":             crosscase.Case{},
		"CaseCreate":       caseCreateRequest{},
		"CaseUpdate":       crosscase.CaseUpdate{},
		"CaseGrant":        crosscase.CaseGrant{},
		"GrantCreate":      grantRequest{},
		"Activity":         crosscase.Activity{},
		"Entity":           crosscase.Entity{},
		"EntityCreate":     entityCreateRequest{},
		"EntityUpdate":     crosscase.EntityUpdate{},
		"Desk":             crosscase.Desk{},
		"DeskCreate":       deskCreateRequest{},
		"DeskUpdate":       crosscase.DeskUpdate{},
		"Country":          crosscase.Country{},
		"CountryUpdate":    crosscase.CountryUpdate{},
		"CrimeType":        crosscase.CrimeType{},
		"Agreement":        crosscase.Agreement{},
		"AgreementCreate":  agreementCreateRequest{},
		"AgreementUpdate":  crosscase.AgreementUpdate{},
		"Authority":        crosscase.Authority{},
		"AuthorityCreate":  authorityCreateRequest{},
		"User":             crosscase.User{},
		"MeUpdate":         meUpdate{},
		"UserCreate":       userCreateRequest{},
		"UserUpdate":       crosscase.UserUpdate{},
		"Token":            crosscase.Token{},
		"TokenCreate":      tokenCreateRequest{},
		"TokenCreated":     TokenCreateResponse{},
		"AuditEntry":       crosscase.AuditEntry{},
		"AuditReport":      crosscase.AuditReport{},
		"AuditCheckpoint":  crosscase.AuditCheckpoint{},
		"CaseBundle":       crosscase.CaseBundle{},
		"Hit":              crosscase.Hit{},
		"HitField":         crosscase.HitField{},
		"HitList":          server.List[*crosscase.Hit]{},
		"HitDecision":      hitDecisionRequest{},
		"HitCount":         HitCountResponse{},
		"CheckHit":         server.CheckHit{},
		"CheckResult":      server.CheckResult{},
		"ListCheckHit":     crosscase.ListCheckHit{},
		"ListCheckHitList": server.List[*crosscase.ListCheckHit]{},

		// Notifications.
		"Notification":     crosscase.Notification{},
		"NotificationList": server.List[*crosscase.Notification]{},
		// Coordination meetings, case results and notices.
		"PartnerAgency":   crosscase.PartnerAgency{},
		"Meeting":         crosscase.Meeting{},
		"MeetingCreate":   meetingCreateRequest{},
		"MeetingUpdate":   crosscase.MeetingUpdate{},
		"MeetingCount":    MeetingCountResponse{},
		"Action":          crosscase.Action{},
		"ActionCreate":    actionCreateRequest{},
		"Result":          crosscase.Result{},
		"ResultCreate":    resultCreateRequest{},
		"ResultTotals":    crosscase.ResultTotals{},
		"SeizureTotal":    crosscase.SeizureTotal{},
		"Notice":          crosscase.Notice{},
		"NoticeCreate":    noticeCreateRequest{},
		"NoticeRecipient": crosscase.NoticeRecipient{},
		"Attachment":      crosscase.Attachment{},
		// Instruments.
		"Instrument":         crosscase.Instrument{},
		"InstrumentCreate":   instrumentCreateRequest{},
		"InstrumentUpdate":   crosscase.InstrumentUpdate{},
		"InstrumentList":     server.List[*crosscase.Instrument]{},
		"Extension":          crosscase.Extension{},
		"ExtensionCreate":    crosscase.ExtensionRequest{},
		"DelayReasonsCreate": delayReasonsRequest{},
		"Breach":             crosscase.Breach{},
		"Clock":              crosscase.Clock{},
		"Deadline":           crosscase.Deadline{},
		"DeadlineList":       crosscase.DeadlineList{},
		// JITs.
		"JITExtension":       crosscase.JITExtension{},
		"JITExtensionCreate": jitExtensionRequest{},
		// Retention and review.
		"RetentionDates":        crosscase.RetentionDates{},
		"RetentionReview":       crosscase.RetentionReview{},
		"RetentionReviewCreate": reviewRequest{},
		"RetentionStatus":       crosscase.RetentionStatus{},
		"CaseRetention":         crosscase.CaseRetention{},
		"CaseRetentionList":     server.List[*crosscase.CaseRetention]{},
		"AcquittalCreate":       acquittalRequest{},
		// Relations.
		"Relation":       crosscase.Relation{},
		"RelationCreate": relationRequest{},
		"RelationList":   server.List[*crosscase.Relation]{},
		// Timeline.
		"TimelineEvent":     crosscase.TimelineEvent{},
		"TimelineEventList": server.List[crosscase.TimelineEvent]{},
		// Search.
		"SearchResults": crosscase.SearchResults{},
		"EntityMatch":   crosscase.EntityMatch{},
		// Statistics.
		"Report":           crosscase.Report{},
		"CrimeTypeFigure":  crosscase.CrimeTypeFigure{},
		"CountryFigure":    crosscase.CountryFigure{},
		"DeskFigure":       crosscase.DeskFigure{},
		"CountryCrimeCell": crosscase.CountryCrimeCell{},
		"InstrumentFigure": crosscase.InstrumentFigure{},
		"YearFigure":       crosscase.YearFigure{},
		"ReportTable":      server.ReportTableResponse{},
		// Coordination centres.
		"Centre":              crosscase.Centre{},
		"CentreCreate":        centreCreateRequest{},
		"CentreZone":          crosscase.CentreZone{},
		"CentreList":          server.List[*crosscase.Centre]{},
		"CentreBoard":         crosscase.CentreBoard{},
		"CentreTally":         crosscase.CentreTally{},
		"SeizureTally":        crosscase.SeizureTally{},
		"Measure":             crosscase.Measure{},
		"MeasureCreate":       measureCreateRequest{},
		"MeasureMove":         crosscase.MeasureMove{},
		"MeasureOutcome":      crosscase.MeasureOutcome{},
		"Seizure":             crosscase.Seizure{},
		"CentreEvent":         crosscase.CentreEvent{},
		"CentreEventList":     server.List[*crosscase.CentreEvent]{},
		"DecisionCreate":      crosscase.Decision{},
		"CentreMessageCreate": centreMessageRequest{},
		"CentreCloseUpdate":   centreCloseRequest{},
		"PressSummary":        crosscase.PressSummary{},
	}
	for name, v := range types {
		schema, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s is missing", name)
			continue
		}
		var want []string
		for f := range strictjson.Fields(reflect.TypeOf(v)) {
			want = append(want, f)
		}
		var got []string
		for p := range schema.Properties {
			got = append(got, p)
		}
		sort.Strings(want)
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("schema %s has properties %v; the Go type %T has %v", name, got, v, want)
		}
		for _, r := range schema.Required {
			if !slices.Contains(got, r) {
				t.Errorf("schema %s requires %q, which is not a property", name, r)
			}
		}
		// Request bodies are decoded strictly; the document must say so.
		if strings.HasSuffix(name, "Create") || strings.HasSuffix(name, "Update") {
			if schema.AdditionalProperties == nil || *schema.AdditionalProperties {
				t.Errorf("request schema %s must set additionalProperties: false", name)
			}
		}
	}
}

// TestOpenAPIServed checks the document is served, without a token, as
// it is embedded.
func TestOpenAPIServed(t *testing.T) {
	s := bareServer()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/openapi.json = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	if !bytes.Equal(rec.Body.Bytes(), openAPIDocument) {
		t.Error("served document differs from the embedded one")
	}
}

// TestAPIWithoutTokenIsProblem checks that every API route refuses a
// caller without a token with 401 problem+json, before anything else.
func TestAPIWithoutTokenIsProblem(t *testing.T) {
	s := bareServer() // no services: nothing may reach them
	for _, route := range Endpoints() {
		method, path, _ := strings.Cut(route, " ")
		path = strings.NewReplacer("{id}", "1", "{desk_id}", "2", "{code}", "IT").Replace(path)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, path, strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("%s %s without a token = %d, want 401", method, path, rec.Code)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s %s: Content-Type %q", method, path, ct)
		}
		if rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("%s %s: no WWW-Authenticate", method, path)
		}
		var p server.Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Code != crosscase.EUNAUTHORIZED || p.Status != 401 {
			t.Errorf("%s %s: problem %+v, %v", method, path, p, err)
		}
	}
}

// TestAPIUnknownPathIsProblem checks that a path under /api that is no
// endpoint is a JSON 404, not an HTML page.
func TestAPIUnknownPathIsProblem(t *testing.T) {
	s := bareServer()
	for _, path := range []string{"/api/v1/nothing", "/api/v2/cases", "/api/"} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		var p server.Problem
		if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("GET %s = %d %q", path, rec.Code, rec.Header().Get("Content-Type"))
		} else if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Code != crosscase.ENOTFOUND {
			t.Errorf("GET %s: %+v, %v", path, p, err)
		}
	}
}

// bareServer is the API alone on a server with no services: a request
// that reached one would fail the test on a nil service.
func bareServer() *server.Server {
	s := &server.Server{Logger: slog.Default()}
	Mount(s)
	return s
}

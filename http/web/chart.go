package web

import (
	"html/template"
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// chartPage is a case's link chart with its table and the form to relate
// two entities.
type chartPage struct {
	pageBase
	Case      *crosscase.Case
	Chart     *linkChart
	SVG       template.HTML
	Relations []relationRow
	Hits      []*crosscase.Hit
	// HitHrefs is where each hit's other case leads (hitOtherHref).
	HitHrefs map[int64]string
	Labels   map[int64]string
	Entities []*crosscase.Entity
	Kinds    []crosscase.RelationKind
	CanWrite bool
	Form     *formState
}

// relationRow is a relation with its entities' labels.
type relationRow struct {
	*crosscase.Relation
	From, To string
}

// loadChart reads what the chart of case id shows, as the caller may.
func (s *Server) loadChart(r *http.Request, id int64) (*crosscase.Case, []*crosscase.Entity, []*crosscase.Relation, []*crosscase.Hit, *linkChart, error) {
	ctx := r.Context()
	c, err := s.Cases.FindCaseByID(ctx, id)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	entities, err := s.Entities.FindEntities(ctx, id)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	relations, err := s.Relations.FindRelations(ctx, id)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	var hits []*crosscase.Hit
	if c.Access == crosscase.AccessOwner && crosscase.CanSeeHits(crosscase.UserFromContext(ctx)) {
		if hits, _, err = s.Hits.FindHits(ctx, crosscase.HitFilter{CaseID: id, Limit: 200}); err != nil {
			return nil, nil, nil, nil, nil, err
		}
	}
	return c, entities, relations, hits, buildLinkChart(s.printer(r), entities, relations, hits, userDeskID(ctx)), nil
}

// handleChartPage shows a case's link chart.
func (s *Server) handleChartPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderChart(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderChart(w http.ResponseWriter, r *http.Request, status int, id int64, form *formState) {
	c, entities, relations, hits, chart, err := s.loadChart(r, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &chartPage{pageBase: pageBase{Title: "Link chart · %s", TitleArgs: []any{c.Reference}, Nav: "cases"}, Case: c, Chart: chart, Hits: hits, Entities: entities,
		Kinds: crosscase.RelationKinds(), CanWrite: crosscase.CanWriteCase(crosscase.UserFromContext(r.Context()), c), Form: form, Labels: map[int64]string{}}
	if p.Form == nil {
		p.Form = newForm(nil, nil)
	}
	for _, e := range entities {
		p.Labels[e.ID] = e.Label()
	}
	p.HitHrefs = map[int64]string{}
	for _, h := range hits {
		p.HitHrefs[h.ID] = hitOtherHref(h, userDeskID(r.Context()))
	}
	for _, rel := range relations {
		p.Relations = append(p.Relations, relationRow{Relation: rel, From: p.Labels[rel.FromID], To: p.Labels[rel.ToID]})
	}
	p.SVG = chart.SVG(s.printer(r).T("Link chart of %s", c.Reference), false)
	s.render(w, r, status, "chart.html", p)
}

// handleChartSVGPage downloads a case's link chart as an SVG file.
func (s *Server) handleChartSVGPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, _, _, _, chart, err := s.loadChart(r, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store") // personal data: kept by no cache
	w.Header().Set("Content-Disposition", `attachment; filename="link-chart-`+strconv.FormatInt(id, 10)+`.svg"`)
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'")
	_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + string(chart.SVG(s.printer(r).T("Link chart of %s", c.Reference), true))))
}

// handleRelationCreatePage relates two entities of a case.
func (s *Server) handleRelationCreatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	rel := &crosscase.Relation{CaseID: id, Kind: crosscase.RelationKind(server.FormText(v, "kind"))}
	var err error
	if rel.FromID, err = formInt(v, "from_id"); err == nil {
		rel.ToID, err = formInt(v, "to_id")
	}
	if err == nil {
		err = s.Relations.CreateRelation(r.Context(), rel)
	}
	if isFormError(err) || crosscase.ErrorCode(err) == crosscase.ECONFLICT {
		s.renderChart(w, r, formStatus(err), id, newForm(v, err))
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(id, 10)+"/chart", "relation_created")
}

// handleRelationDeletePage removes a relation.
func (s *Server) handleRelationDeletePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	caseID, err := formCaseID(v)
	if err == nil {
		err = s.Relations.DeleteRelation(r.Context(), caseID, id)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(caseID, 10)+"/chart", "relation_deleted")
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"crosscase/http/server"

	"crosscase"
)

// hitView is a hit as a page shows it.
type hitView struct {
	Hit       *crosscase.Hit
	OtherDesk string            // the other side's desk by name
	Other     *crosscase.Entity // the other side's entity, once disclosed
	// OtherGone says the other side's case and entity are disclosed but
	// the entity is no longer there.
	OtherGone bool
	// CanDisclose, CanRestrict and CanDismiss say which decisions the page
	// offers the caller now: those the store allows (crosscase.CanDecideHit,
	// HitStatus.CanMoveTo), but not the status the hit already has.
	CanDisclose, CanRestrict, CanDismiss bool
}

// Actions reports whether the caller has any decision to make.
func (v *hitView) Actions() bool { return v.CanDisclose || v.CanRestrict || v.CanDismiss }

// hitViews prepares hits for a page: the other desk's name and, for the
// disclosed ones, the other side's entity (readable through the hit).
func (s *Server) hitViews(ctx context.Context, list []*crosscase.Hit) ([]*hitView, error) {
	if len(list) == 0 {
		return nil, nil
	}
	deskName, err := s.deskNames(ctx)
	if err != nil {
		return nil, err
	}
	u := crosscase.UserFromContext(ctx)
	out := make([]*hitView, 0, len(list))
	for _, h := range list {
		v := &hitView{Hit: h, OtherDesk: deskName[h.OtherDeskID]}
		offers := func(to crosscase.HitStatus) bool {
			return h.Status != to && h.Status.CanMoveTo(to) && crosscase.CanDecideHit(u, h.FoundSideOf(u), to)
		}
		v.CanDisclose, v.CanRestrict, v.CanDismiss = offers(crosscase.HitDisclosed), offers(crosscase.HitRestricted), offers(crosscase.HitDismissed)
		if h.OtherEntityID != 0 {
			e, err := s.Entities.FindEntityByID(ctx, h.OtherEntityID)
			switch {
			case err == nil:
				v.Other = e
			case crosscase.ErrorCode(err) == crosscase.ENOTFOUND:
				v.OtherGone = true
			default:
				return nil, err
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// hitTab is one status tab of the hits page.
type hitTab struct {
	Label   string
	URL     string
	Current bool
	New     bool   // the tab of new hits, which shows their count
	Empty   string // what the page says when the tab lists no hit
}

// hitTabs are the tabs of the list of hits, by status: their labels and
// what each says when it lists nothing.
var hitTabs = []struct {
	status       crosscase.HitStatus
	label, empty string
}{{"", "All hits", "No hits: no entity of your desk's cases has matched another desk's."},
	{crosscase.HitNew, "New", "No new hits."}, {crosscase.HitDisclosed, "Disclosed", "No disclosed hits."},
	{crosscase.HitRestricted, "Restricted", "No restricted hits."}, {crosscase.HitDismissed, "Dismissed", "No dismissed hits."}}

type hitListPage struct {
	pageBase
	Hits      []*hitView
	Countries *countryIndex
	Tabs      []hitTab
	Status    crosscase.HitStatus
	Case      *crosscase.Case // when the list is of one case
	Back      string          // where a decision returns to
	pager
}

// handleHitListPage lists the hits of the caller's desk, by status and
// optionally of one case, with the decisions the caller may take.
func (s *Server) handleHitListPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !crosscase.CanSeeHits(crosscase.UserFromContext(ctx)) {
		s.Error(w, r, crosscase.Errorf(crosscase.ENOTFOUND, "Page not found."))
		return
	}
	// A status or a case id that cannot be read is shown on the error
	// page, naming it, as the API names it in its problem.
	f, err := server.HitFilterFromQuery(r.URL.Query(), 50)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &hitListPage{pageBase: pageBase{Title: "Hits", Nav: "hits"}, Status: f.Status}
	base := url.Values{}
	if f.CaseID != 0 {
		base.Set("case_id", strconv.FormatInt(f.CaseID, 10))
		c, err := s.Cases.FindCaseByID(ctx, f.CaseID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		data.Case = c
		data.Title, data.TitleArgs = "Hits of %s", []any{c.Reference}
	}
	list, next, err := s.Hits.FindHits(ctx, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Hits, err = s.hitViews(ctx, list); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	for _, t := range hitTabs {
		v := cloneValues(base)
		if t.status != "" {
			v.Set("status", string(t.status))
		}
		data.Tabs = append(data.Tabs, hitTab{Label: t.label, URL: hitListURL(v), Current: t.status == f.Status, New: t.status == crosscase.HitNew, Empty: t.empty})
	}
	page := cloneValues(base)
	if f.Status != "" {
		page.Set("status", string(f.Status))
	}
	data.Back = hitListURL(page)
	if next != "" {
		nv := cloneValues(page)
		nv.Set("cursor", next)
		data.NextURL = hitListURL(nv)
	}
	if f.Cursor != "" {
		data.Paged = true
		data.FirstURL = data.Back
		cv := cloneValues(page)
		cv.Set("cursor", f.Cursor)
		data.Back = hitListURL(cv)
	}
	s.render(w, r, http.StatusOK, "hits.html", data)
}

func hitListURL(v url.Values) string {
	if len(v) == 0 {
		return "/hits"
	}
	return "/hits?" + v.Encode()
}

type hitPage struct {
	pageBase
	View      *hitView
	Mine      *crosscase.Entity // the caller's desk's entity
	Countries *countryIndex
	Back      string
}

// handleHitPage shows one hit of the caller's desk: both sides as far as
// the caller may see them, and the decisions the caller may take.
func (s *Server) handleHitPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !crosscase.CanSeeHits(crosscase.UserFromContext(ctx)) {
		s.Error(w, r, crosscase.Errorf(crosscase.ENOTFOUND, "Page not found."))
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	h, err := s.Hits.FindHit(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	views, err := s.hitViews(ctx, []*crosscase.Hit{h})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &hitPage{pageBase: pageBase{Title: "Hit on %s", TitleArgs: []any{h.CaseRef}, Nav: "hits"}, View: views[0], Back: hitPathPage(id)}
	if data.Mine, err = s.Entities.FindEntityByID(ctx, h.EntityID); err != nil && crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
		s.Error(w, r, err)
		return
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "hit.html", data)
}

func hitPathPage(id int64) string { return "/hits/" + strconv.FormatInt(id, 10) }

// handleHitDecisionPage discloses, restricts or dismisses a hit of the
// caller's desk; the store decides who may do which.
func (s *Server) handleHitDecisionPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	h, err := s.Hits.DecideHit(r.Context(), id, crosscase.HitStatus(server.FormText(v, "status")))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, hitBack(v.Get("back"), id), "hit_"+string(h.Status))
}

var hitPathRE = regexp.MustCompile(`^/hits/[1-9][0-9]*$`)

// hitBack returns where a decision on hit id goes back to: back when it
// is a page of the hits list or a hit's page on this site, the hit's page
// otherwise.
func hitBack(back string, id int64) string {
	u, err := url.Parse(back)
	if err != nil || back == "" || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil || strings.Contains(back, `\`) {
		return hitPathPage(id)
	}
	switch {
	case u.Path == "/hits":
		return u.RequestURI() + "#hit-" + strconv.FormatInt(id, 10)
	case hitPathRE.MatchString(u.Path):
		return u.Path
	}
	return hitPathPage(id)
}

// checkHitView is a list check hit as the page shows it.
type checkHitView struct {
	Hit         *crosscase.ListCheckHit
	CheckerDesk string // the checking desk by name
}

type checkHitListPage struct {
	pageBase
	Hits      []*checkHitView
	Countries *countryIndex
	pager
}

// handleCheckHitListPage lists the list check hits on the caller's desk's
// entities: other desks' bulk checks that hit an entity of a case they
// may not see. The users who see the desk's hits see it.
func (s *Server) handleCheckHitListPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !crosscase.CanSeeHits(crosscase.UserFromContext(ctx)) {
		s.Error(w, r, crosscase.Errorf(crosscase.ENOTFOUND, "Page not found."))
		return
	}
	f := crosscase.ListCheckHitFilter{Cursor: r.URL.Query().Get("cursor")}
	list, next, err := s.ListChecks.FindListCheckHits(ctx, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &checkHitListPage{pageBase: pageBase{Title: "List checks that hit your desk's entities", Nav: "hits"}}
	if len(list) > 0 {
		deskName, err := s.deskNames(ctx)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, h := range list {
			data.Hits = append(data.Hits, &checkHitView{Hit: h, CheckerDesk: deskName[h.CheckerDeskID]})
		}
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if next != "" {
		data.NextURL = "/check-hits?" + url.Values{"cursor": {next}}.Encode()
	}
	if f.Cursor != "" {
		data.Paged, data.FirstURL = true, "/check-hits"
	}
	s.render(w, r, http.StatusOK, "check_hits.html", data)
}

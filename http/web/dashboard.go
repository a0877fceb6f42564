package web

import (
	"net/http"
	"time"

	"crosscase"
)

type dashboardPage struct {
	pageBase
	Countries *countryIndex
	Owned     []*crosscase.Case
	MoreOwned bool
	Asked     []*crosscase.Case
	MoreAsked bool
	Activity  []*crosscase.Activity
	Hits      []*crosscase.Hit // the desk's newest new hits
	MoreHits  bool
	// JITs are a JIT member's teams: all a JIT-only account sees.
	JITs []*crosscase.JIT
	// ToDownload are the JIT evidence files marked for the user and not
	// yet downloaded (JIT evidence).
	ToDownload []*crosscase.Evidence
	// StartHere shows a new account what to try first: StartHit, the new
	// hit to open first (one whose disclosure is the desk's to decide,
	// else the newest), StartCase, the case to open first (the case of
	// that hit, else the desk's newest, else the newest it is asked in),
	// DecidesHits whether the user decides the hit's disclosure, and
	// ToAcknowledge a notice the desk has not acknowledged.
	// Figures are the year's headline figures so far, for a user who sees
	// the agency's (crosscase.ReportScope): a statistics user, whose
	// dashboard has no case.
	Figures       *crosscase.Report
	StartHere     bool
	StartHit      *crosscase.Hit
	StartCase     *crosscase.Case
	StartAsked    bool
	DecidesHits   bool
	ToAcknowledge *crosscase.Notice
	// Confirmations are the accounts of the desk waiting for a second
	// person to confirm their place on it (crosscase.CanConfirmDesk).
	Confirmations []*crosscase.User
}

// startHereDays is how long after an account is made its dashboard shows
// what to try first.
const startHereDays = 30

// dashboardCases is how many cases of each list the dashboard shows.
const dashboardCases = 10

// dashboardHits is how many new hits the dashboard shows.
const dashboardHits = 5

// handleDashboard shows case workers their desk's cases, the cases they
// are asked in, the desk's new hits and recent activity. Statistics users and administrators
// never see case content: they get links to what they can do.
func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	data := &dashboardPage{pageBase: pageBase{Title: "Dashboard", Nav: "dashboard"},
		StartHere: time.Since(u.CreatedAt) < startHereDays*24*time.Hour}
	// JIT evidence: what the member must still download.
	if s.Evidence != nil && u.Role.JoinsJITs() {
		var err error
		if data.ToDownload, err = s.Evidence.FindEvidenceToDownload(ctx); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if data.StartHere && crosscase.CanAcknowledgeNotices(u) && s.Notices != nil {
		inbox, err := s.Notices.FindNotices(ctx, crosscase.Inbox, 50)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, n := range inbox {
			// In the inbox a notice's one recipient is the caller's desk.
			if len(n.Recipients) > 0 && n.Recipients[0].AcknowledgedAt == nil {
				data.ToAcknowledge = n
				break
			}
		}
	}
	// The store says whose confirmations the caller gives: none for most.
	confirmations, err := s.Users.DeskConfirmations(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data.Confirmations = confirmations
	if scope, _ := crosscase.ReportScope(u, u.DeskCountry); scope == crosscase.AgencyScope && s.Reports != nil {
		from, to := crosscase.YearSoFar(u, crosscase.DateOf(s.Clock().UTC()))
		rep, err := s.Reports.Report(ctx, from, to)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		data.Figures = rep
	}
	if !u.Role.SeesCaseContent() {
		if u.Role.JITOnly() && s.JITs != nil {
			var err error
			if data.JITs, err = s.JITs.FindJITsOfMember(ctx); err != nil {
				s.Error(w, r, err)
				return
			}
		}
		s.render(w, r, http.StatusOK, "dashboard.html", data)
		return
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	var next string
	if data.Owned, next, err = s.Cases.FindCases(ctx, crosscase.CaseFilter{Scope: crosscase.ScopeOwned, Status: crosscase.CaseOpen, Limit: dashboardCases}); err != nil {
		s.Error(w, r, err)
		return
	}
	data.MoreOwned = next != ""
	if data.Asked, next, err = s.Cases.FindCases(ctx, crosscase.CaseFilter{Scope: crosscase.ScopeAsked, Status: crosscase.CaseOpen, Limit: dashboardCases}); err != nil {
		s.Error(w, r, err)
		return
	}
	data.MoreAsked = next != ""
	if data.Activity, err = s.Activity.RecentActivity(ctx, 20); err != nil {
		s.Error(w, r, err)
		return
	}
	if crosscase.CanSeeHits(u) {
		if data.Hits, next, err = s.Hits.FindHits(ctx, crosscase.HitFilter{Status: crosscase.HitNew, Limit: dashboardHits}); err != nil {
			s.Error(w, r, err)
			return
		}
		data.MoreHits = next != ""
	}
	if data.StartHere {
		data.startHit(u)
		data.startCase()
		if h := data.StartHit; h != nil {
			data.DecidesHits = crosscase.CanDecideHit(u, h.FoundSideOf(u), crosscase.HitDisclosed)
		}
		if u.Role.JoinsJITs() && s.JITs != nil {
			if data.JITs, err = s.JITs.FindJITs(ctx); err != nil && crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
				s.Error(w, r, err)
				return
			}
		}
	}
	s.render(w, r, http.StatusOK, "dashboard.html", data)
}

// startHit picks the hit Start here opens first: the newest new hit
// whose entity of u's desk was found, so that disclosing it is the desk's
// decision, else the newest new hit (the other desk decides it).
func (d *dashboardPage) startHit(u *crosscase.User) {
	for _, h := range d.Hits {
		if h.FoundSideOf(u) {
			d.StartHit = h
			return
		}
	}
	if len(d.Hits) > 0 {
		d.StartHit = d.Hits[0]
	}
}

// startCase picks the case Start here opens first: the case of the hit
// it opens first, else the desk's newest, else the newest it is asked in.
// The hit's case is its desk's (the caller's side of the hit), named by
// the hit itself when the lists do not hold it — a desk with more newer
// cases than the dashboard lists, as with the annual corpus.
func (d *dashboardPage) startCase() {
	if h := d.StartHit; h != nil {
		for _, c := range d.Owned {
			if c.ID == h.CaseID {
				d.StartCase = c
				return
			}
		}
		d.StartCase = &crosscase.Case{ID: h.CaseID, Reference: h.CaseRef}
		return
	}
	switch {
	case len(d.Owned) > 0:
		d.StartCase = d.Owned[0]
	case len(d.Asked) > 0:
		d.StartCase, d.StartAsked = d.Asked[0], true
	}
}

package web

import (
	"net/http"
	"net/url"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// retentionPage is a case's retention record: its Art. 29(1) dates, what
// is due, the reviews, and the forms to record them (README, "Retention
// and review").
type retentionPage struct {
	pageBase
	Case      *crosscase.Case
	Retention *crosscase.CaseRetention
	// CanReview: the caller records dates and reviews
	// (crosscase.CanReviewRetention); the forms are shown.
	CanReview bool
	Dates     *formState
	Review    *formState
}

// retentionDuePage lists the desk's cases whose review or deletion is due.
type retentionDuePage struct {
	pageBase
	Days int
	Due  []*crosscase.CaseRetention
	More int // cases due beyond the first retentionDueShown, with ?all=1 shown too
}

// retentionDueShown is how many of the desk's cases due the retention
// page shows before a link to all of them: a desk with thousands of
// closed cases would otherwise wait seconds for a page it cannot read.
const retentionDueShown = 100

// handleRetentionPage shows a case's retention record.
func (s *Server) handleRetentionPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderRetention(w, r, http.StatusOK, id, nil, nil)
}

func (s *Server) renderRetention(w http.ResponseWriter, r *http.Request, status int, id int64, dates, review *formState) {
	c, err := s.Cases.FindCaseByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	rec, err := s.Retention.FindRetention(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if dates == nil {
		dates = newForm(url.Values{
			"time_barred_on": {rec.Dates.TimeBarredOn.String()}, "final_decision_on": {rec.Dates.FinalDecisionOn.String()},
			"coordination_ended_on": {rec.Dates.CoordinationEndedOn.String()}, "transmitted_on": {rec.Dates.TransmittedOn.String()},
		}, nil)
	}
	if review == nil {
		review = newForm(nil, nil)
	}
	s.render(w, r, status, "retention.html", &retentionPage{
		pageBase: pageBase{Title: "Retention · %s", TitleArgs: []any{c.Reference}, Nav: "cases"},
		Case:     c, Retention: rec, CanReview: crosscase.CanReviewRetention(crosscase.UserFromContext(r.Context()), c),
		Dates: dates, Review: review,
	})
}

// handleRetentionDatesPage records a case's Art. 29(1) dates.
func (s *Server) handleRetentionDatesPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	var d crosscase.RetentionDates
	var err error
	for _, f := range []struct {
		name string
		to   *crosscase.Date
	}{{"time_barred_on", &d.TimeBarredOn}, {"final_decision_on", &d.FinalDecisionOn}, {"coordination_ended_on", &d.CoordinationEndedOn}, {"transmitted_on", &d.TransmittedOn}} {
		if *f.to, err = server.FormDate(v, f.name); err != nil {
			break
		}
	}
	if err == nil {
		_, err = s.Retention.SetRetentionDates(r.Context(), id, d)
	}
	if isFormError(err) {
		s.renderRetention(w, r, formStatus(err), id, newForm(v, err), nil)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(id, 10)+"/retention", "retention_dates_saved")
}

// handleRetentionReviewPage records a review. The reasons come in field
// review_reason: "reason" is the audit log's reason of every form.
func (s *Server) handleRetentionReviewPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	rv := &crosscase.RetentionReview{Decision: crosscase.ReviewDecision(server.FormText(v, "decision")), Reason: server.FormText(v, "review_reason")}
	var err error
	if rv.Decision == crosscase.ReviewKeep {
		rv.KeepUntil, err = server.FormDate(v, "keep_until")
	}
	if err == nil {
		_, err = s.Retention.ReviewRetention(r.Context(), id, rv)
	}
	err = recordReason(err, "review_reason")
	if isFormError(err) {
		s.renderRetention(w, r, formStatus(err), id, nil, newForm(v, err))
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	flash := "retention_kept"
	if rv.Decision == crosscase.ReviewDelete {
		flash = "retention_erased"
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(id, 10)+"/retention", flash)
}

// handleAcquittalPage deletes a person on a final acquittal.
func (s *Server) handleAcquittalPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	caseID, err := formCaseID(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	on, err := server.FormDate(v, "final_on")
	if err == nil {
		err = s.Retention.RecordAcquittal(r.Context(), caseID, id, on)
	}
	if isFormError(err) {
		// The entity's page again, the acquittal form with what was
		// typed and why it was refused: nothing was deleted.
		e, c, ferr := s.findOwnedEntity(r)
		if ferr != nil {
			s.Error(w, r, ferr)
			return
		}
		s.renderEntityForm(w, r, formStatus(err), c, e, e.Kind, newForm(entityValues(e), nil), newForm(v, err))
		return
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, caseAnchor(caseID, "entities"), "acquittal_recorded")
}

// handleRetentionDuePage lists the desk's reviews and deletions due.
func (s *Server) handleRetentionDuePage(w http.ResponseWriter, r *http.Request) {
	const days = 90
	list, err := s.Retention.FindRetentionDue(r.Context(), days)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &retentionDuePage{pageBase: pageBase{Title: "Retention", Nav: "retention"}, Days: days, Due: list}
	p.Due, p.More = firstShown(list, retentionDueShown, r.URL.Query().Get("all") == "1")
	s.render(w, r, http.StatusOK, "retention_due.html", p)
}

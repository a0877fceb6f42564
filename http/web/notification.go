package web

import (
	"net/http"
	"regexp"

	"crosscase"
	"crosscase/locale"
)

// notificationSubjects are the subjects the store writes for the commoner
// kinds of notification, as patterns, with the format each is written
// from in the reader's language; a subject that fits none is shown as
// the store wrote it.
var notificationSubjects = []struct {
	kind    string
	pattern *regexp.Regexp
	format  string
}{
	{crosscase.NotifyNotice, regexp.MustCompile(`^New notice from (.+)$`), "New notice from %s"},
	{crosscase.NotifyJITSetUp, regexp.MustCompile(`^JIT set up: (.+)$`), "JIT set up: %s"},
	{crosscase.NotifyJITCaseLinked, regexp.MustCompile(`^Case (\S+) linked to (.+)$`), "Case %s linked to %s"},
	{crosscase.NotifyEvidence, regexp.MustCompile(`^Evidence to download in (.+)$`), "Evidence to download in %s"},
	{"", regexp.MustCompile(`^Case unlinked from (.+)$`), "Case unlinked from %s"},
}

// notificationSubject writes n's subject in p's language where its kind
// has a format, else as the store wrote it.
func notificationSubject(p *locale.Printer, n *crosscase.Notification) string {
	for _, ns := range notificationSubjects {
		if ns.kind != "" && ns.kind != n.Kind {
			continue
		}
		if m := ns.pattern.FindStringSubmatch(n.Subject); m != nil {
			args := make([]any, len(m)-1)
			for i, v := range m[1:] {
				args[i] = v
			}
			return p.T(ns.format, args...)
		}
	}
	return n.Subject
}

type notificationsPage struct {
	pageBase
	Notifications []*crosscase.Notification
}

// handleNotificationsPage shows the desk's inbox: what the system told the
// desk (a JIT set up with its country, a missed time limit, a notice).
func (s *Server) handleNotificationsPage(w http.ResponseWriter, r *http.Request) {
	list, err := s.Notifications.FindNotifications(r.Context(), false, 200)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notifications.html", &notificationsPage{
		pageBase: pageBase{Title: "Notifications", Nav: "notifications"}, Notifications: list})
}

// handleNotificationReadPage marks a notification read and follows its link.
func (s *Server) handleNotificationReadPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := parseForm(r); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Notifications.MarkNotificationRead(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

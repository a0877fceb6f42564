package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"crosscase"
)

// handleCalendarFeed serves GET /calendar/{token}.ics: the running legal
// clocks the token's user sees, as an iCalendar (RFC 5545) feed for a
// calendar application to subscribe to. The token in the path is the
// credential (calendar applications send no cookie or bearer token); an
// unknown or revoked token is a plain 404, like any unknown path.
func (s *Server) handleCalendarFeed(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("token"), ".ics")
	if !ok || s.Calendar == nil {
		http.NotFound(w, r)
		return
	}
	// A calendar application polls: an unchanged feed is answered 304
	// from a plain read, with no write and no audit entry; only a feed
	// that changed is read as an audited list (RFC 9110, 13.1.2).
	tag, err := s.Calendar.CalendarETag(r.Context(), token)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.Error(w, r, err) // 503 with Retry-After while the store cannot be reached
		return
	}
	etag := `"` + tag + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "no-cache, private")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	list, err := s.Calendar.CalendarDeadlines(r.Context(), token)
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.Error(w, r, err) // 503 with Retry-After while the store cannot be reached
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	_, _ = w.Write(icsFeed(list, s.Clock()))
}

// icsFeed renders deadlines as an iCalendar object: one event per clock,
// all-day (DTSTART;VALUE=DATE) on the last day of a day clock, at the
// moment it runs out (UTC date-time) for a 48-hour clock. Events name
// the instrument's reference, type and clock, never a person.
func icsFeed(list []*crosscase.Deadline, now time.Time) []byte {
	var b bytes.Buffer
	line := func(s string) { icsLine(&b, s) }
	stamp := now.UTC().Format("20060102T150405Z")
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//crosscase//Instrument deadlines//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + icsText("crosscase deadlines"))
	for _, d := range list {
		line("BEGIN:VEVENT")
		line("UID:instrument-" + strconv.FormatInt(d.InstrumentID, 10) + "-" + string(d.Clock) + "@crosscase")
		line("DTSTAMP:" + stamp)
		if d.Hours {
			t := d.DueAt.UTC()
			line("DTSTART:" + t.Format("20060102T150405Z"))
			line("DTEND:" + t.Add(30*time.Minute).Format("20060102T150405Z"))
		} else {
			line("DTSTART;VALUE=DATE:" + d.Due.Time().Format("20060102"))
			line("DTEND;VALUE=DATE:" + d.Due.AddDays(1).Time().Format("20060102"))
		}
		summary := d.Type.Label() + " " + d.Reference + ": " + d.Label
		if d.Overdue {
			summary = "OVERDUE: " + summary
		}
		line("SUMMARY:" + icsText(summary))
		desc := d.Type.Label() + " " + d.Reference + " (" + d.IssuingCountry + " to " + d.ExecutingCountry + "), case " + d.CaseReference + ".\n" +
			d.Label + " due " + d.Due.String()
		if d.Hours {
			desc += " at " + d.DueAt.UTC().Format("15:04") + " UTC"
		}
		desc += "."
		line("DESCRIPTION:" + icsText(desc))
		line("CATEGORIES:" + icsText(string(d.Type)))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

// icsText escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon,
// comma and newline.
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// icsLine writes one content line, folded so that no line is longer than
// 75 octets (RFC 5545, 3.1): continuation lines start with a space, and a
// UTF-8 sequence is never split. Lines end in CRLF.
func icsLine(b *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

// etagMatch reports whether the If-None-Match header inm names etag
// (a list of tags, weak or strong, or "*").
func etagMatch(inm, etag string) bool {
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

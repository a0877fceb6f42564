package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/http/server"
	"crosscase/locale"
	"crosscase/match"
)

// checkPage is the bulk check in three steps on one template: upload a
// CSV file, map its columns (listUpload, shared with the import into a
// case), read the hits.
type checkPage struct {
	pageBase
	listUpload
	Step      string // "upload", "map" or "result"
	Form      *formState
	Result    *server.CheckResult
	Threshold string
	// Unreadable are the rows of the list that could not be read: beside
	// the hits, or under the mapping when no row could be read.
	Unreadable []match.RowError
}

func (s *Server) renderCheck(w http.ResponseWriter, r *http.Request, status int, p *checkPage) {
	p.Title, p.Nav = "Check a list", "check"
	if p.Form == nil {
		p.Form = newForm(nil, nil)
	}
	p.setFields()
	s.render(w, r, status, "check.html", p)
}

// handleCheckPage shows the upload form. Only case-working roles check lists.
func (s *Server) handleCheckPage(w http.ResponseWriter, r *http.Request) {
	if err := crosscase.CanCheckList(crosscase.UserFromContext(r.Context())); err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderCheck(w, r, http.StatusOK, &checkPage{Step: "upload"})
}

// handleCheckUploadPage reads the uploaded file's header and first rows
// and shows the mapping step, guessing each column's field.
func (s *Server) handleCheckUploadPage(w http.ResponseWriter, r *http.Request) {
	if err := crosscase.CanCheckList(crosscase.UserFromContext(r.Context())); err != nil {
		s.Error(w, r, err)
		return
	}
	up, err := readListUpload(r, "Choose a CSV file to check (at most %d MiB).")
	if err != nil {
		s.renderCheck(w, r, formStatus(err), &checkPage{Step: "upload", Form: newForm(nil, err), listUpload: listUpload{Separator: up.Separator}})
		return
	}
	s.renderCheck(w, r, http.StatusOK, &checkPage{Step: "map", listUpload: up})
}

// handleCheckRunPage runs the check with the mapping chosen and shows the
// hits, or sends them as CSV.
func (s *Server) handleCheckRunPage(w http.ResponseWriter, r *http.Request) {
	if err := crosscase.CanCheckList(crosscase.UserFromContext(r.Context())); err != nil {
		s.Error(w, r, err)
		return
	}
	v := r.PostForm
	up, data, m, err := readListMapping(v)
	if data == nil {
		s.renderCheck(w, r, http.StatusUnprocessableEntity, &checkPage{Step: "upload", Form: newForm(nil, err)})
		return
	}
	threshold := 0
	if t := v.Get("threshold"); t != "" {
		var terr error
		if threshold, terr = strconv.Atoi(t); terr != nil {
			threshold = -1
		}
	}
	remap := func(err error) {
		s.renderCheck(w, r, formStatus(err), &checkPage{Step: "map", Form: newForm(nil, err), listUpload: up, Threshold: v.Get("threshold")})
	}
	if err != nil {
		remap(err)
		return
	}
	rows, unreadable, err := server.ReadCheckRows(bytes.NewReader(data), m)
	if err != nil && len(unreadable) > 0 {
		// No row could be read: each is listed with its line, in the
		// reader's language, as beside the hits.
		s.renderCheck(w, r, formStatus(err), &checkPage{Step: "map", Form: newForm(nil, crosscase.FieldErrorf("body", noRowReadable)),
			listUpload: up, Threshold: v.Get("threshold"), Unreadable: unreadable})
		return
	}
	if err != nil {
		remap(err)
		return
	}
	res, err := s.BulkCheck(r.Context(), rows, unreadable, threshold)
	if err != nil {
		// Over the rows a day: the mapping stays, to check a shorter list
		// or the same one tomorrow.
		if isFormError(err) || crosscase.ErrorCode(err) == crosscase.ETOOMANY {
			remap(err)
			return
		}
		s.Error(w, r, err)
		return
	}
	if v.Get("format") == "csv" {
		server.WriteCheckCSV(w, res)
		return
	}
	s.renderCheck(w, r, http.StatusOK, &checkPage{Step: "result", Result: res, listUpload: up, Threshold: v.Get("threshold"), Unreadable: res.Unreadable})
}

// noRowReadable is the refusal of a list of which no row could be read.
const noRowReadable = "No row of the file could be read, so nothing was checked."

// rowErrorFormats are the messages of a row of a list that could not be
// read (match.RowErrorKind), as a page writes them in its reader's
// language from the row error's Args; a text refused as the store
// refuses it (match.RowText) is written as the store's refusal.
var rowErrorFormats = map[match.RowErrorKind]string{
	match.RowCSV:             "The row cannot be read as CSV.",
	match.RowCSVQuote:        "The row cannot be read as CSV: a quotation mark is out of place (a field with quotation marks is written between quotation marks, its own doubled).",
	match.RowFieldCount:      "The row has %s; the header names %s.", // each count a crosscase.Count
	match.RowNotUTF8:         "The text is not valid UTF-8.",
	match.RowCountry:         "%q is not an ISO 3166-1 alpha-2 country code.",
	match.RowEntityKind:      "%q is not an entity kind.",
	match.RowAddressTooLong:  "The address is longer than %d characters.",
	match.RowIDNumberKind:    "Only a person has an identity number.",
	match.RowIDNumberNoName:  "An identity number is checked with the person's name: the row has none.",
	match.RowIDNumberTooLong: "The identity number is longer than %d characters.",
	match.RowPersonName:      "A person needs a name.",
	match.RowBirthDate:       "%q is not a date from 1900 to 2200 written YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or DD/MM/YYYY.",
	match.RowBirthYear:       "%q is not a year between 1900 and 2200.",
	match.RowNationality:     "%q is not an ISO 3166-1 alpha-2 country code.",
	match.RowName:            "The row has no name, which its kind (%s) needs.",
	match.RowValueKind:       "A value needs the row's kind (phone, iban, vehicle, …).",
	match.RowNothingToCheck:  "The row has no name or identifier to check.",
	match.RowMore:            "%d more rows were left out.",
}

// rowErrorText is why a row of a list could not be read, in p's
// language, after its line and column: "Ligne 4, colonne dob : …". A
// reason of no known kind is written as match wrote it.
func rowErrorText(p *locale.Printer, e match.RowError) string {
	format, ok := rowErrorFormats[e.Kind]
	var text string
	switch {
	case e.Kind == match.RowText && len(e.Args) == 1:
		err, _ := e.Args[0].(error)
		text = errorText(p, err)
	case !ok:
		text = e.Message
	case e.Kind == match.RowName && len(e.Args) == 1:
		k, _ := e.Args[0].(crosscase.EntityKind)
		text = p.T(format, p.T(entityKindLabel(k)))
	case strings.Contains(format, "%"):
		text = p.T(format, localArgs(p, e.Args)...)
	default:
		text = p.T(format)
	}
	switch {
	case e.Line == 0:
		return text
	case e.Column == "":
		return p.T("Line %d: %s", e.Line, text)
	}
	return p.T("Line %d, column %s: %s", e.Line, e.Column, text)
}

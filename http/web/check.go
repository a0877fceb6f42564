package web

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/http/server"
	"crosscase/locale"
	"crosscase/match"
)

// checkPage is the bulk check in three steps on one template: upload a
// CSV file, map its columns, read the hits. The file travels in the
// mapping form itself, so the server never stores the list.
type checkPage struct {
	pageBase
	Step      string // "upload", "map" or "result"
	Form      *formState
	Columns   []checkColumn
	Sample    [][]string
	Data      string // the uploaded file, base64, carried by the mapping form
	Separator string
	Fields    []option // the fields a column can be mapped to: code and label
	Result    *server.CheckResult
	Threshold string
	// Unreadable are the rows of the list that could not be read: beside
	// the hits, or under the mapping when no row could be read.
	Unreadable []match.RowError
}

// checkColumn is a column of the uploaded file and the field it maps to.
type checkColumn struct {
	Index  int
	Header string
	Field  string
}

// bulkFieldLabels name the fields a column can be mapped to on the page;
// the page writes the code too, as the command line's and the API's map
// name it.
var bulkFieldLabels = map[string]string{
	match.FieldID: "Reference", match.FieldKind: "Kind", match.FieldGivenName: "Given names", match.FieldFamilyName: "Family name",
	match.FieldFullName: "Full name", match.FieldName: "Name", match.FieldBirthDate: "Date of birth", match.FieldBirthYear: "Year of birth",
	match.FieldNationality: "Nationality", match.FieldIDNumber: "Identity number", match.FieldAddress: "Address", match.FieldPhone: "Phone number",
	match.FieldEmail: "E-mail address", match.FieldIBAN: "Bank account (IBAN)", match.FieldValue: "Value", match.FieldCountry: "Country",
}

// bulkFieldNames are the fields a column can be mapped to, in form order.
var bulkFieldNames = []string{"", match.FieldID, match.FieldKind, match.FieldGivenName, match.FieldFamilyName, match.FieldFullName, match.FieldName,
	match.FieldBirthDate, match.FieldBirthYear, match.FieldNationality, match.FieldIDNumber, match.FieldAddress, match.FieldPhone, match.FieldEmail, match.FieldIBAN, match.FieldValue, match.FieldCountry}

func (s *Server) renderCheck(w http.ResponseWriter, r *http.Request, status int, p *checkPage) {
	p.Title, p.Nav = "Check a list", "check"
	if p.Form == nil {
		p.Form = newForm(nil, nil)
	}
	p.Fields = make([]option, 0, len(bulkFieldNames))
	for _, f := range bulkFieldNames {
		p.Fields = append(p.Fields, option{f, bulkFieldLabels[f]})
	}
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
	sep := r.PostFormValue("separator")
	fail := func(err error) {
		s.renderCheck(w, r, formStatus(err), &checkPage{Step: "upload", Form: newForm(nil, err), Separator: sep})
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		fail(crosscase.FieldErrorf("file", "Choose a CSV file to check (at most %d MiB).", server.MaxUploadBytes>>20))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		fail(crosscase.FieldErrorf("file", "The file could not be read."))
		return
	}
	comma, err := match.Separator(sep)
	if err != nil {
		fail(err)
		return
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil || len(header) == 0 {
		fail(crosscase.FieldErrorf("file", "The file has no header line naming its columns."))
		return
	}
	p := &checkPage{Step: "map", Data: base64.StdEncoding.EncodeToString(data), Separator: sep}
	for i, h := range header {
		p.Columns = append(p.Columns, checkColumn{Index: i, Header: strings.TrimSpace(h), Field: guessField(h)})
	}
	for len(p.Sample) < 3 {
		rec, err := cr.Read()
		if err != nil {
			break
		}
		p.Sample = append(p.Sample, append([]string(nil), rec...))
	}
	s.renderCheck(w, r, http.StatusOK, p)
}

// guessField proposes a field for a column header.
func guessField(header string) string {
	h := strings.ToLower(strings.TrimSpace(header))
	h = strings.NewReplacer(" ", "_", "-", "_", ".", "").Replace(h)
	switch h {
	case "id", "ref", "reference", "rec_id", "record", "row":
		return match.FieldID
	case "given_name", "first_name", "firstname", "forename", "given", "vorname", "prenom", "nome":
		return match.FieldGivenName
	case "family_name", "surname", "last_name", "lastname", "nachname", "nom", "cognome":
		return match.FieldFamilyName
	case "name", "full_name", "fullname":
		return match.FieldFullName
	case "company", "organisation", "organization", "firm":
		return match.FieldName
	case "birth_date", "date_of_birth", "dob", "born", "birthdate":
		return match.FieldBirthDate
	case "birth_year", "year_of_birth", "yob":
		return match.FieldBirthYear
	case "nationality", "citizenship":
		return match.FieldNationality
	case "id_number", "idnumber", "national_id", "national_id_number", "identity_number", "id_card", "passport", "passport_no",
		"passport_number", "document_number", "doc_number", "soc_sec_id", "ssn", "social_security_number", "personal_number", "tax_code":
		return match.FieldIDNumber
	case "address", "street", "address_1", "address_2", "address1", "address2", "street_address", "suburb", "city", "town",
		"postcode", "post_code", "postal_code", "zip", "zip_code", "zipcode":
		return match.FieldAddress
	case "phone", "telephone", "tel", "mobile", "msisdn":
		return match.FieldPhone
	case "email", "e_mail", "mail":
		return match.FieldEmail
	case "iban", "account", "bank_account":
		return match.FieldIBAN
	case "country":
		return match.FieldCountry
	case "kind", "type":
		return match.FieldKind
	}
	return ""
}

// handleCheckRunPage runs the check with the mapping chosen and shows the
// hits, or sends them as CSV.
func (s *Server) handleCheckRunPage(w http.ResponseWriter, r *http.Request) {
	if err := crosscase.CanCheckList(crosscase.UserFromContext(r.Context())); err != nil {
		s.Error(w, r, err)
		return
	}
	v := r.PostForm
	data, err := base64.StdEncoding.DecodeString(v.Get("data"))
	if err != nil || len(data) == 0 {
		s.renderCheck(w, r, http.StatusUnprocessableEntity, &checkPage{Step: "upload", Form: newForm(nil, crosscase.FieldErrorf("file", "Upload the file again."))})
		return
	}
	sep := v.Get("separator")
	var pairs []string
	var columns []checkColumn
	comma, err := match.Separator(sep)
	if err != nil {
		comma = ','
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, _ := cr.Read()
	for i, h := range header {
		field := v.Get("col" + strconv.Itoa(i))
		columns = append(columns, checkColumn{Index: i, Header: strings.TrimSpace(h), Field: field})
		if field != "" {
			pairs = append(pairs, strings.TrimSpace(h)+"="+field)
		}
	}
	threshold := 0
	if t := v.Get("threshold"); t != "" {
		threshold, err = strconv.Atoi(t)
		if err != nil {
			threshold = -1
		}
	}
	remap := func(err error) {
		s.renderCheck(w, r, formStatus(err), &checkPage{Step: "map", Form: newForm(nil, err), Columns: columns, Data: v.Get("data"), Separator: sep, Threshold: v.Get("threshold")})
	}
	m, err := server.ParseMapping(strings.Join(pairs, ","), "", sep)
	if err != nil {
		remap(err)
		return
	}
	rows, unreadable, err := server.ReadCheckRows(bytes.NewReader(data), m)
	if err != nil && len(unreadable) > 0 {
		// No row could be read: each is listed with its line, in the
		// reader's language, as beside the hits.
		s.renderCheck(w, r, formStatus(err), &checkPage{Step: "map", Form: newForm(nil, crosscase.FieldErrorf("body", noRowReadable)),
			Columns: columns, Data: v.Get("data"), Separator: sep, Threshold: v.Get("threshold"), Unreadable: unreadable})
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
	s.renderCheck(w, r, http.StatusOK, &checkPage{Step: "result", Result: res, Columns: columns, Data: v.Get("data"), Separator: sep, Threshold: v.Get("threshold"),
		Unreadable: res.Unreadable})
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
	match.RowFieldCount:      "The row has %d fields; the header names %d columns.",
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
		text = p.T(format, e.Args...)
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

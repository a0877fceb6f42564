package web

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/http/server"
	"crosscase/match"
)

// listUpload is a CSV list of people and identifiers uploaded to a page
// that reads one — the bulk check (/checks) and the import into a case
// (/cases/{id}/import) — in two steps: upload the file, then map its
// columns. The file travels in the mapping form itself (Data, base64),
// so the server never stores it. The partials "list-upload" and
// "list-map" draw the two steps' forms from it.
type listUpload struct {
	Columns   []listColumn
	Sample    [][]string // the first rows of the file, to map its columns by
	Data      string     // the uploaded file, base64, carried by the mapping form
	Separator string
	Fields    []option // the fields a column can be mapped to: code and label
}

// listColumn is a column of an uploaded file and the field it maps to.
type listColumn struct {
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

// setFields fills the choices of the mapping's selects.
func (l *listUpload) setFields() {
	l.Fields = make([]option, 0, len(bulkFieldNames))
	for _, f := range bulkFieldNames {
		l.Fields = append(l.Fields, option{f, bulkFieldLabels[f]})
	}
}

// readListUpload reads the file of an upload form (fields file and
// separator): its header, with a guess of each column's field, and its
// first rows. noFile is the refusal of a form without a file, a format
// of the upload limit in MiB. On a refusal the separator chosen is given
// back, for the form to show again.
func readListUpload(r *http.Request, noFile string) (listUpload, error) {
	up := listUpload{Separator: r.PostFormValue("separator")}
	f, _, err := r.FormFile("file")
	if err != nil {
		return up, crosscase.FieldErrorf("file", noFile, server.MaxUploadBytes>>20)
	}
	if n := len(r.MultipartForm.File["file"]); n > 1 {
		// The form sends one; reading the first would drop the others
		// without a word.
		f.Close()
		return up, crosscase.FieldErrorf("file", "The form sent %d files; send one list at a time.", n)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return up, crosscase.FieldErrorf("file", "The file could not be read.")
	}
	if err := match.CheckEncoding(data); err != nil {
		return up, fileError(err)
	}
	cr, err := listReader(data, up.Separator)
	if err != nil {
		return up, err
	}
	header, err := cr.Read()
	if err != nil || len(header) == 0 {
		return up, crosscase.FieldErrorf("file", "The file has no header line naming its columns.")
	}
	if err := checkListColumns(len(header)); err != nil {
		return up, err
	}
	comma, _ := match.Separator(up.Separator)
	if err := match.CheckSeparator(header, comma); err != nil {
		return up, err
	}
	up.Data = base64.StdEncoding.EncodeToString(data)
	for i, h := range header {
		up.Columns = append(up.Columns, listColumn{Index: i, Header: strings.TrimSpace(h), Field: guessField(h)})
	}
	up.Sample = listSample(cr)
	return up, nil
}

// fileError is err, a refusal of the file that the API names body, naming
// the form's file field instead.
func fileError(err error) error {
	var e *crosscase.Error
	if errors.As(err, &e) && e.Field == "body" {
		c := *e
		c.Field = "file"
		return &c
	}
	return err
}

// MaxListColumns is how many columns a list read on a page may have: the
// mapping step draws a choice of field for each, with the file's first
// rows beside it, a page about 1.3 KB a column (a header of 200,000 short
// columns, a file of 2 MB, drew a page of 270 MB). The API and the
// command line, which draw none, read wider files.
const MaxListColumns = 500

// checkListColumns refuses a list of n columns, over MaxListColumns,
// naming the file.
func checkListColumns(n int) error {
	if n > MaxListColumns {
		return crosscase.FieldErrorf("file", "The file has %d columns, more than the %d this page maps: leave out those you do not need, or send it through the API or the command line.", n, MaxListColumns)
	}
	return nil
}

// listSample reads the rows the mapping shows beside the columns: the
// first three after the header that cr, past it, can read.
func listSample(cr *csv.Reader) [][]string {
	var out [][]string
	for len(out) < 3 {
		rec, err := cr.Read()
		if err != nil {
			break
		}
		out = append(out, append([]string(nil), rec...))
	}
	return out
}

// listReader reads data, a file separated by the separator named sep,
// line by line as the mapping step shows it (a carriage return alone
// ends a line, match.LineEnds): without the byte order mark
// a spreadsheet writes before a UTF-8 file, which match.ReadCSV ignores
// too, so that the first column's header is shown, guessed and mapped as
// it reads.
func listReader(data []byte, sep string) (*csv.Reader, error) {
	comma, err := match.Separator(sep)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(match.LineEnds(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	return cr, nil
}

// readListMapping reads a mapping form (data, separator and col0, col1 …
// naming each column's field): the file, and the mapping as the command
// line's and the API's map would give it. The columns with the fields
// chosen, and the file's first rows, come back with a refusal of the
// mapping, for the form to show again as it was; a form without the file
// (data) is refused naming file, with data nil, for the upload step to
// be shown again. The routes that read it take server.ListForms, the
// base64 of any file the upload took.
func readListMapping(v url.Values) (up listUpload, data []byte, m match.Mapping, err error) {
	up = listUpload{Data: v.Get("data"), Separator: v.Get("separator")}
	data, err = base64.StdEncoding.DecodeString(up.Data)
	if err != nil || len(data) == 0 {
		return listUpload{}, nil, m, crosscase.FieldErrorf("file", "Upload the file again.")
	}
	cr, err := listReader(data, up.Separator)
	if err != nil {
		cr, _ = listReader(data, ",") // the columns as best they can be read, beside the refusal
	}
	var pairs []string
	header, _ := cr.Read()
	if cerr := checkListColumns(len(header)); cerr != nil {
		// A file the upload would have refused: refused so again.
		return listUpload{}, nil, m, cerr
	}
	for i, h := range header {
		field := v.Get("col" + strconv.Itoa(i))
		up.Columns = append(up.Columns, listColumn{Index: i, Header: strings.TrimSpace(h), Field: field})
		if field != "" {
			pairs = append(pairs, strings.TrimSpace(h)+"="+field)
		}
	}
	up.Sample = listSample(cr)
	if err != nil {
		return up, data, m, err
	}
	m, err = server.ParseMapping(strings.Join(pairs, ","), "", up.Separator)
	return up, data, m, err
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
	case "phone", "telephone", "tel", "mobile", "msisdn", "landline", "phone_2", "mobile_2":
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

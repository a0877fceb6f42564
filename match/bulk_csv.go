package match

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"crosscase"
)

// Fields of bulk input that a Mapping can give a column.
const (
	FieldID          = "id"          // the row's reference in the sender's system, returned with the hits
	FieldGivenName   = "given_name"  // person
	FieldFamilyName  = "family_name" // person
	FieldFullName    = "full_name"   // person, split into given and family name
	FieldName        = "name"        // company or group (a company unless the kind column says ocg)
	FieldBirthDate   = "birth_date"  // YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or DD/MM/YYYY
	FieldBirthYear   = "birth_year"  // when only the year is known
	FieldNationality = "nationality" // ISO 3166-1 alpha-2
	FieldIDNumber    = "id_number"   // person: an identity number or identity document number
	FieldAddress     = "address"     // person or company: an address (several columns allowed, joined in file order)
	FieldPhone       = "phone"       // a phone number (several columns allowed)
	FieldEmail       = "email"       // an e-mail address (several columns allowed)
	FieldIBAN        = "iban"        // a bank account (several columns allowed)
	FieldValue       = "value"       // an identifier of the row's kind (several columns allowed)
	FieldKind        = "kind"        // the entity kind of the row: person, company, ocg, phone, …
	FieldCountry     = "country"     // where identifiers were issued, companies registered
)

// multiFields may be given to several columns.
var multiFields = []string{FieldPhone, FieldEmail, FieldIBAN, FieldValue, FieldAddress}

// bulkFields lists every field, in the order error messages name them.
var bulkFields = []string{FieldID, FieldKind, FieldGivenName, FieldFamilyName, FieldFullName, FieldName, FieldBirthDate,
	FieldBirthYear, FieldNationality, FieldIDNumber, FieldAddress, FieldPhone, FieldEmail, FieldIBAN, FieldValue, FieldCountry}

// Mapping says which CSV column holds which field.
type Mapping struct {
	// Columns maps a header of the file (compared without surrounding
	// spaces and case) to a field (FieldGivenName, …).
	Columns map[string]string
	// IDColumn is the column given apart as the id column (ParseMapping's
	// idColumn), so that a refusal of it names that parameter.
	IDColumn string
	// Comma separates fields; 0 means ','. Spreadsheets in much of Europe
	// write ';'.
	Comma rune
}

// Row is one record read from bulk input: a row of the file yields one
// record per thing it describes (a person, their phone, their e-mail …),
// each with the row's line and id.
type Row struct {
	Line   int    // line of the file where the row starts; the header is line 1
	ID     string // the row's id column, "" when not mapped
	Record Record
}

// Records returns the records of rows, in order, for BulkCheck; a hit's
// Row indexes rows too.
func Records(rows []Row) []Record {
	out := make([]Record, len(rows))
	for i := range rows {
		out[i] = rows[i].Record
	}
	return out
}

// RowError is a row of bulk input that was left out, and why.
type RowError struct {
	Line    int    `json:"line"`   // 0 for a note on the whole file
	Column  string `json:"column"` // the header of the column at fault, "" for the whole row
	Message string `json:"message"`
	// Kind says why, stably, and Args are the values its message takes
	// (the format of Kind.Format for most kinds; the store's refusal of
	// the text for RowText), so that a page writes the reason in its
	// reader's language; Message is in English, for the API and the
	// command line.
	Kind RowErrorKind `json:"-"`
	Args []any        `json:"-"`
}

// RowErrorKind is why a row of bulk input was left out.
type RowErrorKind string

// The reasons a row is left out.
const (
	RowCSV             RowErrorKind = "csv"                // not CSV; Args: the CSV reader's error
	RowCSVQuote        RowErrorKind = "csv_quote"          // a quotation mark out of place; Args: the CSV reader's error
	RowFieldCount      RowErrorKind = "field_count"        // Args: the row's fields, the header's columns (crosscase.Count)
	RowNotUTF8         RowErrorKind = "not_utf8"           // a mapped cell is not UTF-8
	RowText            RowErrorKind = "text"               // a mapped cell is too long or holds a control character; Args: crosscase.CheckText's error
	RowCountry         RowErrorKind = "country"            // Args: the value
	RowEntityKind      RowErrorKind = "entity_kind"        // Args: the value
	RowAddressTooLong  RowErrorKind = "address_too_long"   // Args: the limit
	RowIDNumberKind    RowErrorKind = "id_number_kind"     // an identity number on a row of another kind than person
	RowIDNumberNoName  RowErrorKind = "id_number_no_name"  // an identity number without a name
	RowIDNumberTooLong RowErrorKind = "id_number_too_long" // Args: the limit
	RowPersonName      RowErrorKind = "person_name"        // a person without a name
	RowBirthDate       RowErrorKind = "birth_date"         // Args: the value
	RowBirthYear       RowErrorKind = "birth_year"         // Args: the value
	RowNationality     RowErrorKind = "nationality"        // Args: the value
	RowName            RowErrorKind = "name"               // a company, organisation or the like without a name; Args: its kind
	RowValueKind       RowErrorKind = "value_kind"         // a value on a row that says no kind of value
	RowNothingToCheck  RowErrorKind = "nothing_to_check"   // no name or identifier
	RowMore            RowErrorKind = "more"               // Line 0: more rows were left out than are listed; Args: how many
)

// rowErrorFormats are the English messages of the kinds, as fmt formats
// of their Args.
var rowErrorFormats = map[RowErrorKind]string{
	RowCSV:             "The row cannot be read as CSV: %v.",
	RowCSVQuote:        "The row cannot be read as CSV: %v.",
	RowFieldCount:      "The row has %s; the header names %s.",
	RowNotUTF8:         "The text is not valid UTF-8.",
	RowText:            "%v", // the refusal's message (crosscase.ErrorMessage)
	RowCountry:         "%q is not an ISO 3166-1 alpha-2 country code.",
	RowEntityKind:      "%q is not an entity kind.",
	RowAddressTooLong:  "The address is longer than %d characters.",
	RowIDNumberKind:    "Only a person has an identity number.",
	RowIDNumberNoName:  "An identity number is checked with the person's name: the row has none.",
	RowIDNumberTooLong: "The identity number is longer than %d characters.",
	RowPersonName:      "A person needs a name.",
	RowBirthDate:       "%q is not a date from 1900 to 2200 written YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or DD/MM/YYYY",
	RowBirthYear:       "%q is not a year between 1900 and 2200.",
	RowNationality:     "%q is not an ISO 3166-1 alpha-2 country code.",
	RowName:            "A %s needs a name.",
	RowValueKind:       "A value needs the row's kind (phone, iban, vehicle, …).",
	RowNothingToCheck:  "The row has no name or identifier to check.",
	RowMore:            "%d more rows were left out.",
}

// RowErrorKinds are the kinds of RowError, for a page to give each a
// message of its language.
func RowErrorKinds() []RowErrorKind {
	kinds := make([]RowErrorKind, 0, len(rowErrorFormats))
	for k := range rowErrorFormats {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

// rowError is the RowError of kind at line and column, its message
// written from the kind's format.
func rowError(line int, column string, kind RowErrorKind, args ...any) RowError {
	msg := fmt.Sprintf(rowErrorFormats[kind], args...)
	if kind == RowMore && len(args) == 1 {
		n, _ := args[0].(int)
		msg = crosscase.CountInEnglish(rowErrorFormats[kind], int64(n), args...) // "1 more row was left out."
	}
	if kind == RowText && len(args) == 1 {
		if err, ok := args[0].(error); ok {
			msg = crosscase.ErrorMessage(err) // without the field the store named
		}
	}
	return RowError{Line: line, Column: column, Kind: kind, Args: args, Message: msg}
}

// Error describes e with its line and column.
func (e RowError) Error() string {
	switch {
	case e.Line == 0:
		return e.Message
	case e.Column == "":
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	default:
		return fmt.Sprintf("line %d, column %q: %s", e.Line, e.Column, e.Message)
	}
}

// Bulk input limits.
const (
	DefaultMaxCSVRows = 1_000_000 // ReadCSV's maxRows when it is zero or less
	MaxCSVLineBytes   = 64 << 10  // the longest line ReadCSV accepts
	MaxRowErrors      = 1000      // row errors listed; more are counted in one last note
)

// ReadCSV reads bulk input: a header line, then one entity or several per
// row, with the columns m names. It returns the rows it could read and the
// rows it left out with their reason (invalid UTF-8 or control
// characters, a field too long, a date, year or country code it cannot
// read, an unknown kind, a row with nothing to check). Spaces after a
// separator are ignored, and so is a byte order mark.
//
// The error is an EINVALID *crosscase.Error when m names a field that
// does not exist or a column the header lacks (field "map", as
// ParseMapping's, or "id_column" for the id column), or the file has no
// header (field "map"); ETOOLARGE when the file has more than maxRows rows
// (DefaultMaxCSVRows when maxRows ≤ 0) or a line longer than
// MaxCSVLineBytes; then no rows are returned.
//
// A full name is split in two: "Family, Given"; else the words in capitals
// ("ROSSI Mario") are the family name; else the last word with the
// particles before it ("Jan van der Berg") is.
func ReadCSV(r io.Reader, m Mapping, maxRows int) ([]Row, []RowError, error) {
	if maxRows <= 0 {
		maxRows = DefaultMaxCSVRows
	}
	br := bufio.NewReader(r)
	if prefix, _ := br.Peek(2); CheckEncoding(prefix) != nil {
		return nil, nil, CheckEncoding(prefix)
	}
	lr := &lineLimitReader{r: LineEnds(br), max: MaxCSVLineBytes}
	cr := csv.NewReader(lr)
	if m.Comma != 0 {
		cr.Comma = m.Comma
	}
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err != nil {
		if e := lr.tooLong(err); e != nil {
			return nil, nil, e
		}
		if errors.Is(err, io.EOF) {
			return nil, nil, crosscase.FieldErrorf("map", "The file is empty; it needs a header line naming its columns.")
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, nil, crosscase.FieldErrorf("map", "The header line cannot be read: %v.", pe.Err)
		}
		return nil, nil, fmt.Errorf("read csv header: %w", err)
	}
	header = slices.Clone(header)
	cols, err := bindColumns(header, m)
	if err != nil {
		if serr := CheckSeparator(header, m.Comma); serr != nil {
			return nil, nil, serr
		}
		return nil, nil, err
	}

	var (
		rows    []Row
		errs    []RowError
		dropped int
		n       int
	)
	addErr := func(e RowError) {
		if len(errs) < MaxRowErrors {
			errs = append(errs, e)
		} else {
			dropped++
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if e := lr.tooLong(err); e != nil {
			return nil, nil, e
		}
		n++
		if n > maxRows {
			return nil, nil, crosscase.Errorf(crosscase.ETOOLARGE, "The file has more than %d rows; split it.", maxRows)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			kind := RowCSV
			if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
				kind = RowCSVQuote
			}
			addErr(rowError(pe.StartLine, "", kind, pe.Err))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(cols.header) {
			// A ragged row: its fields cannot be told apart from their
			// neighbours', so it is refused rather than cut or padded.
			addErr(rowError(line, "", RowFieldCount, crosscase.Count{Format: "%d fields", N: int64(len(rec))}, crosscase.Count{Format: "%d columns", N: int64(len(cols.header))}))
			continue
		}
		out, rerr := cols.row(rec, line)
		if rerr != nil {
			addErr(*rerr)
			continue
		}
		rows = append(rows, out...)
	}
	if dropped > 0 {
		errs = append(errs, rowError(0, "", RowMore, dropped))
	}
	return rows, errs, nil
}

// columns is a Mapping bound to a header: the column numbers of each field.
type columns struct {
	header []string
	idx    map[string][]int
	mapped []int // every mapped column, in file order
}

func bindColumns(header []string, m Mapping) (*columns, error) {
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if len(m.Columns) == 0 {
		return nil, crosscase.FieldErrorf("map", "The mapping names no column.")
	}
	c := &columns{header: header, idx: map[string][]int{}}
	fieldOf := map[int]string{} // column of the header → the field it is mapped to
	names := make([]string, 0, len(m.Columns))
	for col := range m.Columns {
		names = append(names, col)
	}
	slices.Sort(names) // the same error for the same mapping
	for _, col := range names {
		field := m.Columns[col]
		// A refusal names the query parameter that gave the column.
		param := "map"
		if col == m.IDColumn {
			param = "id_column"
		}
		if !slices.Contains(bulkFields, field) {
			return nil, crosscase.FieldErrorf(param, "Column %q is mapped to %q, which is not a field; the fields are %s.",
				col, field, strings.Join(bulkFields, ", "))
		}
		want := strings.TrimSpace(col)
		found := -1
		for i, h := range header {
			if strings.EqualFold(h, want) {
				if found >= 0 {
					return nil, crosscase.FieldErrorf(param, "The header has two columns called %q.", want)
				}
				found = i
			}
		}
		if found < 0 {
			return nil, crosscase.FieldErrorf(param, "Column %q is not in the file; its header has %s.", col, quoteList(header, 20))
		}
		if other, twice := fieldOf[found]; twice {
			// Two spellings of one header ("Mobile", "mobile").
			return nil, crosscase.FieldErrorf(param, "Column %q is mapped twice, to %s and to %s: a column holds one field.", header[found], other, field)
		}
		if len(c.idx[field]) > 0 && !slices.Contains(multiFields, field) {
			// A person has one name, one date of birth: several columns
			// may give only identifiers (a mobile and a landline) and
			// the address (README, "Import").
			first, second := header[c.idx[field][0]], header[found]
			if c.idx[field][0] > found {
				first, second = second, first
			}
			return nil, crosscase.FieldErrorf(param, "Columns %q and %q are both mapped to %s; only %s may be given to several columns.",
				first, second, field, strings.Join(multiFields, ", "))
		}
		fieldOf[found] = field
		c.idx[field] = append(c.idx[field], found)
	}
	for _, f := range multiFields {
		slices.Sort(c.idx[f]) // records of a row in the file's column order
	}
	for _, list := range c.idx {
		c.mapped = append(c.mapped, list...)
	}
	slices.Sort(c.mapped)
	return c, nil
}

func quoteList(list []string, max int) string {
	var b strings.Builder
	for i, s := range list {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(list)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(s))
	}
	if len(list) == 0 {
		return "no column"
	}
	return b.String()
}

// get returns the trimmed value of the field's first column in rec.
func (c *columns) get(rec []string, field string) (value, column string) {
	cols := c.idx[field]
	if len(cols) == 0 {
		return "", ""
	}
	i := cols[0]
	if i < len(rec) {
		return strings.TrimSpace(rec[i]), c.header[i]
	}
	return "", c.header[i]
}

// joined returns the trimmed, non-empty values of the field's columns in
// rec joined with ", ", and the header of its first column.
func (c *columns) joined(rec []string, field string) (value, column string) {
	var parts []string
	for _, i := range c.idx[field] {
		if column == "" {
			column = c.header[i]
		}
		if i < len(rec) {
			if v := strings.TrimSpace(rec[i]); v != "" {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, ", "), column
}

// row turns one CSV record into rows, or says why it cannot.
func (c *columns) row(rec []string, line int) ([]Row, *RowError) {
	bad := func(column string, kind RowErrorKind, args ...any) *RowError {
		e := rowError(line, column, kind, args...)
		return &e
	}
	// Every mapped cell must be clean text first.
	for _, i := range c.mapped {
		if i >= len(rec) {
			continue
		}
		if !utf8.ValidString(rec[i]) {
			return nil, bad(c.header[i], RowNotUTF8)
		}
		if err := crosscase.CheckText(c.header[i], strings.TrimSpace(rec[i]), 300, false); err != nil {
			return nil, bad(c.header[i], RowText, err)
		}
	}
	id, _ := c.get(rec, FieldID)
	country, countryCol := c.get(rec, FieldCountry)
	if country != "" {
		country = strings.ToUpper(country)
		if !crosscase.ValidCountryCode(country) {
			return nil, bad(countryCol, RowCountry, country)
		}
	}
	kindText, kindCol := c.get(rec, FieldKind)
	kind := crosscase.EntityKind(strings.ToLower(kindText))
	if kind != "" && !kind.Valid() {
		return nil, bad(kindCol, RowEntityKind, kindText)
	}

	var out []Row
	add := func(r Record) {
		r.Country = country
		out = append(out, Row{Line: line, ID: id, Record: r})
	}

	given, _ := c.get(rec, FieldGivenName)
	family, _ := c.get(rec, FieldFamilyName)
	if full, _ := c.get(rec, FieldFullName); full != "" && given == "" && family == "" && (kind == "" || kind == crosscase.KindPerson) {
		given, family = SplitFullName(full)
	}
	name, nameCol := c.get(rec, FieldName)
	address, addressCol := c.joined(rec, FieldAddress)
	if utf8.RuneCountInString(address) > crosscase.MaxAddressLen {
		return nil, bad(addressCol, RowAddressTooLong, crosscase.MaxAddressLen)
	}
	idNumber, idCol := c.get(rec, FieldIDNumber)
	if idNumber != "" && kind != "" && kind != crosscase.KindPerson {
		return nil, bad(idCol, RowIDNumberKind)
	}
	if idNumber != "" && given == "" && family == "" {
		return nil, bad(idCol, RowIDNumberNoName)
	}
	if utf8.RuneCountInString(idNumber) > crosscase.MaxIDNumberLen {
		return nil, bad(idCol, RowIDNumberTooLong, crosscase.MaxIDNumberLen)
	}
	switch {
	case kind == crosscase.KindPerson || (kind == "" && (given != "" || family != "")):
		if given == "" && family == "" {
			return nil, bad(kindCol, RowPersonName)
		}
		p := Record{Kind: crosscase.KindPerson, GivenName: given, FamilyName: family, IDNumber: idNumber, Address: address}
		if s, col := c.get(rec, FieldBirthDate); isYear(s) {
			// A birth date column often holds the year alone where the
			// day is not known.
			p.BirthYear, _ = strconv.Atoi(s)
		} else if s != "" {
			d, err := parseBulkDate(s)
			if err != nil {
				return nil, bad(col, RowBirthDate, s)
			}
			p.BirthDate = d
		} else if s, col := c.get(rec, FieldBirthYear); s != "" {
			y, err := strconv.Atoi(s)
			if err != nil || y < 1900 || y > 2200 {
				return nil, bad(col, RowBirthYear, s)
			}
			p.BirthYear = y
		}
		if s, col := c.get(rec, FieldNationality); s != "" {
			s = strings.ToUpper(s)
			if !crosscase.ValidCountryCode(s) {
				return nil, bad(col, RowNationality, s)
			}
			p.Nationality = s
		}
		add(p)
		if kind == "" && name != "" {
			add(Record{Kind: crosscase.KindCompany, Name: name})
		}
	case kind.IsNamed() || (kind == "" && name != ""):
		if name == "" {
			name, nameCol = c.get(rec, FieldFullName)
		}
		if name == "" {
			return nil, bad(nameCol, RowName, orKind(kind, crosscase.KindCompany))
		}
		add(Record{Kind: orKind(kind, crosscase.KindCompany), Name: name, Address: address})
	}
	for _, i := range c.idx[FieldValue] {
		if i >= len(rec) || strings.TrimSpace(rec[i]) == "" {
			continue
		}
		if kind == "" || kind == crosscase.KindPerson || kind.IsNamed() {
			return nil, bad(c.header[i], RowValueKind)
		}
		add(Record{Kind: kind, Value: strings.TrimSpace(rec[i])})
	}
	for _, f := range []struct {
		field string
		kind  crosscase.EntityKind
	}{{FieldPhone, crosscase.KindPhone}, {FieldEmail, crosscase.KindEmail}, {FieldIBAN, crosscase.KindIBAN}} {
		for _, i := range c.idx[f.field] {
			if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
				add(Record{Kind: f.kind, Value: strings.TrimSpace(rec[i])})
			}
		}
	}
	if len(out) == 0 {
		return nil, bad("", RowNothingToCheck)
	}
	return out, nil
}

// orKind returns k, or def when k is empty.
func orKind(k, def crosscase.EntityKind) crosscase.EntityKind {
	if k == "" {
		return def
	}
	return k
}

// isYear reports whether s is a year from 1900 to 2200 written alone.
func isYear(s string) bool {
	y, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && y >= 1900 && y <= 2200
}

// parseBulkDate reads YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or DD/MM/YYYY.
func parseBulkDate(s string) (crosscase.Date, error) {
	iso := s
	switch {
	case len(s) == 10 && (s[2] == '.' || s[2] == '/') && s[5] == s[2]:
		iso = s[6:10] + "-" + s[3:5] + "-" + s[0:2]
	case len(s) == 8 && strings.Trim(s, "0123456789") == "":
		iso = s[0:4] + "-" + s[4:6] + "-" + s[6:8]
	}
	d, err := crosscase.ParseDate(iso)
	if err != nil {
		return crosscase.Date{}, fmt.Errorf("%q is not a date from 1900 to 2200 written YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or DD/MM/YYYY", s)
	}
	return d, nil
}

// nameParticles are lower-case words that belong to the family name that
// follows them.
var nameParticles = []string{"de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van", "von", "zu", "ten", "ter", "y", "e", "al", "el", "bin", "ben", "ibn", "af", "av"}

// SplitFullName splits a full name into given and family name: "Family,
// Given"; else the words written in capitals are the family name ("ROSSI
// Mario"); else the last word with the lower-case particles before it
// ("Jan van der Berg", "José de la Cruz").
func SplitFullName(full string) (given, family string) {
	if f, g, ok := strings.Cut(full, ","); ok {
		return strings.Join(strings.Fields(g), " "), strings.Join(strings.Fields(f), " ")
	}
	words := strings.Fields(full)
	if len(words) <= 1 {
		return "", strings.Join(words, " ")
	}
	var caps, rest []string
	for _, w := range words {
		if isCapitals(w) {
			caps = append(caps, w)
		} else {
			rest = append(rest, w)
		}
	}
	if len(caps) > 0 && len(rest) > 0 {
		return strings.Join(rest, " "), strings.Join(caps, " ")
	}
	i := len(words) - 1
	for i > 1 && slices.Contains(nameParticles, words[i-1]) {
		i--
	}
	return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
}

// isCapitals reports whether w has at least two letters, all upper case.
func isCapitals(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// lineLimitReader fails once a line grows longer than max bytes, so that
// a file without line breaks cannot fill memory.
type lineLimitReader struct {
	r    io.Reader
	max  int
	cur  int // bytes since the last line break
	line int // lines seen
	err  *crosscase.Error
}

func (l *lineLimitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		if b == '\n' {
			l.cur = 0
			l.line++
			continue
		}
		if l.cur++; l.cur > l.max {
			l.err = crosscase.Errorf(crosscase.ETOOLARGE, "Line %d is longer than %d bytes.", l.line+1, l.max)
			return 0, l.err
		}
	}
	return n, err
}

// CheckEncoding refuses a file whose first bytes, prefix, are the byte
// order mark of UTF-16 text (what a spreadsheet's "Unicode text" writes),
// naming the body: read as UTF-8, every other byte of it is a NUL and no
// column of its header would be found.
func CheckEncoding(prefix []byte) error {
	if bytes.HasPrefix(prefix, []byte{0xff, 0xfe}) || bytes.HasPrefix(prefix, []byte{0xfe, 0xff}) {
		return crosscase.FieldErrorf("body", "The file is UTF-16 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8) and send it again.")
	}
	return nil
}

// CheckSeparator refuses, naming the separator, a header read as one
// column that holds another separator than comma (',' when 0): a file
// separated by ';' (a spreadsheet's CSV where the decimal mark is a
// comma) or by tabs, read with ','; or a file separated by ',' read with
// ';'. The separator is never guessed: the sender says it.
func CheckSeparator(header []string, comma rune) error {
	if comma == 0 {
		comma = ','
	}
	if len(header) != 1 {
		return nil
	}
	for _, c := range []rune{';', '\t', ','} {
		if c != comma && strings.ContainsRune(header[0], c) {
			return crosscase.FieldErrorf("separator", "The header is read as one column, %q: its columns seem separated by %s, not by %s; choose that separator.",
				crosscase.Clip(header[0]), separatorName(c), separatorName(comma))
		}
	}
	return nil
}

// separatorName writes a separator as a message names it, in the words
// of the pages' choice of separator (a page writes them in the reader's
// language).
func separatorName(c rune) crosscase.Label {
	switch c {
	case '\t':
		return "tab"
	case ';':
		return "semicolon ( ; )"
	}
	return "comma ( , )"
}

// LineEnds reads r with each line ended by a carriage return alone (the
// CSV of older Mac spreadsheets) ended by a line feed instead, which is
// what encoding/csv reads as a line's end; CR LF stays as it is. Without
// it such a file is one line, its header running into its rows.
func LineEnds(r io.Reader) io.Reader { return &lineEndReader{r: r} }

// lineEndReader is the reader LineEnds returns.
type lineEndReader struct {
	r      io.Reader
	lastCR bool // the last byte given was a CR made a LF
}

// Read reads from the underlying reader into p, each CR written as LF
// and the LF of a CR LF left out.
func (l *lineEndReader) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		out := 0
		for _, b := range p[:n] {
			switch {
			case b == '\r':
				b = '\n'
				l.lastCR = true
			case b == '\n' && l.lastCR:
				// The LF of a CR LF, whose CR was given as a LF.
				l.lastCR = false
				continue
			default:
				l.lastCR = false
			}
			p[out] = b
			out++
		}
		if out > 0 || err != nil || n == 0 {
			return out, err
		}
	}
}

// tooLong returns the line-length error when err comes from it.
func (l *lineLimitReader) tooLong(err error) error {
	if l.err != nil && err != nil {
		return l.err
	}
	return nil
}

// ParseMapping reads a column mapping written as "COLUMN=field,COLUMN=field"
// (the form of the command line's --map and the API's map parameter),
// with idColumn, when given, mapped to FieldID. A column named twice
// (its header compared without case), or the id column mapped to another
// field too, is refused naming it: a column holds one field. Several
// columns may hold one kind of identifier ("mobile=phone,landline=phone").
// Unknown fields and columns are found later by ReadCSV, against the
// file's header.
func ParseMapping(spec, idColumn string) (Mapping, error) {
	m := Mapping{Columns: map[string]string{}}
	named := map[string]string{} // column, lower case → as first written
	for _, pair := range strings.Split(spec, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		col, field, ok := strings.Cut(pair, "=")
		if !ok || strings.TrimSpace(col) == "" {
			return m, crosscase.FieldErrorf("map", "%q is not COLUMN=field.", pair)
		}
		col, field = strings.TrimSpace(col), strings.TrimSpace(field)
		if first, twice := named[strings.ToLower(col)]; twice {
			return m, crosscase.FieldErrorf("map", "Column %q is mapped twice, to %s and to %s: a column holds one field.", col, m.Columns[first], field)
		}
		named[strings.ToLower(col)] = col
		m.Columns[col] = field
	}
	if idColumn = strings.TrimSpace(idColumn); idColumn != "" {
		if first, twice := named[strings.ToLower(idColumn)]; twice {
			if m.Columns[first] != FieldID {
				return m, crosscase.FieldErrorf("id_column", "Column %q is mapped twice, to %s and to %s: a column holds one field.", idColumn, m.Columns[first], FieldID)
			}
			delete(m.Columns, first)
		}
		m.Columns[idColumn] = FieldID
		m.IDColumn = idColumn
	}
	if len(m.Columns) == 0 {
		return m, crosscase.FieldErrorf("map", "Say which column holds which field.")
	}
	return m, nil
}

// Entities turns rows into entities of role, to import into a case: each
// row's id becomes the external reference, and a year of birth without
// day and month goes into the notes (an entity has no field for it).
func Entities(rows []Row, role crosscase.EntityRole) []*crosscase.Entity {
	out := make([]*crosscase.Entity, len(rows))
	for i, row := range rows {
		rec := row.Record
		e := &crosscase.Entity{Kind: rec.Kind, Role: role, GivenName: rec.GivenName, FamilyName: rec.FamilyName, Name: rec.Name,
			BirthDate: rec.BirthDate, Nationality: rec.Nationality, IDNumber: rec.IDNumber, Address: rec.Address,
			Value: rec.Value, ExternalRef: row.ID}
		if rec.Kind != crosscase.KindPerson {
			e.Country = rec.Country
		}
		if rec.BirthDate.IsZero() && rec.BirthYear != 0 {
			e.Notes = fmt.Sprintf("Born %d (day and month unknown).", rec.BirthYear)
		}
		out[i] = e
	}
	return out
}

// Lines returns the line of the file of each row, in order: with
// Entities, what ImportEntities relates the entities of a line by.
func Lines(rows []Row) []int {
	out := make([]int, len(rows))
	for i, row := range rows {
		out[i] = row.Line
	}
	return out
}

// ImportError names, in an import refused by the store (whose field is
// "entities[i].field"), the line of the file and the field instead, which
// is what the sender can find. Other errors are returned as they are.
func ImportError(err error, rows []Row) error {
	var i int
	var field string
	f := crosscase.ErrorField(err)
	if n, _ := fmt.Sscanf(strings.Replace(f, "].", "] ", 1), "entities[%d] %s", &i, &field); n == 2 && i >= 0 && i < len(rows) {
		return &crosscase.Error{Code: crosscase.ErrorCode(err), Field: fmt.Sprintf("line %d, %s", rows[i].Line, field), Message: crosscase.ErrorMessage(err)}
	}
	return err
}

// Separator reads the name of a column separator: "," (or ""), ";" or
// "tab".
func Separator(name string) (rune, error) {
	switch name {
	case "", ",":
		return ',', nil
	case ";":
		return ';', nil
	case "tab", "\t":
		return '\t', nil
	}
	return 0, crosscase.FieldErrorf("separator", "The separator is ',', ';' or 'tab'.")
}

package match

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"crosscase"
)

func TestBulkCheck(t *testing.T) {
	ix := NewIndex(nil)
	ix.Upsert(person(1, 100, "Mario", "Rossi", born1980))
	ix.Upsert(person(2, 200, "Mario", "Rossi", born1980))
	ix.Upsert(ident(3, 300, crosscase.KindIBAN, "DE89 3704 0044 0532 0130 00", "DE"))
	var recs []Record
	for i := 0; i < 3000; i++ {
		recs = append(recs, person(0, 0, "Anna", "Nowak", born1980))
	}
	recs[10] = person(0, 0, "Mario", "Rossi", born1980)
	recs[2500] = ident(0, 0, crosscase.KindIBAN, "DE89370400440532013000", "DE")
	recs[2999] = person(0, 100, "Mario", "Rossi", born1980) // from case 100: only entity 2

	var mu sync.Mutex
	var seen []int
	hits, err := BulkCheck(context.Background(), ix, recs, 2, func(done int) {
		mu.Lock()
		seen = append(seen, done)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	type hit struct {
		row int
		id  int64
	}
	var got []hit
	for _, h := range hits {
		got = append(got, hit{h.Row, h.EntityID})
	}
	want := []hit{{10, 1}, {10, 2}, {2500, 3}, {2999, 2}}
	if !slices.Equal(got, want) {
		t.Fatalf("hits %v, want %v", got, want)
	}
	if len(seen) < 2 || seen[len(seen)-1] != len(recs) || !slices.IsSorted(seen) {
		t.Fatalf("progress calls %v", seen)
	}

	if hits, err := BulkCheck(context.Background(), ix, nil, 0, nil); err != nil || len(hits) != 0 {
		t.Fatalf("no records: %v, %v", hits, err)
	}
}

func TestBulkCheckStopsWhenCancelled(t *testing.T) {
	ix := NewIndex(nil)
	for i := int64(1); i <= 200; i++ {
		ix.Upsert(person(i, i, "Mario", "Rossi", born1980))
	}
	recs := make([]Record, 200000)
	for i := range recs {
		recs[i] = person(0, 0, "Mario", "Rossi", born1980)
	}
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	hits, err := BulkCheck(ctx, ix, recs, 2, func(done int) {
		if done > 2000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || hits != nil {
		t.Fatalf("cancelled bulk check: %d hits, %v", len(hits), err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("cancelled bulk check took %v", d)
	}
}

func personMapping() Mapping {
	return Mapping{Columns: map[string]string{
		"ref": FieldID, "Given": FieldGivenName, "Family": FieldFamilyName, "Born": FieldBirthDate,
		"Nat": FieldNationality, "Phone": FieldPhone, "Mail": FieldEmail,
	}}
}

func TestReadCSV(t *testing.T) {
	in := "\uFEFFref, Given, Family, Born, Nat, Phone, Mail, Ignored\n" +
		"A1, Mario, Rossi, 1980-05-12, it, +39 333 123 4567, mario@libero.it, x\n" +
		"A2,  Jan ,Kowalski,01.03.1966,PL,,,\n" +
		"A3,,,,,+49 171 2345678,,\n" +
		`A4, "Dupont, fils", Jean, 15/06/1959, FR, , ,` + "\n"
	rows, rerrs, err := ReadCSV(strings.NewReader(in), personMapping(), 0)
	if err != nil || len(rerrs) != 0 {
		t.Fatalf("ReadCSV: %v, %v", err, rerrs)
	}
	want := []Row{
		{Line: 2, ID: "A1", Record: Record{Kind: crosscase.KindPerson, GivenName: "Mario", FamilyName: "Rossi", BirthDate: born1980, Nationality: "IT"}},
		{Line: 2, ID: "A1", Record: Record{Kind: crosscase.KindPhone, Value: "+39 333 123 4567"}},
		{Line: 2, ID: "A1", Record: Record{Kind: crosscase.KindEmail, Value: "mario@libero.it"}},
		{Line: 3, ID: "A2", Record: Record{Kind: crosscase.KindPerson, GivenName: "Jan", FamilyName: "Kowalski", BirthDate: crosscase.Date{Year: 1966, Month: 3, Day: 1}, Nationality: "PL"}},
		{Line: 4, ID: "A3", Record: Record{Kind: crosscase.KindPhone, Value: "+49 171 2345678"}},
		{Line: 5, ID: "A4", Record: Record{Kind: crosscase.KindPerson, GivenName: "Dupont, fils", FamilyName: "Jean", BirthDate: crosscase.Date{Year: 1959, Month: 6, Day: 15}, Nationality: "FR"}},
	}
	if !slices.Equal(rows, want) {
		t.Fatalf("rows\n%+v\nwant\n%+v", rows, want)
	}
	if recs := Records(rows); len(recs) != len(rows) || recs[3] != rows[3].Record {
		t.Fatalf("Records = %+v", recs)
	}
}

// TestReadCSVLineEnds reads the same list with its lines ended by LF,
// CR LF and CR alone, read a byte at a time so that a CR LF is split
// between two reads: the same rows on the same lines.
func TestReadCSVLineEnds(t *testing.T) {
	in := "ref,Given,Family,Born,Nat,Phone,Mail\nA1,Mario,Rossi,,,,\nA2,\"Jan\",Kowalski,,,,\n"
	var want []Row
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		rows, rerrs, err := ReadCSV(iotest.OneByteReader(strings.NewReader(strings.ReplaceAll(in, "\n", eol))), personMapping(), 0)
		if err != nil || len(rerrs) != 0 || len(rows) != 2 || rows[1].Line != 3 || rows[1].Record.GivenName != "Jan" {
			t.Fatalf("lines ended by %q: %+v, %v, %v", eol, rows, rerrs, err)
		}
		if want == nil {
			want = rows
		} else if !slices.Equal(rows, want) {
			t.Errorf("lines ended by %q: %+v, want %+v", eol, rows, want)
		}
	}
}

// TestReadCSVRefusesUTF16 refuses a file of UTF-16 text, naming the
// body and saying what it is, rather than its header's columns as not
// found.
func TestReadCSVRefusesUTF16(t *testing.T) {
	for _, bom := range []string{"\xff\xfe", "\xfe\xff"} {
		_, _, err := ReadCSV(strings.NewReader(bom+"r\x00e\x00f\x00"), personMapping(), 0)
		if crosscase.ErrorField(err) != "body" || !strings.Contains(crosscase.ErrorMessage(err), "UTF-16") {
			t.Errorf("UTF-16 after % x: %v", bom, err)
		}
	}
}

// TestReadCSVNamesTheSeparator refuses, naming the separator, a file
// whose header is one column holding another separator than the one
// given; a one-column file mapped as it is is read.
func TestReadCSVNamesTheSeparator(t *testing.T) {
	m := Mapping{Columns: map[string]string{"ref": FieldID, "Given": FieldGivenName}}
	for _, c := range []struct {
		in    string
		comma rune
		says  string
	}{
		{"ref;Given\nA1;Mario\n", 0, "semicolon ( ; ), not by comma ( , )"},
		{"ref\tGiven\nA1\tMario\n", ',', "tab, not by comma ( , )"},
		{"ref,Given\nA1,Mario\n", ';', "comma ( , ), not by semicolon ( ; )"},
	} {
		m.Comma = c.comma
		_, _, err := ReadCSV(strings.NewReader(c.in), m, 0)
		if crosscase.ErrorField(err) != "separator" || !strings.Contains(crosscase.ErrorMessage(err), c.says) {
			t.Errorf("%q read with %q: %v", c.in, c.comma, err)
		}
	}
	rows, _, err := ReadCSV(strings.NewReader("Given\nMario; Luigi\n"), Mapping{Columns: map[string]string{"Given": FieldGivenName}}, 0)
	if err != nil || len(rows) != 1 {
		t.Errorf("a one-column file: %+v, %v", rows, err)
	}
}

func TestReadCSVKindsAndFullNames(t *testing.T) {
	m := Mapping{Comma: ';', Columns: map[string]string{
		"id": FieldID, "kind": FieldKind, "full name": FieldFullName, "name": FieldName, "value": FieldValue,
		"year": FieldBirthYear, "country": FieldCountry, "iban": FieldIBAN,
	}}
	in := "id;kind;full name;name;value;year;country;iban\n" +
		"1;;ROSSI Mario;;;1980;it;\n" +
		"2;person;Jan van der Berg;;;;;\n" +
		"3;company;;Rossi Trasporti S.r.l.;;;IT;IT60 X054 2811 1010 0000 0123 456\n" +
		"4;OCG;Napoli group;;;;;\n" +
		"5;vehicle;;;AB 123 CD;;IT;\n" +
		"6;;;Baltijos Logistika UAB;;;LT;\n"
	rows, rerrs, err := ReadCSV(strings.NewReader(in), m, 10)
	if err != nil || len(rerrs) != 0 {
		t.Fatalf("ReadCSV: %v, %v", err, rerrs)
	}
	want := []Record{
		{Kind: crosscase.KindPerson, GivenName: "Mario", FamilyName: "ROSSI", BirthYear: 1980, Country: "IT"},
		{Kind: crosscase.KindPerson, GivenName: "Jan", FamilyName: "van der Berg"},
		{Kind: crosscase.KindCompany, Name: "Rossi Trasporti S.r.l.", Country: "IT"},
		{Kind: crosscase.KindIBAN, Value: "IT60 X054 2811 1010 0000 0123 456", Country: "IT"},
		{Kind: crosscase.KindOCG, Name: "Napoli group"},
		{Kind: crosscase.KindVehicle, Value: "AB 123 CD", Country: "IT"},
		{Kind: crosscase.KindCompany, Name: "Baltijos Logistika UAB", Country: "LT"},
	}
	if got := Records(rows); !slices.Equal(got, want) {
		t.Fatalf("records\n%+v\nwant\n%+v", got, want)
	}
}

// The shape of the FEBRL linkage test files: a space after each comma,
// dates as YYYYMMDD, empty cells, columns nobody maps.
func TestReadCSVFebrlShape(t *testing.T) {
	in := "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\n" +
		"rec-223-org, , waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209, 6988048\n" +
		"rec-122-org, lachlan, berry, 69, giblin street, killarney, bittern, 4814, qld, 19990219, 7364009\n" +
		"rec-10-dup-0, kayla, harrington, , maltby circuit, coaling, coolaroo, 3465, nsw, 19151312, 9004242\n"
	m := Mapping{Columns: map[string]string{"rec_id": FieldID, "given_name": FieldGivenName, "surname": FieldFamilyName, "date_of_birth": FieldBirthDate}}
	rows, rerrs, err := ReadCSV(strings.NewReader(in), m, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 2, ID: "rec-223-org", Record: Record{Kind: crosscase.KindPerson, FamilyName: "waller", BirthDate: crosscase.Date{Year: 1908, Month: 12, Day: 9}}},
		{Line: 3, ID: "rec-122-org", Record: Record{Kind: crosscase.KindPerson, GivenName: "lachlan", FamilyName: "berry", BirthDate: crosscase.Date{Year: 1999, Month: 2, Day: 19}}},
	}
	if !slices.Equal(rows, want) {
		t.Fatalf("rows %+v", rows)
	}
	if len(rerrs) != 1 || rerrs[0].Line != 4 || rerrs[0].Column != "date_of_birth" || !strings.Contains(rerrs[0].Message, `"19151312"`) {
		t.Fatalf("row errors %+v, want the impossible date on line 4", rerrs)
	}
}

func TestSplitFullName(t *testing.T) {
	for _, c := range []struct{ in, given, family string }{
		{"Mario Rossi", "Mario", "Rossi"},
		{"Rossi, Mario", "Mario", "Rossi"},
		{"  Rossi ,  Mario  Luigi ", "Mario Luigi", "Rossi"},
		{"ROSSI Mario", "Mario", "ROSSI"},
		{"Mario Luigi ROSSI BIANCHI", "Mario Luigi", "ROSSI BIANCHI"},
		{"Jan van der Berg", "Jan", "van der Berg"},
		{"José de la Cruz", "José", "de la Cruz"},
		{"de Gaulle", "de", "Gaulle"},
		{"Rossi", "", "Rossi"},
		{"MARIO ROSSI", "MARIO", "ROSSI"},
		{"Дмитрий Иванов", "Дмитрий", "Иванов"},
		{"", "", ""},
	} {
		g, f := SplitFullName(c.in)
		if g != c.given || f != c.family {
			t.Errorf("SplitFullName(%q) = %q, %q; want %q, %q", c.in, g, f, c.given, c.family)
		}
	}
}

func TestReadCSVRowErrors(t *testing.T) {
	in := "ref,Given,Family,Born,Nat,Phone,Mail\n" +
		"B1,Mario,Rossi,1980-05-12,IT,,\n" + // good
		"B2,Ma\xffrio,Rossi,,,,\n" + // invalid UTF-8
		"B3,,,1980-05-12,IT,,\n" + // no usable field
		"B4,Mario,Rossi,1980-02-30,IT,,\n" + // impossible date
		"B5,Mario,Rossi,,Italy,,\n" + // nationality not a code
		"B6,Mario,Ro\tssi,,,,\n" + // control character
		"B7,Mario,\"Ros\"si,,,,\n" + // bad quoting
		"B8,Mario," + strings.Repeat("x", 301) + ",,,,\n" + // too long
		",,,,,,\n" + // empty
		"B10,Jan,Kowalski\n" + // short row: ragged
		"B11,Jan,Kowalski,1980-05-12,PL,,,extra\n" // long row: ragged, nothing is dropped
	rows, rerrs, err := ReadCSV(strings.NewReader(in), personMapping(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.ID)
	}
	if !slices.Equal(got, []string{"B1"}) {
		t.Fatalf("rows read %v, want B1", got)
	}
	type want struct {
		line   int
		column string
		text   string
		kind   RowErrorKind
	}
	wants := []want{
		{3, "Given", "UTF-8", RowNotUTF8}, {4, "", "no name or identifier", RowNothingToCheck}, {5, "Born", "YYYY-MM-DD", RowBirthDate},
		{6, "Nat", "ISO 3166-1", RowNationality}, {7, "Family", "control character", RowText}, {8, "", "CSV", RowCSVQuote},
		{9, "Family", "limit is 300", RowText}, {10, "", "no name or identifier", RowNothingToCheck},
		{11, "", "has 3 fields; the header names 7", RowFieldCount}, {12, "", "has 8 fields; the header names 7", RowFieldCount},
	}
	if len(rerrs) != len(wants) {
		t.Fatalf("row errors %v, want %d", rerrs, len(wants))
	}
	for i, w := range wants {
		e := rerrs[i]
		if e.Line != w.line || e.Column != w.column || !strings.Contains(e.Message, w.text) || e.Kind != w.kind {
			t.Errorf("row error %d = %+v, want line %d column %q with %q, kind %s", i, e, w.line, w.column, w.text, w.kind)
		}
		if !strings.Contains(e.Error(), "line ") {
			t.Errorf("%q does not name the line", e.Error())
		}
	}
}

// A birth year alone in the date column is the year; an identity number
// without a name is refused for that reason, not as a company's.
func TestReadCSVYearAndNamelessIdentity(t *testing.T) {
	m := Mapping{Columns: map[string]string{"name": FieldFullName, "born": FieldBirthDate, "doc": FieldIDNumber}}
	in := "name,born,doc\nMario Rossi,1965,\n,,AB123456\n"
	rows, rerrs, err := ReadCSV(strings.NewReader(in), m, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Record.BirthYear != 1965 || !rows[0].Record.BirthDate.IsZero() {
		t.Errorf("rows %+v, want Mario Rossi born in 1965", rows)
	}
	if len(rerrs) != 1 || rerrs[0].Line != 3 || rerrs[0].Column != "doc" || !strings.Contains(rerrs[0].Message, "has none") {
		t.Errorf("row errors %+v, want line 3 doc: no name", rerrs)
	}
}

func TestReadCSVRefusesBadMappingAndSize(t *testing.T) {
	in := "ref,Given,Family\nC1,Mario,Rossi\nC2,Jan,Kowalski\nC3,Anna,Nowak\n"
	for _, c := range []struct {
		name    string
		m       Mapping
		max     int
		in      string
		code    string
		message string
	}{
		{"unknown column", Mapping{Columns: map[string]string{"Surname": FieldFamilyName}}, 0, in, crosscase.EINVALID, `"Surname" is not in the file`},
		{"unknown field", Mapping{Columns: map[string]string{"Family": "surname"}}, 0, in, crosscase.EINVALID, `"surname", which is not a field`},
		{"field twice", Mapping{Columns: map[string]string{"Given": FieldFamilyName, "Family": FieldFamilyName}}, 0, in, crosscase.EINVALID, `Columns "Given" and "Family" are both mapped to family_name`},
		{"column twice", Mapping{Columns: map[string]string{"Family": FieldFamilyName, "family": FieldGivenName}}, 0, in, crosscase.EINVALID, `Column "Family" is mapped twice`},
		{"empty mapping", Mapping{}, 0, in, crosscase.EINVALID, "no column"},
		{"empty file", personMapping(), 0, "", crosscase.EINVALID, "empty"},
		{"header twice", Mapping{Columns: map[string]string{"Family": FieldFamilyName}}, 0, "Family,family\nx,y\n", crosscase.EINVALID, "two columns"},
		{"too many rows", Mapping{Columns: map[string]string{"Family": FieldFamilyName}}, 2, in, crosscase.ETOOLARGE, "more than 2 rows"},
		{"long line", Mapping{Columns: map[string]string{"Family": FieldFamilyName}}, 0, "Family\n" + strings.Repeat("y", MaxCSVLineBytes+1), crosscase.ETOOLARGE, "Line 2"},
		{"long header", Mapping{Columns: map[string]string{"Family": FieldFamilyName}}, 0, strings.Repeat("y", MaxCSVLineBytes+1), crosscase.ETOOLARGE, "Line 1"},
	} {
		rows, rerrs, err := ReadCSV(strings.NewReader(c.in), c.m, c.max)
		if crosscase.ErrorCode(err) != c.code || !strings.Contains(crosscase.ErrorMessage(err), c.message) {
			t.Errorf("%s: error %v, want %s with %q", c.name, err, c.code, c.message)
		}
		if rows != nil || rerrs != nil {
			t.Errorf("%s: rows %v and row errors %v with a refused file", c.name, rows, rerrs)
		}
	}
	// Exactly maxRows rows pass.
	if rows, _, err := ReadCSV(strings.NewReader(in), Mapping{Columns: map[string]string{"Family": FieldFamilyName}}, 3); err != nil || len(rows) != 3 {
		t.Fatalf("3 rows with maxRows 3: %d rows, %v", len(rows), err)
	}
}

// TestParseMappingRefusesColumnTwice: a column given two fields, in the
// map or as the id column too, is refused naming the parameter; the last
// field given used to replace the first without a word. The id column
// also mapped to the id is one field and passes.
func TestParseMappingRefusesColumnTwice(t *testing.T) {
	for _, c := range []struct{ spec, idColumn, field string }{
		{"family=family_name,family=given_name", "", "map"},
		{"Family=family_name, family =given_name", "", "map"},
		{"ref=family_name", "ref", "id_column"},
		{"REF=family_name", "ref", "id_column"},
	} {
		_, err := ParseMapping(c.spec, c.idColumn)
		if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != c.field {
			t.Errorf("map %q, id column %q: %v, want a refusal of %s", c.spec, c.idColumn, err, c.field)
		}
	}
	m, err := ParseMapping("Ref=id,family=family_name", "ref")
	if err != nil || len(m.Columns) != 2 || m.Columns["ref"] != FieldID {
		t.Fatalf("the id column mapped to the id: %+v %v", m, err)
	}
	rows, _, err := ReadCSV(strings.NewReader("ref,family\nC1,Rossi\n"), m, 0)
	if err != nil || len(rows) != 1 || rows[0].ID != "C1" {
		t.Fatalf("read with the id column mapped to the id: %+v %v", rows, err)
	}
}

func TestReadCSVCapsRowErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("Family,Born\n")
	for i := 0; i < MaxRowErrors+50; i++ {
		b.WriteString("Rossi,not a date\n")
	}
	_, rerrs, err := ReadCSV(strings.NewReader(b.String()), Mapping{Columns: map[string]string{"Family": FieldFamilyName, "Born": FieldBirthDate}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rerrs) != MaxRowErrors+1 || !strings.Contains(rerrs[MaxRowErrors].Message, "50 more rows") {
		t.Fatalf("%d row errors, last %+v", len(rerrs), rerrs[len(rerrs)-1])
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("ref,Given,Family,Born,Nat,Phone,Mail\nA1,Mario,Rossi,1980-05-12,IT,+39 333 1234567,m@x.it\n")
	f.Add("ref, Given, Family\n\"A\"\"1\", \"Ma\nrio\", Rossi\n")
	f.Add("\uFEFFref,Given,Family\nA1,Ma\xffrio,Rossi\n")
	f.Add("ref,Given,Family\nA1,\"unterminated\n")
	f.Add("Given;Family\n")
	f.Add("ref,Given,Family,Born,Nat,Phone,Mail\n,,,,,,\n,ROSSI Mario,,31/12/1999,pl,,\n")
	m := personMapping()
	m.Columns["Full"] = FieldFullName
	f.Fuzz(func(t *testing.T, in string) {
		if !strings.Contains(in, "Full") {
			in = strings.Replace(in, "\n", ",Full\n", 1)
		}
		rows, rerrs, err := ReadCSV(strings.NewReader(in), m, 50)
		if err != nil {
			if rows != nil || rerrs != nil || crosscase.ErrorCode(err) == crosscase.EINTERNAL {
				t.Fatalf("error %v with %d rows, %d row errors", err, len(rows), len(rerrs))
			}
			return
		}
		if len(rerrs) > MaxRowErrors+1 {
			t.Fatalf("%d row errors", len(rerrs))
		}
		for _, r := range rows {
			rec := r.Record
			if r.Line < 2 || !rec.Kind.Valid() {
				t.Fatalf("row %+v", r)
			}
			for _, s := range []string{r.ID, rec.GivenName, rec.FamilyName, rec.Name, rec.Value, rec.Nationality, rec.Country} {
				if !utf8.ValidString(s) || crosscase.CheckText("x", s, 300, false) != nil {
					t.Fatalf("row %+v has a bad field %q", r, s)
				}
			}
			if rec.Kind == crosscase.KindPerson && rec.GivenName == "" && rec.FamilyName == "" {
				t.Fatalf("a person without a name: %+v", r)
			}
			if rec.Kind != crosscase.KindPerson && rec.Name == "" && rec.Value == "" {
				t.Fatalf("an entity with nothing to check: %+v", r)
			}
		}
		for _, e := range rerrs {
			if e.Message == "" || !utf8.ValidString(e.Error()) || e.Line < 0 {
				t.Fatalf("row error %+v", e)
			}
		}
	})
}

// TestMappingSeveralColumns: several columns may hold one kind of
// identifier — a suspect's mobile and landline, two accounts — and each
// gives the line a record of its own, in the file's column order; a
// column is mapped once only, and a field of the person (a date of
// birth) to one column only, refused naming the columns (README,
// "Import").
func TestMappingSeveralColumns(t *testing.T) {
	in := "ref,name,dob,born,mobile,landline,iban,iban 2\nS-1,Ilir Berisha,14.03.1988,1988,+355 69 123 4567,+355 4 222 3333,AL47 2121 1009 0000 0002 3569 8741,\n"
	m, err := ParseMapping("name=full_name,dob=birth_date,landline=phone,mobile=phone,iban=iban,iban 2=iban", "ref")
	if err != nil {
		t.Fatal(err)
	}
	rows, rerrs, err := ReadCSV(strings.NewReader(in), m, 0)
	if err != nil || len(rerrs) != 0 {
		t.Fatalf("%v %v", err, rerrs)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%d %s %s %s", r.Line, r.ID, r.Record.Kind, r.Record.Value))
	}
	want := []string{"2 S-1 person ", "2 S-1 phone +355 69 123 4567", "2 S-1 phone +355 4 222 3333", "2 S-1 iban AL47 2121 1009 0000 0002 3569 8741"}
	if !slices.Equal(got, want) {
		t.Fatalf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	for _, c := range []struct {
		name, spec, idColumn string
		field, message       string
	}{
		{"a column twice", "mobile=phone,Mobile=email", "", "map", `Column "Mobile" is mapped twice, to phone and to email`},
		{"a column twice to one field", "mobile=phone,mobile=phone", "", "map", `Column "mobile" is mapped twice`},
		{"the id column to another field", "ref=given_name", "ref", "id_column", `Column "ref" is mapped twice, to given_name and to id`},
	} {
		_, err := ParseMapping(c.spec, c.idColumn)
		if crosscase.ErrorField(err) != c.field || !strings.Contains(crosscase.ErrorMessage(err), c.message) {
			t.Errorf("%s: %v, want %s: %q", c.name, err, c.field, c.message)
		}
	}
	if m, err := ParseMapping("ref=id,name=full_name", "ref"); err != nil || len(m.Columns) != 2 || m.IDColumn != "ref" {
		t.Errorf("the id column also mapped to id: %+v, %v", m, err)
	}

	m, err = ParseMapping("name=full_name,dob=birth_date,born=birth_date", "")
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = ReadCSV(strings.NewReader(in), m, 0)
	if crosscase.ErrorField(err) != "map" || !strings.HasPrefix(crosscase.ErrorMessage(err), `Columns "dob" and "born" are both mapped to birth_date; only phone, email, iban, value, address may be given to several columns.`) {
		t.Errorf("a date of birth in two columns: %v", err)
	}
}

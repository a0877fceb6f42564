package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/http/server"
	"crosscase/match"
)

// entityImportPage imports a CSV list of people and identifiers into a
// case, all or nothing, as `crosscase import entities` and
// POST /api/v1/cases/{id}/entities/import do: upload the file, map its
// columns (listUpload, as the bulk check does) and choose the role, then
// import. README, "Import".
type entityImportPage struct {
	pageBase
	listUpload
	Step  string // "upload" or "map"
	Form  *formState
	Case  *crosscase.Case
	Roles []crosscase.EntityRole
	Role  string
	// Refused are the lines of a refused file, each with its column and
	// why: every row that could not be read, or the one the store refused.
	Refused []match.RowError
}

func (s *Server) renderEntityImport(w http.ResponseWriter, r *http.Request, status int, p *entityImportPage) {
	p.Title, p.TitleArgs, p.Nav = "Import entities into %s", []any{p.Case.Reference}, "cases"
	if p.Form == nil {
		p.Form = newForm(nil, nil)
	}
	if p.Role == "" {
		p.Role = string(crosscase.RoleSuspect)
	}
	p.Roles = crosscase.EntityRoles()
	p.setFields()
	s.render(w, r, status, "entity_import.html", p)
}

// handleEntityImportPage shows the upload step of the import.
func (s *Server) handleEntityImportPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.findWritableCase(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderEntityImport(w, r, http.StatusOK, &entityImportPage{Step: "upload", Case: c})
}

// handleEntityImportUploadPage reads the uploaded file's header and first
// rows and shows the mapping step, guessing each column's field.
func (s *Server) handleEntityImportUploadPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.findWritableCase(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	up, err := readListUpload(r, "Choose a CSV file to import (at most %d MiB).")
	if err != nil {
		s.renderEntityImport(w, r, formStatus(err), &entityImportPage{Step: "upload", Case: c, Form: newForm(nil, err), listUpload: listUpload{Separator: up.Separator}})
		return
	}
	s.renderEntityImport(w, r, http.StatusOK, &entityImportPage{Step: "map", Case: c, listUpload: up})
}

// handleEntityImportRunPage imports the file with the mapping and role
// chosen, all or nothing: a file with a row that cannot be read, or a
// row the store refuses, is refused naming each such line and its
// column, and nothing is imported. On success the case page says how
// many entities were imported, and how many relations between the
// entities of a line.
func (s *Server) handleEntityImportRunPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.findWritableCase(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v := r.PostForm
	up, data, m, err := readListMapping(v)
	if data == nil {
		s.renderEntityImport(w, r, formStatus(err), &entityImportPage{Step: "upload", Case: c, Form: newForm(nil, err)})
		return
	}
	role := crosscase.EntityRole(v.Get("role"))
	form := newForm(v, nil)
	refuse := func(err error, refused []match.RowError) {
		form.Err = err
		s.renderEntityImport(w, r, formStatus(err), &entityImportPage{Step: "map", Case: c, Form: form, listUpload: up, Role: string(role), Refused: refused})
	}
	if err == nil && !role.Valid() {
		err = crosscase.FieldErrorf("role", "Role must be suspect, victim, witness or other.")
	}
	if err != nil {
		refuse(err, nil)
		return
	}
	rows, unreadable, err := server.ReadListRows(bytes.NewReader(data), m)
	if len(unreadable) > 0 {
		refuse(crosscase.Errorf(crosscase.EINVALID, importRefused), unreadable)
		return
	}
	if err != nil {
		refuse(err, nil)
		return
	}
	entities := match.Entities(rows, role)
	relations, err := s.Entities.ImportEntities(r.Context(), c.ID, entities, match.Lines(rows), nil)
	if err != nil {
		if line, ok := importRowError(err, rows, entities, up.Columns); ok {
			refuse(crosscase.Errorf(crosscase.EINVALID, importRefused), []match.RowError{line})
			return
		}
		if isFormError(err) {
			refuse(err, nil)
			return
		}
		s.Error(w, r, err)
		return
	}
	lines := map[int]bool{}
	for _, row := range rows {
		lines[row.Line] = true
	}
	target := "/cases/" + strconv.FormatInt(c.ID, 10) + "#entities"
	code, counts := importFlash(len(entities), len(lines), relations)
	s.redirectFlash(w, r, target, code, counts...)
}

// importFlash is the case page's confirmation of an import of entities
// from lines of the file, with relations between the entities of a line
// (crosscase.LineRelations): its code and counts, which the message
// writes in their plural forms (flashPhrases).
func importFlash(entities, lines, relations int) (code string, counts []int) {
	if relations == 0 {
		return "entities_imported", []int{entities, lines}
	}
	return "entities_imported_related", []int{entities, lines, relations}
}

// importRefused is the refusal of a file to import with lines at fault,
// which the page lists under it.
const importRefused = "Correct these lines of the file and import it again."

// importRowError is the store's refusal of the entity of rows[i] (its
// field "entities[i].field") as the line of the file and the column that
// gave that field, for the page to write in its reader's language as it
// writes a row that cannot be read; ok is false for a refusal of no
// entity.
func importRowError(err error, rows []match.Row, entities []*crosscase.Entity, columns []listColumn) (match.RowError, bool) {
	if crosscase.ErrorCode(err) != crosscase.EINVALID {
		return match.RowError{}, false
	}
	var i int
	var field string
	if n, _ := fmt.Sscanf(strings.Replace(crosscase.ErrorField(err), "].", "] ", 1), "entities[%d] %s", &i, &field); n != 2 || i < 0 || i >= len(rows) {
		return match.RowError{}, false
	}
	inner := &crosscase.Error{Code: crosscase.EINVALID, Message: crosscase.ErrorMessage(err)}
	if e, ok := err.(*crosscase.Error); ok {
		inner.Format, inner.Args = e.Format, e.Args
	}
	return match.RowError{Line: rows[i].Line, Column: importColumn(field, entities[i].Kind, columns), Message: inner.Message,
		Kind: match.RowText, Args: []any{inner}}, true
}

// importColumn is the header of the column that gave an imported
// entity of kind its field (external_ref, value, …); the headers of all
// such columns when several might have, "" when none did.
func importColumn(field string, kind crosscase.EntityKind, columns []listColumn) string {
	var from []string
	switch field {
	case "external_ref":
		from = []string{match.FieldID}
	case "given_name", "family_name":
		from = []string{field, match.FieldFullName}
	case "birth_date":
		from = []string{match.FieldBirthDate, match.FieldBirthYear}
	case "name", "nationality", "id_number", "address", "country", "kind":
		from = []string{field}
	case "value":
		switch kind {
		case crosscase.KindPhone:
			from = []string{match.FieldPhone, match.FieldValue}
		case crosscase.KindEmail:
			from = []string{match.FieldEmail, match.FieldValue}
		case crosscase.KindIBAN:
			from = []string{match.FieldIBAN, match.FieldValue}
		default:
			from = []string{match.FieldValue}
		}
	}
	var headers []string
	for _, c := range columns {
		for _, f := range from {
			if c.Field == f {
				headers = append(headers, c.Header)
			}
		}
	}
	return strings.Join(headers, ", ")
}

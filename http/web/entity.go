package web

import (
	"net/http"
	"net/url"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

type entityFormPage struct {
	pageBase
	Form   *formState
	Case   *crosscase.Case
	Entity *crosscase.Entity // nil for a new entity
	// Acquittal is the acquittal form of a person, shown again with what
	// was typed when it was refused.
	Acquittal *formState
	Kind      crosscase.EntityKind
	Kinds     []crosscase.EntityKind
	Roles     []crosscase.EntityRole
	Countries *countryIndex
}

// IsPerson reports whether the form is for a person.
func (p *entityFormPage) IsPerson() bool { return p.Kind == crosscase.KindPerson }

// IsNamed reports whether the form is for a company or a group.
func (p *entityFormPage) IsNamed() bool { return p.Kind.IsNamed() }

func (s *Server) renderEntityForm(w http.ResponseWriter, r *http.Request, status int, c *crosscase.Case, e *crosscase.Entity, kind crosscase.EntityKind, form, acquittal *formState) {
	data := &entityFormPage{
		pageBase:  pageBase{Title: "Add an entity to %s", TitleArgs: []any{c.Reference}, Nav: "cases"},
		Form:      form,
		Acquittal: acquittal,
		Case:      c,
		Entity:    e,
		Kind:      kind,
		Kinds:     crosscase.EntityKinds(),
		Roles:     crosscase.EntityRoles(),
	}
	if e != nil {
		data.Title, data.TitleArgs = "Edit entity of %s", []any{c.Reference}
	}
	var err error
	if data.Countries, err = s.loadCountries(r.Context()); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "entity_form.html", data)
}

// handleEntityNewPage shows the form to add an entity of the kind in the
// query (a person by default) to a case of the caller's desk.
func (s *Server) handleEntityNewPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.findWritableCase(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kind := crosscase.EntityKind(r.URL.Query().Get("kind"))
	if !kind.Valid() {
		kind = crosscase.KindPerson
	}
	v := url.Values{}
	v.Set("kind", string(kind))
	role := crosscase.EntityRole(r.URL.Query().Get("role"))
	if !role.Valid() {
		role = crosscase.RoleSuspect
	}
	v.Set("role", string(role))
	s.renderEntityForm(w, r, http.StatusOK, c, nil, kind, newForm(v, nil), nil)
}

// handleEntityCreatePage adds an entity to a case of the caller's desk.
func (s *Server) handleEntityCreatePage(w http.ResponseWriter, r *http.Request) {
	c, err := s.findWritableCase(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kind := crosscase.EntityKind(v.Get("kind"))
	if !kind.Valid() {
		s.Error(w, r, crosscase.FieldErrorf("kind", "Choose what kind of entity to add."))
		return
	}
	e, err := entityFromForm(kind, v)
	if err == nil {
		e.CaseID = c.ID
		err = s.Entities.CreateEntity(r.Context(), e)
	}
	if err != nil {
		if isFormError(err) {
			s.renderEntityForm(w, r, formStatus(err), c, nil, kind, newForm(v, err), nil)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(c.ID, 10)+"#entity-"+strconv.FormatInt(e.ID, 10), "entity_added")
}

// findOwnedEntity returns the entity of the path and its case, if the
// caller may see the case (ENOTFOUND otherwise) and their desk owns it
// (EFORBIDDEN otherwise).
func (s *Server) findOwnedEntity(r *http.Request) (*crosscase.Entity, *crosscase.Case, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	e, err := s.Entities.FindEntityByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Cases.FindCaseByID(r.Context(), e.CaseID)
	if err != nil {
		return nil, nil, err
	}
	if !crosscase.CanWriteCase(crosscase.UserFromContext(r.Context()), c) {
		return nil, nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the desk that owns this case can change its entities.")
	}
	return e, c, nil
}

// handleEntityEditPage shows the edit form of an entity.
func (s *Server) handleEntityEditPage(w http.ResponseWriter, r *http.Request) {
	e, c, err := s.findOwnedEntity(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderEntityForm(w, r, http.StatusOK, c, e, e.Kind, newForm(entityValues(e), nil), nil)
}

// handleEntityUpdatePage saves the edit form of an entity; its kind does
// not change.
func (s *Server) handleEntityUpdatePage(w http.ResponseWriter, r *http.Request) {
	e, c, err := s.findOwnedEntity(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in, err := entityFromForm(e.Kind, v)
	if err == nil {
		upd := crosscase.EntityUpdate{
			Version: version,
			Role:    &in.Role,
			Notes:   &in.Notes, ExternalRef: &in.ExternalRef,
		}
		switch {
		case e.Kind == crosscase.KindPerson:
			upd.GivenName, upd.FamilyName, upd.BirthDate, upd.Nationality = &in.GivenName, &in.FamilyName, &in.BirthDate, &in.Nationality
			upd.IDNumber, upd.Address = &in.IDNumber, &in.Address
		case e.Kind.IsNamed():
			upd.Name, upd.Country, upd.Address = &in.Name, &in.Country, &in.Address
		default:
			upd.Value, upd.Country = &in.Value, &in.Country
		}
		_, err = s.Entities.UpdateEntity(r.Context(), e.ID, upd)
	}
	if err != nil {
		if isFormError(err) {
			s.renderEntityForm(w, r, formStatus(err), c, e, e.Kind, newForm(v, err), nil)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(c.ID, 10)+"#entity-"+strconv.FormatInt(e.ID, 10), "entity_saved")
}

// handleEntityDeletePage deletes an entity; its audit record remains.
func (s *Server) handleEntityDeletePage(w http.ResponseWriter, r *http.Request) {
	e, c, err := s.findOwnedEntity(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Entities.DeleteEntity(r.Context(), e.ID); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(c.ID, 10)+"#entities", "entity_deleted")
}

// entityFromForm reads the fields that entities of kind have.
func entityFromForm(kind crosscase.EntityKind, v url.Values) (*crosscase.Entity, error) {
	e := &crosscase.Entity{
		Kind:        kind,
		Role:        crosscase.EntityRole(server.FormText(v, "role")),
		Notes:       v.Get("notes"),
		ExternalRef: server.FormText(v, "external_ref"),
	}
	switch {
	case kind == crosscase.KindPerson:
		e.GivenName = server.FormText(v, "given_name")
		e.FamilyName = server.FormText(v, "family_name")
		e.Nationality = server.FormText(v, "nationality")
		e.IDNumber = server.FormText(v, "id_number")
		e.Address = server.FormText(v, "address")
		var err error
		if e.BirthDate, err = server.FormDate(v, "birth_date"); err != nil {
			return nil, err
		}
	case kind.IsNamed():
		e.Name = server.FormText(v, "name")
		e.Country = server.FormText(v, "country")
		e.Address = server.FormText(v, "address")
	default:
		e.Value = server.FormText(v, "value")
		e.Country = server.FormText(v, "country")
	}
	return e, nil
}

// entityValues fills the entity form from a stored entity.
func entityValues(e *crosscase.Entity) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(e.Version))
	v.Set("kind", string(e.Kind))
	v.Set("role", string(e.Role))
	v.Set("given_name", e.GivenName)
	v.Set("family_name", e.FamilyName)
	v.Set("name", e.Name)
	v.Set("birth_date", e.BirthDate.String())
	v.Set("nationality", e.Nationality)
	v.Set("id_number", e.IDNumber)
	v.Set("address", e.Address)
	v.Set("value", e.Value)
	v.Set("country", e.Country)
	v.Set("notes", e.Notes)
	v.Set("external_ref", e.ExternalRef)
	return v
}

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"crosscase/http/server"

	"crosscase"
)

// requireAdmin refuses, and records the refusal of, a non-administrator on
// an administration page whose data any signed-in user may otherwise read
// (desks, countries, agreements). Pages over data that only administrators
// may read let the services refuse instead.
func (s *Server) requireAdmin(r *http.Request) error {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	if u.IsAdmin() {
		return nil
	}
	if err := s.Audit.RecordAudit(ctx, &crosscase.AuditEntry{
		Action: crosscase.ActionRefuse, ObjectType: "page",
		UserID: u.ID, UserName: u.Name, DeskID: u.DeskID, RemoteAddr: s.ClientAddr(r),
		Detail: r.Method + " " + r.URL.Path,
	}); err != nil {
		return err
	}
	return crosscase.Errorf(crosscase.EFORBIDDEN, "This page is for administrators.")
}

// Administration index -----------------------------------------------------

type adminPage struct {
	pageBase
	Users      int
	Disabled   int
	Desks      int
	Agreements int
}

// handleAdminPage shows the administration menu with a few counts.
func (s *Server) handleAdminPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	users, err := s.Users.ListUsers(ctx) // refuses non-administrators
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &adminPage{pageBase: pageBase{Title: "Administration", Nav: "admin"}, Users: len(users)}
	for _, u := range users {
		if u.Disabled {
			data.Disabled++
		}
	}
	desks, err := s.Desks.ListDesks(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data.Desks = len(desks)
	agreements, err := s.Agreements.ListAgreements(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data.Agreements = len(agreements)
	s.render(w, r, http.StatusOK, "admin.html", data)
}

// Users ------------------------------------------------------------------

type userListPage struct {
	pageBase
	Users     []*crosscase.User
	Desks     []*crosscase.Desk
	DeskNames map[int64]string
	Roles     []crosscase.Role
	Form      *formState
}

func (s *Server) renderUserList(w http.ResponseWriter, r *http.Request, status int, form *formState) {
	ctx := r.Context()
	users, err := s.Users.ListUsers(ctx) // refuses non-administrators
	if err != nil {
		s.Error(w, r, err)
		return
	}
	desks, err := s.Desks.ListDesks(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &userListPage{
		pageBase: pageBase{Title: "Users", Nav: "admin"},
		Users:    users, Desks: desks, DeskNames: deskNamesByID(desks),
		Roles: crosscase.Roles(), Form: form,
	}
	s.render(w, r, status, "admin_users.html", data)
}

// handleUserListPage lists users with a form to create one.
func (s *Server) handleUserListPage(w http.ResponseWriter, r *http.Request) {
	v := url.Values{}
	v.Set("role", string(crosscase.RoleDeskMember))
	s.renderUserList(w, r, http.StatusOK, newForm(v, nil))
}

// handleUserCreatePage creates a user with a desk, a role and a password.
func (s *Server) handleUserCreatePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := &crosscase.User{
		Name:        server.FormText(v, "name"),
		DisplayName: server.FormText(v, "display_name"),
		Role:        crosscase.Role(server.FormText(v, "role")),
		CountryCode: strings.ToUpper(server.FormText(v, "country_code")),
		// The administrator chose the password: the user replaces it at
		// their first sign-in.
		MustChangePassword: true,
	}
	password := v.Get("password")
	if u.DeskID, err = formInt(v, "desk_id"); err == nil {
		err = s.Users.CreateUser(r.Context(), u, password)
	}
	if err != nil {
		if isFormError(err) {
			v.Del("password") // never sent back
			s.renderUserList(w, r, formStatus(err), newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/users", "user_created")
}

type userEditPage struct {
	pageBase
	Account *crosscase.User
	Desks   []*crosscase.Desk
	Roles   []crosscase.Role
	Form    *formState
	// PasswordReset and SecondFactorReset say why this administrator may
	// not reset the account's password or two-step sign-in ("" when they
	// may): crosscase.CanResetPassword and CanResetSecondFactor.
	PasswordReset, SecondFactorReset string
}

func (s *Server) renderUserEdit(w http.ResponseWriter, r *http.Request, status int, u *crosscase.User, form *formState) {
	desks, err := s.Desks.ListDesks(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	admin := crosscase.UserFromContext(r.Context())
	enabled, err := s.SecondFactors.SecondFactorEnabled(r.Context(), u.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "admin_user.html", &userEditPage{
		pageBase: pageBase{Title: "User %s", TitleArgs: []any{u.Name}, Nav: "admin"},
		Account:  u, Desks: desks, Roles: crosscase.Roles(), Form: form,
		PasswordReset:     crosscase.ErrorMessage(crosscase.CanResetPassword(admin, u)),
		SecondFactorReset: crosscase.ErrorMessage(crosscase.CanResetSecondFactor(admin, u, enabled)),
	})
}

// findUserForAdmin returns the user of the path for an administrator.
// FindUserByID lets users read themselves, so the role is checked first.
func (s *Server) findUserForAdmin(r *http.Request) (*crosscase.User, error) {
	if err := s.requireAdmin(r); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.Users.FindUserByID(r.Context(), id)
}

// handleUserEditPage shows a user's role, desk and status for editing.
func (s *Server) handleUserEditPage(w http.ResponseWriter, r *http.Request) {
	u, err := s.findUserForAdmin(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v := url.Values{}
	v.Set("version", strconv.Itoa(u.Version))
	v.Set("display_name", u.DisplayName)
	v.Set("role", string(u.Role))
	if u.DeskID != 0 {
		v.Set("desk_id", strconv.FormatInt(u.DeskID, 10))
	}
	if u.Disabled {
		v.Set("disabled", "on")
	}
	v.Set("country_code", u.CountryCode)
	s.renderUserEdit(w, r, http.StatusOK, u, newForm(v, nil))
}

// handleUserUpdatePage saves a user's display name, role, desk and status.
func (s *Server) handleUserUpdatePage(w http.ResponseWriter, r *http.Request) {
	u, err := s.findUserForAdmin(r)
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
	name := server.FormText(v, "display_name")
	role := crosscase.Role(server.FormText(v, "role"))
	disabled := v.Get("disabled") != ""
	country := strings.ToUpper(server.FormText(v, "country_code"))
	upd := crosscase.UserUpdate{Version: version, DisplayName: &name, Role: &role, Disabled: &disabled, CountryCode: &country}
	deskID, err := formInt(v, "desk_id")
	if err == nil {
		upd.DeskID = &deskID
		_, err = s.Users.UpdateUser(r.Context(), u.ID, upd)
	}
	if err != nil {
		if isFormError(err) {
			s.renderUserEdit(w, r, formStatus(err), u, newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/users", "user_saved")
}

// Desks ------------------------------------------------------------------

type deskListPage struct {
	pageBase
	Desks     []*crosscase.Desk
	Countries *countryIndex
	Form      *formState // the create form
	EditID    int64      // the desk whose rename failed
	EditForm  *formState
}

func (s *Server) renderDeskList(w http.ResponseWriter, r *http.Request, status int, data *deskListPage) {
	if err := s.requireAdmin(r); err != nil {
		s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	var err error
	if data.Desks, err = s.Desks.ListDesks(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Form == nil {
		data.Form = newForm(nil, nil)
	}
	data.Title, data.Nav = "Desks", "admin"
	s.render(w, r, status, "admin_desks.html", data)
}

// handleDeskListPage lists desks with forms to rename them and add one.
func (s *Server) handleDeskListPage(w http.ResponseWriter, r *http.Request) {
	s.renderDeskList(w, r, http.StatusOK, &deskListPage{})
}

// handleDeskCreatePage creates a desk for a country.
func (s *Server) handleDeskCreatePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	d := &crosscase.Desk{
		CountryCode: server.FormText(v, "country_code"),
		Kind:        crosscase.DeskKind(server.FormText(v, "kind")),
		Name:        server.FormText(v, "name"),
	}
	if err := s.Desks.CreateDesk(r.Context(), d); err != nil {
		if isFormError(err) {
			s.renderDeskList(w, r, formStatus(err), &deskListPage{Form: newForm(v, err)})
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/desks", "desk_created")
}

// handleDeskUpdatePage renames a desk.
func (s *Server) handleDeskUpdatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	name := server.FormText(v, "name")
	if _, err := s.Desks.UpdateDesk(r.Context(), id, crosscase.DeskUpdate{Version: version, Name: &name}); err != nil {
		if isFormError(err) {
			s.renderDeskList(w, r, formStatus(err), &deskListPage{EditID: id, EditForm: newForm(v, err)})
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/desks", "desk_saved")
}

// Countries --------------------------------------------------------------

type countryListPage struct {
	pageBase
	Countries []*crosscase.Country
	Standings []crosscase.Standing
	Standing  string // filter
}

// handleCountryListPage lists countries with their standing, optionally
// only those of one standing.
func (s *Server) handleCountryListPage(w http.ResponseWriter, r *http.Request) {
	if err := s.requireAdmin(r); err != nil {
		s.Error(w, r, err)
		return
	}
	list, err := s.Countries.ListCountries(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data := &countryListPage{
		pageBase:  pageBase{Title: "Countries", Nav: "admin"},
		Standings: []crosscase.Standing{crosscase.StandingMember, crosscase.StandingLiaison, crosscase.StandingContactPoint, crosscase.StandingNone},
		Standing:  r.URL.Query().Get("standing"),
	}
	for _, c := range list {
		if data.Standing == "" || string(c.Standing) == data.Standing {
			data.Countries = append(data.Countries, c)
		}
	}
	s.render(w, r, http.StatusOK, "admin_countries.html", data)
}

// handleCountryUpdatePage sets a country's standing.
func (s *Server) handleCountryUpdatePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	code := r.PathValue("code")
	st := crosscase.Standing(server.FormText(v, "standing"))
	if _, err := s.Countries.UpdateCountry(r.Context(), code, crosscase.CountryUpdate{Standing: &st}); err != nil {
		s.Error(w, r, err)
		return
	}
	target := "/admin/countries"
	if f := v.Get("filter"); f != "" {
		target += "?standing=" + url.QueryEscape(f)
	}
	s.redirectFlash(w, r, target+"#c-"+url.PathEscape(code), "country_saved")
}

// Agreements -------------------------------------------------------------

type agreementListPage struct {
	pageBase
	Agreements []*crosscase.Agreement
	Countries  *countryIndex
	Kinds      []crosscase.AgreementKind
	Form       *formState // the create form
	EditID     int64      // the agreement whose edit failed
	EditForm   *formState
}

func (s *Server) renderAgreementList(w http.ResponseWriter, r *http.Request, status int, data *agreementListPage) {
	if err := s.requireAdmin(r); err != nil {
		s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	var err error
	if data.Agreements, err = s.Agreements.ListAgreements(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Form == nil {
		data.Form = newForm(nil, nil)
	}
	data.Kinds = []crosscase.AgreementKind{crosscase.AgreementCooperation, crosscase.AgreementWorkingArrangement}
	data.Title, data.Nav = "Agreements", "admin"
	s.render(w, r, status, "admin_agreements.html", data)
}

// handleAgreementListPage lists agreements with forms to edit, delete and
// record them.
func (s *Server) handleAgreementListPage(w http.ResponseWriter, r *http.Request) {
	s.renderAgreementList(w, r, http.StatusOK, &agreementListPage{})
}

// handleAgreementCreatePage records an agreement.
func (s *Server) handleAgreementCreatePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	a := &crosscase.Agreement{
		CountryCode:  server.FormText(v, "country_code"),
		Organisation: server.FormText(v, "organisation"),
		Kind:         crosscase.AgreementKind(server.FormText(v, "kind")),
		Title:        server.FormText(v, "title"),
	}
	if a.SignedOn, err = server.FormDate(v, "signed_on"); err == nil {
		err = s.Agreements.CreateAgreement(r.Context(), a)
	}
	if err != nil {
		if isFormError(err) {
			s.renderAgreementList(w, r, formStatus(err), &agreementListPage{Form: newForm(v, err)})
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/agreements", "agreement_created")
}

// handleAgreementUpdatePage changes an agreement's kind, date and title.
func (s *Server) handleAgreementUpdatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kind := crosscase.AgreementKind(server.FormText(v, "kind"))
	title := server.FormText(v, "title")
	signed, err := server.FormDate(v, "signed_on")
	if err == nil {
		_, err = s.Agreements.UpdateAgreement(r.Context(), id, crosscase.AgreementUpdate{
			Version: version, Kind: &kind, SignedOn: &signed, Title: &title,
		})
	}
	if err != nil {
		if isFormError(err) {
			s.renderAgreementList(w, r, formStatus(err), &agreementListPage{EditID: id, EditForm: newForm(v, err)})
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/agreements", "agreement_saved")
}

// handleAgreementDeletePage deletes an agreement.
func (s *Server) handleAgreementDeletePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Agreements.DeleteAgreement(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/admin/agreements", "agreement_deleted")
}

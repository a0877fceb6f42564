package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"crosscase"
	"crosscase/http/server"
)

// Passkeys (README, "Who sees what", Two-step sign-in): a WebAuthn
// credential gives the second step of the sign-in in place of a code. The
// browser does the ceremony (static/passkey.js): it asks for the options,
// lets the authenticator answer, and posts the answer with the form. The
// challenge waits between the two in a cookie bound to the session by an
// HMAC of the session's secret key, so that any serve process can check
// it and no other session can use it.

// passkeyCookie holds a ceremony's challenge between its two requests.
const passkeyCookie = "crosscase_passkey"

// passkeyTimeout is how long a ceremony may take.
const passkeyTimeout = 5 * time.Minute

// relyingParty is the WebAuthn relying party of request r: this site as the
// browser reached it, its host name the relying party's id (a passkey made
// on one name does not answer on another; browsers refuse IP addresses).
func (s *Server) relyingParty(r *http.Request) (*webauthn.WebAuthn, error) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	scheme := "http"
	if r.TLS != nil || s.SecureCookies {
		scheme = "https"
	}
	origin := scheme + "://" + r.Host
	if p := s.PublicURL; p != nil {
		// The site's own address (serve --public-url), not whichever name
		// a request came by.
		if !strings.EqualFold(r.Host, p.Host) {
			return nil, crosscase.Errorf(crosscase.EINVALID, "Passkeys answer only at %s.", p.String())
		}
		host, origin = p.Hostname(), p.Scheme+"://"+p.Host
	}
	timeout := webauthn.TimeoutConfig{Enforce: true, Timeout: passkeyTimeout, TimeoutUVD: passkeyTimeout}
	rp, err := webauthn.New(&webauthn.Config{
		RPID: host, RPDisplayName: "crosscase", RPOrigins: []string{origin},
		Timeouts: webauthn.TimeoutsConfig{Login: timeout, Registration: timeout},
	})
	if err != nil {
		return nil, crosscase.Errorf(crosscase.EINVALID, "Passkeys need this site to be reached by its name, not by an IP address.")
	}
	return rp, nil
}

// passkeyUser is a user as WebAuthn sees them, with their passkeys.
type passkeyUser struct {
	u     *crosscase.User
	creds []webauthn.Credential
}

// WebAuthnID is the user handle: the user's id, never their name.
func (p *passkeyUser) WebAuthnID() []byte {
	return binary.BigEndian.AppendUint64([]byte("crosscase:"), uint64(p.u.ID))
}

// WebAuthnName, WebAuthnDisplayName and WebAuthnCredentials complete
// webauthn.User.
func (p *passkeyUser) WebAuthnName() string                       { return p.u.Name }
func (p *passkeyUser) WebAuthnDisplayName() string                { return p.u.Name }
func (p *passkeyUser) WebAuthnCredentials() []webauthn.Credential { return p.creds }

// passkeyParty returns the relying party of request r and u with the
// credentials of their passkeys: what every passkey ceremony starts from.
func (s *Server) passkeyParty(r *http.Request, u *crosscase.User) (*webauthn.WebAuthn, *passkeyUser, error) {
	rp, err := s.relyingParty(r)
	if err != nil {
		return nil, nil, err
	}
	keys, err := s.SecondFactors.Passkeys(r.Context(), u.ID)
	if err != nil {
		return nil, nil, err
	}
	pu := &passkeyUser{u: u}
	for _, k := range keys {
		var c webauthn.Credential
		if err := json.Unmarshal(k.Credential, &c); err != nil {
			return nil, nil, err
		}
		pu.creds = append(pu.creds, c)
	}
	return rp, pu, nil
}

// setCeremony keeps the challenge of a ceremony for purpose ("add" or
// "sign-in") in the session-bound cookie.
func (s *Server) setCeremony(w http.ResponseWriter, r *http.Request, purpose string, sd *webauthn.SessionData) error {
	data, err := json.Marshal(sd)
	if err != nil {
		return err
	}
	payload := base64.RawURLEncoding.EncodeToString(data)
	http.SetCookie(w, &http.Cookie{Name: passkeyCookie, Value: payload + "." + ceremonyMAC(r, purpose, payload), Path: "/",
		MaxAge: int(passkeyTimeout / time.Second), HttpOnly: true, Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteStrictMode})
	return nil
}

// takeCeremony reads and clears the challenge kept by setCeremony for
// purpose, refusing one that another session or ceremony made.
func (s *Server) takeCeremony(w http.ResponseWriter, r *http.Request, purpose string) (*webauthn.SessionData, error) {
	http.SetCookie(w, &http.Cookie{Name: passkeyCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteStrictMode})
	expired := crosscase.FieldErrorf("credential", "The passkey's question has expired or did not come from this session: try again.")
	c, err := r.Cookie(passkeyCookie)
	if err != nil {
		return nil, expired
	}
	payload, mac, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(ceremonyMAC(r, purpose, payload))) {
		return nil, expired
	}
	data, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil, expired
	}
	var sd webauthn.SessionData
	if err := json.Unmarshal(data, &sd); err != nil {
		return nil, expired
	}
	return &sd, nil
}

// ceremonyMAC binds a ceremony's payload to the session and the purpose.
func ceremonyMAC(r *http.Request, purpose, payload string) string {
	sess := server.SessionFromContext(r.Context())
	if sess == nil {
		return ""
	}
	m := hmac.New(sha256.New, []byte(sess.CSRFKey))
	m.Write([]byte("crosscase passkey " + purpose + "\x00" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// writeOptions answers the options of a ceremony for the browser.
func writeOptions(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(v)
}

// handlePasskeyOptionsPage starts adding a passkey to the signed-in
// user's account: the options for navigator.credentials.create.
func (s *Server) handlePasskeyOptionsPage(w http.ResponseWriter, r *http.Request) {
	u := crosscase.UserFromContext(r.Context())
	rp, pu, err := s.passkeyParty(r, u)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var exclude []protocol.CredentialDescriptor
	for _, c := range pu.creds {
		exclude = append(exclude, c.Descriptor())
	}
	creation, sd, err := rp.BeginRegistration(pu, webauthn.WithExclusions(exclude),
		webauthn.WithResidentKeyRequirement(protocol.ResidentKeyRequirementDiscouraged))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.setCeremony(w, r, "add", sd); err != nil {
		s.Error(w, r, err)
		return
	}
	writeOptions(w, creation.Response)
}

// handlePasskeyAddPage keeps the passkey the browser made, with its name.
func (s *Server) handlePasskeyAddPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	failWith := func(status int, err error) {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.renderAccount(w, r, status, &accountPage{SecondFactor: secondFactorAccount{PasskeyForm: newForm(v, err)}})
	}
	fail := func(err error) { failWith(formStatus(err), err) }
	sd, err := s.takeCeremony(w, r, "add")
	if err != nil {
		fail(err)
		return
	}
	rp, pu, err := s.passkeyParty(r, u)
	if err != nil {
		fail(err) // a store error fails as an error page
		return
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes([]byte(v.Get("credential")))
	if err != nil {
		fail(crosscase.FieldErrorf("credential", "The browser's answer could not be read: try again."))
		return
	}
	cred, err := rp.CreateCredential(pu, *sd, parsed)
	if err != nil {
		fail(crosscase.FieldErrorf("credential", "The passkey's answer did not check out: try again."))
		return
	}
	data, err := json.Marshal(cred)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &crosscase.Passkey{Name: v.Get("name"), CredentialID: base64.RawURLEncoding.EncodeToString(cred.ID), Credential: data}
	if status, err := s.throttledCheck(w, r, "code", "second factor", func() error {
		return s.SecondFactors.AddPasskey(ctx, p, v.Get("code"))
	}); err != nil {
		failWith(status, err)
		return
	}
	s.redirectFlash(w, r, "/account#second-factor", "passkey_added")
}

// handlePasskeyRemovePage removes one of the user's passkeys.
func (s *Server) handlePasskeyRemovePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.SecondFactors.RemovePasskey(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/account#second-factor", "passkey_removed")
}

// handleSecondFactorPasskeyOptions starts the second step with a passkey
// for a session owing it: the options for navigator.credentials.get.
func (s *Server) handleSecondFactorPasskeyOptions(w http.ResponseWriter, r *http.Request) {
	u, _, ok := s.pendingForm(w, r)
	if !ok {
		return
	}
	rp, pu, err := s.passkeyParty(r, u)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if len(pu.creds) == 0 {
		s.Error(w, r, crosscase.Errorf(crosscase.EINVALID, "This account has no passkey: give a code."))
		return
	}
	// The password is the first factor and the passkey the second, a
	// thing the user holds: user verification (a PIN or a fingerprint on
	// the authenticator) is asked for where the authenticator has it, not
	// required.
	assertion, sd, err := rp.BeginLogin(pu, webauthn.WithUserVerification(protocol.VerificationPreferred))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.setCeremony(w, r, "sign-in", sd); err != nil {
		s.Error(w, r, err)
		return
	}
	writeOptions(w, assertion.Response)
}

// handleSecondFactorPasskey checks the passkey's answer of a session owing
// the second step: throttled and audited as a code is; a right answer lets
// the session in.
func (s *Server) handleSecondFactorPasskey(w http.ResponseWriter, r *http.Request) {
	u, sess, ok := s.pendingForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	next := safeNext(r.PostFormValue("next"))
	ticket, throttled := s.throttleSecondStep(w, r, u, next)
	if throttled {
		return
	}
	refuse := func() {
		actor := crosscase.ActorFromContext(ctx) // counted by throttleSecondStep
		s.auditSignIn(ctx, u.Name, actor, "passkey")
		s.renderSecondFactor(w, r, http.StatusUnauthorized, u, next, crosscase.Errorf(crosscase.EUNAUTHORIZED,
			"The passkey did not answer for this account. Try again, or give a code from your app."))
	}
	// A question that ran out (or never was) is no wrong answer: it is
	// asked again, and not counted against the account. It cannot be
	// used to guess, since no answer is checked without one; and the
	// session that gave a right answer no longer owes the step, so an
	// answer cannot be replayed into it.
	// The attempt that throttleSecondStep counted is taken back.
	pass := func() { s.passSignIn(ctx, ticket) }
	sd, err := s.takeCeremony(w, r, "sign-in")
	if err != nil {
		pass()
		s.renderSecondFactor(w, r, http.StatusUnprocessableEntity, u, next, err)
		return
	}
	rp, pu, err := s.passkeyParty(r, u)
	if err != nil {
		pass()
		s.Error(w, r, err)
		return
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes([]byte(r.PostFormValue("credential")))
	if err != nil {
		refuse()
		return
	}
	cred, err := rp.ValidateLogin(pu, *sd, parsed)
	if err != nil || cred.Authenticator.CloneWarning {
		refuse()
		return
	}
	data, err := json.Marshal(cred)
	if err != nil {
		pass()
		s.Error(w, r, err)
		return
	}
	if err := s.SecondFactors.UsePasskey(ctx, u.ID, base64.RawURLEncoding.EncodeToString(cred.ID), data); crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		refuse() // removed since the question was asked
		return
	} else if err != nil {
		pass()
		s.Error(w, r, err)
		return
	}
	s.completeSecondStep(w, r, u, sess, ticket, "passkey", next)
}

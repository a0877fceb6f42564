package web

import (
	"net/http"

	"crosscase"
)

// throttledCheck runs check, which has the signed-in user prove again who
// they are (their current password, a code of their second factor),
// within the sign-in throttle, since it is the same secret a sign-in
// guesses: while the account or the address must wait, check is not run
// and the answer is a field error on field with status 429 and
// Retry-After; a wrong answer (check's error on field) counts as a failed
// sign-in and is audited with detail; any other outcome is not counted.
// It returns the status to answer check's error with, and the error.
func (s *Server) throttledCheck(w http.ResponseWriter, r *http.Request, field, detail string, check func() error) (int, error) {
	ctx := r.Context()
	u, actor := crosscase.UserFromContext(ctx), crosscase.ActorFromContext(ctx)
	ticket, secs, err := s.signInAttempt(w, r, u.Name, detail+" throttled")
	if err != nil {
		return formStatus(err), err
	}
	if secs > 0 {
		return http.StatusTooManyRequests, crosscase.FieldErrorf(field, tooManySignIns, secs)
	}
	err = check()
	if err != nil && crosscase.ErrorField(err) == field {
		s.auditSignIn(ctx, u.Name, actor, detail)
		return formStatus(err), err
	}
	s.passSignIn(ctx, ticket)
	return formStatus(err), err
}

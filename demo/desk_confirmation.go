package demo

import (
	"context"
	"crypto/rand"
	"fmt"

	"crosscase"
)

// newcomer is the account the demo's administrator has just made for the
// Italian desk: its place on the desk waits for a colleague's
// confirmation (README, "Nobody acts as someone else"), so that Giulia
// Rossi's dashboard shows whom to confirm.
var newcomer = demoUser{"it.bianchi", "Luca Bianchi", "IT", crosscase.RoleDeskMember}

// loadNewcomer makes the newcomer's account as the administrator "admin"
// would through the application, and adds its sign-in to logins. Without
// that administrator (a store made otherwise) it makes nothing.
func loadNewcomer(ctx context.Context, svc crosscase.Services, desks map[string]int64, logins []Login) ([]Login, error) {
	admin, err := svc.Users.FindUserByName(ctx, "admin")
	if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
		return logins, nil
	} else if err != nil {
		return logins, fmt.Errorf("demo newcomer: %w", err)
	}
	as := crosscase.NewContextWithActor(ctx, &crosscase.Actor{User: admin, Reason: "demo"})
	pw := rand.Text()
	u := &crosscase.User{Name: newcomer.name, DisplayName: newcomer.display, Role: newcomer.role, DeskID: desks[newcomer.country], MustChangePassword: true}
	if err := svc.Users.CreateUser(as, u, pw); err != nil {
		return logins, fmt.Errorf("create demo user %s: %w", u.Name, err)
	}
	return append(logins, Login{Name: u.Name, Role: string(u.Role), Desk: newcomer.country, Password: pw}), nil
}

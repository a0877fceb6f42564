package crosscase

import "context"

// Actor is who is acting in a request: the signed-in user, the address the
// request came from, and the reason the user gave, if any. Every service
// method reads the actor from its context; a context without one acts as
// nobody and sees nothing.
type Actor struct {
	User       *User
	RemoteAddr string
	Reason     string
	// TokenID is the API token the request came with: 0 for a page
	// session or a command on the server's machine.
	TokenID int64
	// SessionID is the browser session the request came with: 0 for an
	// API token or a command on the server's machine.
	SessionID int64
}

type actorKey struct{}

// NewContextWithActor returns a copy of ctx carrying a.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor of ctx, or nil.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// UserFromContext returns the user of ctx's actor, or nil.
func UserFromContext(ctx context.Context) *User {
	if a := ActorFromContext(ctx); a != nil {
		return a.User
	}
	return nil
}

// SystemActor returns the actor used by operator commands run on the
// server's own machine (migrate, user add, demo). It has the administrator
// role and no desk, so it sees no case content through the read paths.
func SystemActor() *Actor {
	return &Actor{User: &User{Name: systemName, DisplayName: "System (command line)", Role: RoleAdministrator}, RemoteAddr: "local"}
}

// IsSystemName reports whether name is the system actor's login name,
// which no account may take: the audit log and the pages name the
// command line's acts by it.
func IsSystemName(name string) bool { return name == systemName }

// systemName is the login name of SystemActor.
const systemName = "system"

// SystemContext returns a copy of ctx acting as the system actor.
func SystemContext(ctx context.Context) context.Context {
	return NewContextWithActor(ctx, SystemActor())
}

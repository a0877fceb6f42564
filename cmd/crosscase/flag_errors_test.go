package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusalsNameFlags: a command that passes its flags to the store's
// rules names, when refused, the flag the user typed (--country), never
// the API's field (country_code).
func TestRefusalsNameFlags(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "", "migrate", "--data", dir); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	if out, err := run(t, "", "desk", "add", "--data", dir, "--country", "IT"); err != nil {
		t.Fatalf("desk add: %v\n%s", err, out)
	}
	if out, err := run(t, "", "user", "add", "--data", dir, "--desk", "IT", "--name", "it.rossi"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	list := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(list, []byte("id,name\nR-1,Arben Cela\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args  []string
		stdin string
		flag  string // the flag the refusal names
		field string // the API's field it must not name, where the message could not hold it otherwise
	}{
		{args: []string{"desk", "add", "--country", "XX"}, flag: "--country: ", field: "country_code"},
		{args: []string{"desk", "add", "--country", "FR", "--kind", "embassy"}, flag: "--kind: "},
		{args: []string{"user", "add", "--role", "jit_member", "--name", "jit.nobody"}, flag: "--country: ", field: "country_code"},
		{args: []string{"user", "add", "--role", "jit_member", "--name", "jit.nobody", "--country", "XX"}, flag: "--country: ", field: "country_code"},
		{args: []string{"user", "add", "--desk", "IT", "--name", "Not A Login"}, flag: "--name: "},
		{args: []string{"user", "add", "--desk", "IT", "--name", "it.verdi", "--role", "judge"}, flag: "--role: "},
		{args: []string{"user", "add", "--role", "desk_member", "--name", "it.verdi"}, flag: "--desk: ", field: "desk_id"},
		{args: []string{"user", "add", "--desk", "IT", "--name", "it.verdi", "--password-stdin"}, stdin: "short\n", flag: "--password-stdin: "},
		{args: []string{"token", "create", "--user", "it.rossi", "--label", strings.Repeat("x", 101)}, flag: "--label: "},
		{args: []string{"import", "entities", "--case", "999", "--map", "name=full_name", "--id-column", "id", list}, flag: "--case: "},
		{args: []string{"check", "--map", "name", list}, flag: "--map: "},
		{args: []string{"report", "--year", "20x4"}, flag: "--year: "},
	} {
		var stdout, stderr bytes.Buffer
		m := &Main{Stdin: strings.NewReader(c.stdin), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
		err := m.Run(context.Background(), append(c.args, "--data", dir))
		m.Close()
		if err == nil {
			t.Errorf("%v accepted:\n%s", c.args, stdout.String())
			continue
		}
		// What the program writes on standard error when it stops (main).
		printed := stderr.String() + "crosscase: " + err.Error()
		if !strings.HasPrefix(err.Error(), c.flag) || c.field != "" && strings.Contains(printed, c.field) {
			t.Errorf("%v: refusal %q, not naming the flag %q", c.args, printed, c.flag)
		}
	}
}

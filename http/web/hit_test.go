package web

import "testing"

// TestHitBack checks where a decision returns to: only the hits pages of
// this site, whatever the form says.
func TestHitBack(t *testing.T) {
	for back, want := range map[string]string{
		"":                            "/hits/7",
		"/hits":                       "/hits#hit-7",
		"/hits?status=new&case_id=3":  "/hits?status=new&case_id=3#hit-7",
		"/hits/7":                     "/hits/7",
		"/hits/12":                    "/hits/12",
		"/hits/0":                     "/hits/7",
		"/cases/3":                    "/hits/7",
		"//evil.example/hits":         "/hits/7",
		"https://evil.example/hits":   "/hits/7",
		`/\evil.example/hits`:         "/hits/7",
		"javascript:alert(1)":         "/hits/7",
		"/hits/7/../../admin":         "/hits/7",
		"/hits?next=https://evil.ex/": "/hits?next=https://evil.ex/#hit-7",
	} {
		if got := hitBack(back, 7); got != want {
			t.Errorf("hitBack(%q) = %q, want %q", back, got, want)
		}
	}
}

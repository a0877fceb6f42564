package web

import (
	"testing"

	"crosscase/locale"
)

// TestFileSize: a file's size on the pages (JIT evidence) is written in
// the reader's language: its word for bytes, its decimal comma, the
// binary units as they are.
func TestFileSize(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		n    int64
		want string
	}{
		{"en", 180, "180 bytes"}, {"fr", 180, "180 octets"}, {"de", 180, "180 Bytes"}, {"it", 180, "180 byte"}, {"es", 180, "180 bytes"}, {"pl", 180, "180 bajtów"}, {"pl", 2, "2 bajty"}, {"pl", 1, "1 bajt"},
		{"en", 1, "1 byte"}, {"fr", 1, "1 octet"},
		{"en", 1 << 31, "2 GiB"}, {"de", 1 << 31, "2 GiB"},
		{"en", 1468006, "1.4 MiB"}, {"fr", 1468006, "1,4 MiB"}, {"it", 1468006, "1,4 MiB"}, {"es", 1468006, "1,4 MiB"}, {"pl", 1468006, "1,4 MiB"},
	} {
		if got := fileSize(c.Printer(tc.lang), tc.n); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

package evidence

import "testing"

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"2GiB": 2 << 30, "512 MiB": 512 << 20, "64KiB": 64 << 10, "100B": 100, "1000": 1000} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1GiB", "2GB", "1.5GiB", "2000000GiB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 532: "532 bytes", 2 << 30: "2 GiB", 1468006: "1.4 MiB", 512 << 20: "512 MiB", 1536: "1.5 KiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

package server

import (
	"net/netip"
	"testing"
)

// The client's address is read from X-Forwarded-For only as far as
// trusted proxies wrote it; an address a client put there itself is not
// believed.
func TestClientAddress(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32")}
	for _, tc := range []struct {
		peer      string
		forwarded []string
		want      string
	}{
		{"198.51.100.7:5555", nil, "198.51.100.7"},
		{"198.51.100.7:5555", []string{"203.0.113.9"}, "198.51.100.7"}, // not from a proxy: header ignored
		{"10.1.2.3:443", []string{"203.0.113.9"}, "203.0.113.9"},
		{"10.1.2.3:443", []string{"6.6.6.6, 203.0.113.9"}, "203.0.113.9"},    // the client's own claim is further left
		{"10.1.2.3:443", []string{"203.0.113.9, 192.0.2.1"}, "203.0.113.9"},  // two trusted hops
		{"10.1.2.3:443", []string{"203.0.113.9", "10.9.9.9"}, "203.0.113.9"}, // several headers
		{"10.1.2.3:443", nil, "10.1.2.3"},                                    // a proxy without the header
		{"10.1.2.3:443", []string{"not-an-address"}, "10.1.2.3"},             // garbage: trust nothing beyond
		{"[::ffff:10.1.2.3]:443", []string{"2001:db8::1"}, "2001:db8::1"},    // IPv4-mapped peer
		{"10.1.2.3:443", []string{"10.4.4.4, 10.5.5.5"}, "10.4.4.4"},         // only proxies: the farthest one
	} {
		if got := clientAddress(tc.peer, tc.forwarded, trusted); got != tc.want {
			t.Errorf("clientAddress(%q, %q) = %q, want %q", tc.peer, tc.forwarded, got, tc.want)
		}
	}
	if got := clientAddress("10.1.2.3:443", []string{"203.0.113.9"}, nil); got != "10.1.2.3" {
		t.Errorf("no trusted proxies: %q", got)
	}
}

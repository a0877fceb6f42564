package http

import (
	"bufio"
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb/sqldbtest"
)

// syncBuffer is a log sink the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestAPICentreStreamDropsAStalledClient: a client that opens a centre's
// stream and stops reading holds up no other participant — each message
// reaches a reading client at once while the stalled one's writes wait —
// and once a write waits past the stream's write timeout the stalled
// client is dropped: its stream ends and lets its connection go (README,
// Coordination centres (action day, live), Live stream).
func TestAPICentreStreamDropsAStalledClient(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	logs := &syncBuffer{}
	ts := newTestServer(t, db, func(s *server.Server) {
		// Longer than the reading client may wait for a message, so that
		// a stream held up by the stalled one would fail the test.
		s.StreamWriteTimeout = 2 * time.Second
		s.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	it, de, _, centre := twoDeskCentre(t, ts)
	path := fmt.Sprintf("/api/v1/centres/%d/events", centre.ID)

	// The stalled client: a raw connection with a small receive buffer
	// that sends its request, reads the status line and then nothing.
	stalled, err := net.Dial("tcp", strings.TrimPrefix(ts.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	if err := stalled.(*net.TCPConn).SetReadBuffer(4096); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(stalled, "GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n", path, strings.TrimPrefix(ts.URL(), "http://"), de.Token)
	status, err := bufio.NewReader(stalled).ReadString('\n')
	if err != nil || !strings.Contains(status, " 200 ") {
		t.Fatalf("stalled client's stream: %q, %v", status, err)
	}

	events, st, stop := openStream(t, ts.URL(), it.Token, path, "")
	defer stop()
	if st != http.StatusOK {
		t.Fatalf("stream: %d", st)
	}
	nextEvent(t, events, crosscase.EventCentreOpened)

	// Messages of 2,000 characters until the stalled client is dropped:
	// every one reaches the reading client within a second meanwhile.
	text := strings.Repeat("Search at Via Sparano done; nothing found. ", 50)[:2000]
	dropped := func() bool { return strings.Contains(logs.String(), "centre stream dropped") }
	start := time.Now()
	n := 0
	for ; !dropped(); n++ {
		if n == 20000 || time.Since(start) > 60*time.Second {
			t.Fatalf("the stalled client was not dropped after %d messages (%s)", n, time.Since(start).Round(time.Millisecond))
		}
		sent := time.Now()
		if _, err := db.PostCentreMessage(userContext(it.User), centre.ID, crosscase.CentreMessage{Text: text}); err != nil {
			t.Fatal(err)
		}
		ev := nextEvent(t, events, crosscase.EventMessage)
		if d := time.Since(sent); d > time.Second {
			t.Fatalf("message %d (event %d) reached the reading client after %s", n, ev.ID, d)
		}
	}
	t.Logf("stalled client dropped after %d messages of 2,000 characters (%s)", n, time.Since(start).Round(time.Millisecond))
	// The reading client goes on.
	if _, err := db.PostCentreMessage(userContext(it.User), centre.ID, crosscase.CentreMessage{Text: "Still here."}); err != nil {
		t.Fatal(err)
	}
	nextEvent(t, events, crosscase.EventMessage)
}

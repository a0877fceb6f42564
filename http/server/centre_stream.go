package server

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"crosscase"
)

// The live stream of a centre (README, Coordination centres (action day,
// live), Live stream): Server-Sent Events, each with the event's sequence
// number as its id, so that a client reconnecting with Last-Event-ID (or
// ?after=) gets every event it missed and none twice. Need to know is
// checked when the stream opens (404 as for a missing centre). A stream
// writes only to its own connection, so a client that stops reading holds
// up no other; one that does not take a write within streamWriteTimeout
// is dropped, and reconnects and catches up from the log. Comments every
// streamHeartbeat keep proxies from closing an idle stream; at each, need
// to know and the caller's token or session are checked again.
const (
	streamHeartbeat    = 15 * time.Second
	streamWriteTimeout = 10 * time.Second
	streamBatch        = 500
)

// HandleCentreEvents streams a centre's events, for the board page and
// for API clients.
func (s *Server) HandleCentreEvents(w http.ResponseWriter, r *http.Request) {
	id, err := APIPathID(r, "id", "Centre")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	after, err := streamAfter(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	ctx := r.Context()
	feed, err := s.Centres.SubscribeCentre(ctx, id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	defer feed.Close()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	timeout := s.StreamWriteTimeout
	if timeout <= 0 {
		timeout = streamWriteTimeout
	}
	write := func(b []byte) bool {
		if err := rc.SetWriteDeadline(time.Now().Add(timeout)); err != nil && err != http.ErrNotSupported {
			return false
		}
		_, err := w.Write(b)
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			s.Logger.Info("centre stream dropped: its client took no write in time", "centre", id, "after", after, "err", err)
			return false
		}
		return true
	}
	if !write([]byte("retry: 2000\n\n")) {
		return
	}
	send := func() bool {
		for {
			evs, err := feed.Events(ctx, after, streamBatch)
			if err != nil {
				s.Logger.Warn("centre stream", "centre", id, "err", err)
				return ctx.Err() == nil // try again at the next wake-up or heartbeat
			}
			if len(evs) == 0 {
				return true
			}
			var b []byte
			for _, ev := range evs {
				f, err := s.frames.frame(ev)
				if err != nil {
					return false
				}
				b = append(b, f...)
				after = ev.Seq
			}
			if !write(b) {
				return false
			}
			if len(evs) < streamBatch {
				return true
			}
		}
	}
	if !send() {
		return
	}
	hb := s.StreamHeartbeat
	if hb <= 0 {
		hb = streamHeartbeat
	}
	// The first heartbeat comes after a random part of the interval, then
	// one every interval: streams opened together (a room joining at
	// nine) check their credentials spread over the interval, not all at
	// once, where their queries would hold up the reads of new events.
	tick := time.NewTimer(rand.N(hb) + 1)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.streamsDone:
			return
		case <-feed.Wake():
			if !send() {
				return
			}
		case <-tick.C:
			tick.Reset(hb)
			if !s.stillTakesPart(r, feed) {
				return
			}
			if !write([]byte(": ping\n\n")) || !send() {
				return
			}
		}
	}
}

// streamAfter is where a stream resumes: the Last-Event-ID header of a
// reconnecting client, else the after parameter, else the beginning.
func streamAfter(r *http.Request) (int64, error) {
	q, err := ReadQuery(r, "after")
	if err != nil {
		return 0, err
	}
	s := strings.TrimSpace(r.Header.Get("Last-Event-ID"))
	field := "Last-Event-ID"
	if s == "" {
		s, field = q.Str("after"), "after"
	}
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, BadRequest(field, "%s is the sequence number of the last event received, 0 or more.", field)
	}
	return n, nil
}

// sseFrames encodes each event once per process, however many streams
// send it: a frame is the same bytes for every participant (events carry
// no person, README, Coordination centres (action day, live)).
type sseFrames struct {
	mu     sync.Mutex
	frames map[[2]int64][]byte // by centre and seq
}

// maxFrames bounds the cache; past it, it starts again empty.
const maxFrames = 20000

func (c *sseFrames) frame(ev *crosscase.CentreEvent) ([]byte, error) {
	k := [2]int64{ev.CentreID, ev.Seq}
	c.mu.Lock()
	f, ok := c.frames[k]
	c.mu.Unlock()
	if ok {
		return f, nil
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return nil, err
	}
	f = fmt.Appendf(nil, "id: %d\nevent: %s\ndata: %s\n\n", ev.Seq, ev.Kind, data)
	c.mu.Lock()
	if c.frames == nil || len(c.frames) >= maxFrames {
		c.frames = map[[2]int64][]byte{}
	}
	c.frames[k] = f
	c.mu.Unlock()
	return f, nil
}

// stillTakesPart checks a stream's caller again (authenticate), as
// withActor and the stream's opening did: the API token (revoked or its user disabled: no)
// or the session (signed out, past its limits or its user disabled: no),
// a password someone else set (no, until changed), then need to know for
// the caller as they are now: moved to another desk or given another
// role, they see what that desk or role may see. A store that cannot be
// reached is no answer: yes, until the next heartbeat. A session checked
// this way counts as used, as by any request: an open board keeps its
// session from idling out, up to its 12-hour limit.
func (s *Server) stillTakesPart(r *http.Request, feed crosscase.CentreFeed) bool {
	ctx := r.Context()
	_, _, u, err := s.authenticate(r)
	switch {
	case crosscase.ErrorCode(err) == crosscase.EUNAVAILABLE:
		return true
	case err != nil, u == nil, u.MustChangePassword:
		return false
	}
	var now crosscase.Actor
	if a := crosscase.ActorFromContext(ctx); a != nil {
		now = *a
	}
	now.User = u
	err = feed.Recheck(crosscase.NewContextWithActor(ctx, &now))
	return err == nil || crosscase.ErrorCode(err) == crosscase.EUNAVAILABLE
}

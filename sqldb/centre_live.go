package sqldb

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"crosscase"
)

// The live stream of coordination centres (README, Coordination centres
// (action day, live), Live stream). A centre's log is the one source: a
// wake-up says only "centre N has new events", and each serve process
// reads them from the store once, into a small per-centre cache that
// every stream of that centre in the process reads from. On PostgreSQL
// the wake-up comes from NOTIFY on centreChannel, sent inside the writing
// transaction and so delivered to every listening process at commit; the
// writing process also wakes its own streams directly. A cheap poll of
// each watched centre's latest sequence covers a lost notification, a
// listener reconnecting, and writers in another process on SQLite.

// centreChannel is the PostgreSQL NOTIFY channel of centre events; the
// payload is the centre's id.
const centreChannel = "crosscase_centres"

// Tuning of the live stream.
const (
	centreCacheSize = 4096        // events kept per watched centre
	centrePollEvery = time.Second // DB.CentrePoll, when not set
)

// centreHub fans centre events out to this process's subscribers.
type centreHub struct {
	d      *DB
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	subs   map[int64]map[*centreSub]struct{}
	caches map[int64]*centreCache
	// listening is set while the PostgreSQL listener is connected.
	listening bool
}

// centreCache holds the latest events of one centre, contiguous by seq.
type centreCache struct {
	mu     sync.Mutex
	events []*crosscase.CentreEvent
	filled bool
	// dirty is set by a wake-up (without waiting for a read of the store
	// in flight) and cleared by the read that follows it.
	dirty atomic.Bool
}

// centreHub returns the store's hub, starting it (and on PostgreSQL its
// listener) on first use.
func (d *DB) centreHub() *centreHub {
	d.hubOnce.Do(func() {
		ctx, cancel := context.WithCancel(context.Background())
		h := &centreHub{d: d, ctx: ctx, cancel: cancel, subs: map[int64]map[*centreSub]struct{}{}, caches: map[int64]*centreCache{}}
		d.hub = h
		go h.poll()
		if d.dialect == Postgres {
			go h.listen()
		}
	})
	return d.hub
}

func (h *centreHub) close() { h.cancel() }

// wake marks centre id's cache stale and tells its subscribers.
func (h *centreHub) wake(id int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c := h.caches[id]; c != nil {
		c.dirty.Store(true)
	}
	for s := range h.subs[id] {
		select {
		case s.ch <- struct{}{}:
		default: // a wake-up is already pending: one is enough
		}
	}
}

// wakeAll wakes every watched centre (after the listener reconnected).
func (h *centreHub) wakeAll() {
	h.mu.Lock()
	ids := make([]int64, 0, len(h.subs))
	for id := range h.subs {
		ids = append(ids, id)
	}
	h.mu.Unlock()
	for _, id := range ids {
		h.wake(id)
	}
}

// subscribe opens a feed of centre id (authorised by the caller).
func (h *centreHub) subscribe(id int64) *centreSub {
	s := &centreSub{h: h, id: id, ch: make(chan struct{}, 1)}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[id] == nil {
		h.subs[id] = map[*centreSub]struct{}{}
	}
	if h.caches[id] == nil {
		h.caches[id] = &centreCache{}
	}
	h.subs[id][s] = struct{}{}
	return s
}

func (h *centreHub) unsubscribe(s *centreSub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs[s.id], s)
	if len(h.subs[s.id]) == 0 {
		delete(h.subs, s.id)
		delete(h.caches, s.id)
	}
}

// events returns centre id's events after seq from the cache, refreshing
// it from the store once per wake-up; a reader further behind than the
// cache reads the store directly.
func (h *centreHub) events(ctx context.Context, id, after int64, limit int) ([]*crosscase.CentreEvent, error) {
	if limit <= 0 || limit > 5000 {
		limit = 5000
	}
	h.mu.Lock()
	c := h.caches[id]
	h.mu.Unlock()
	if c == nil {
		return h.direct(ctx, id, after, limit)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if dirty := c.dirty.Swap(false); !c.filled || dirty {
		from := after
		if len(c.events) > 0 {
			from = c.events[len(c.events)-1].Seq
		}
		var fresh []*crosscase.CentreEvent
		err := h.d.read(ctx, func(tx *Tx) (err error) {
			fresh, err = tx.centreEventsAfter(ctx, id, from, centreCacheSize)
			return err
		})
		if err != nil {
			c.dirty.Store(true)
			return nil, err
		}
		if len(c.events) > 0 && len(fresh) > 0 && fresh[0].Seq != c.events[len(c.events)-1].Seq+1 {
			c.events = nil // not contiguous: start again from what was read
		}
		c.events = append(c.events, fresh...)
		if n := len(c.events); n > centreCacheSize {
			c.events = append([]*crosscase.CentreEvent(nil), c.events[n-centreCacheSize:]...)
		}
		c.filled = true
	}
	if len(c.events) == 0 || after+1 < c.events[0].Seq {
		if len(c.events) == 0 {
			return []*crosscase.CentreEvent{}, nil
		}
		return h.direct(ctx, id, after, limit)
	}
	i := int(after + 1 - c.events[0].Seq)
	if i >= len(c.events) {
		return []*crosscase.CentreEvent{}, nil
	}
	out := c.events[i:]
	if len(out) > limit {
		out = out[:limit]
	}
	return append([]*crosscase.CentreEvent(nil), out...), nil
}

// direct reads centre id's events after seq from the store.
func (h *centreHub) direct(ctx context.Context, id, after int64, limit int) ([]*crosscase.CentreEvent, error) {
	var out []*crosscase.CentreEvent
	err := h.d.read(ctx, func(tx *Tx) (err error) {
		out, err = tx.centreEventsAfter(ctx, id, after, limit)
		return err
	})
	return out, err
}

// poll compares each watched centre's latest sequence with its cache and
// wakes those that moved on.
func (h *centreHub) poll() {
	every := h.d.CentrePoll
	if every <= 0 {
		every = centrePollEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-h.ctx.Done():
			return
		case <-t.C:
		}
		h.mu.Lock()
		known := map[int64]int64{}
		for id, c := range h.caches {
			c.mu.Lock()
			if c.filled && len(c.events) > 0 {
				known[id] = c.events[len(c.events)-1].Seq
			} else {
				known[id] = -1
			}
			c.mu.Unlock()
		}
		h.mu.Unlock()
		for id, seq := range known {
			var last int64
			err := h.d.read(h.ctx, func(tx *Tx) error {
				return tx.queryRow(h.ctx, `SELECT COALESCE(MAX(seq), 0) FROM centre_events WHERE centre_id = ?`, id).Scan(&last)
			})
			if err == nil && seq >= 0 && last > seq {
				h.wake(id)
			}
		}
	}
}

// listen holds a PostgreSQL connection that LISTENs on centreChannel,
// reconnecting after a failure; each notification wakes its centre.
func (h *centreHub) listen() {
	for h.ctx.Err() == nil {
		conn, err := pgx.Connect(h.ctx, h.d.dsn)
		if err == nil {
			_, err = conn.Exec(h.ctx, `LISTEN `+centreChannel)
		}
		if err == nil {
			h.mu.Lock()
			h.listening = true
			h.mu.Unlock()
			h.wakeAll() // catch up on what was missed while disconnected
			for {
				n, err := conn.WaitForNotification(h.ctx)
				if err != nil {
					break
				}
				if id, err := strconv.ParseInt(n.Payload, 10, 64); err == nil {
					h.wake(id)
				}
			}
			h.mu.Lock()
			h.listening = false
			h.mu.Unlock()
		}
		if conn != nil {
			conn.Close(context.Background())
		}
		select {
		case <-h.ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// centreSub is one live feed of a centre.
type centreSub struct {
	h    *centreHub
	id   int64
	ch   chan struct{}
	once sync.Once
}

// Wake implements crosscase.CentreFeed.
func (s *centreSub) Wake() <-chan struct{} { return s.ch }

// Events implements crosscase.CentreFeed.
func (s *centreSub) Events(ctx context.Context, after int64, limit int) ([]*crosscase.CentreEvent, error) {
	return s.h.events(ctx, s.id, after, limit)
}

// Recheck implements crosscase.CentreFeed: need to know again, as when
// the feed was opened, without an audit entry (the stream's opening was
// audited).
func (s *centreSub) Recheck(ctx context.Context) error {
	return s.h.d.read(ctx, func(tx *Tx) error {
		_, err := tx.authorizeCentre(ctx, s.id, false)
		return err
	})
}

// Close implements crosscase.CentreFeed.
func (s *centreSub) Close() { s.once.Do(func() { s.h.unsubscribe(s) }) }

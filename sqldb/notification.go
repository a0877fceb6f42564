package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"crosscase"
)

// notifyDesks puts n in the inbox of each desk of deskIDs (duplicates and
// zero ids are skipped), in tx, so that the notification exists exactly
// when the event it tells about was committed.
func (tx *Tx) notifyDesks(ctx context.Context, deskIDs []int64, n crosscase.Notification) error {
	args := ""
	if n.SubjectFormat != "" {
		b, err := json.Marshal(n.SubjectArgs)
		if err != nil {
			return fmt.Errorf("notification subject: %w", err)
		}
		args = string(b)
	}
	seen := map[int64]bool{}
	for _, id := range deskIDs {
		if id == 0 || seen[id] {
			continue
		}
		seen[id] = true
		if _, err := tx.exec(ctx, `INSERT INTO notifications (desk_id, kind, subject, subject_format, subject_args, link, object_type, object_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, n.Kind, n.Subject, n.SubjectFormat, args, n.Link, n.ObjectType, n.ObjectID, micros(tx.now)); err != nil {
			return err
		}
	}
	return nil
}

// notifyCountries notifies the desks of the given countries (countries
// without a desk are skipped).
func (tx *Tx) notifyCountries(ctx context.Context, countries []string, n crosscase.Notification) error {
	if len(countries) == 0 {
		return nil
	}
	args := make([]any, len(countries))
	for i, c := range countries {
		args[i] = c
	}
	rows, err := tx.query(ctx, `SELECT id FROM desks WHERE country_code IN (`+placeholders(len(countries))+`) ORDER BY id`, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return translate(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	rows.Close()
	return tx.notifyDesks(ctx, ids, n)
}

// The inbox of notifications follows the rule of notices (crosscase.CanReadNotices):
// a desk's case workers and contact points have it; administrators and
// statistics users never do, whatever desk they are attached to, since
// notifications name cases, hits and notices they do not read.

// FindNotifications implements crosscase.NotificationService.
func (d *DB) FindNotifications(ctx context.Context, unreadOnly bool, limit int) ([]*crosscase.Notification, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if limit < 1 || limit > 200 {
		limit = 50
	}
	var out []*crosscase.Notification
	if !crosscase.CanReadNotices(u) {
		return out, nil // administrators and statistics users have no inbox
	}
	q := `SELECT id, desk_id, kind, subject, subject_format, subject_args, link, object_type, object_id, created_at, read_at FROM notifications WHERE desk_id = ?`
	if unreadOnly {
		q += ` AND read_at = 0`
	}
	q += ` ORDER BY id DESC LIMIT ?`
	err = d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, u.DeskID, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n crosscase.Notification
			var created, read int64
			var args string
			if err := rows.Scan(&n.ID, &n.DeskID, &n.Kind, &n.Subject, &n.SubjectFormat, &args, &n.Link, &n.ObjectType, &n.ObjectID, &created, &read); err != nil {
				return err
			}
			if n.SubjectFormat != "" {
				if err := json.Unmarshal([]byte(args), &n.SubjectArgs); err != nil {
					return fmt.Errorf("notification %d subject: %w", n.ID, err)
				}
			}
			n.CreatedAt = fromMicros(created)
			if read != 0 {
				t := fromMicros(read)
				n.ReadAt = &t
			}
			out = append(out, &n)
		}
		return rows.Err()
	})
	return out, err
}

// CountUnreadNotifications implements crosscase.NotificationService.
func (d *DB) CountUnreadNotifications(ctx context.Context) (int, error) {
	u, err := requireUser(ctx)
	if err != nil || !crosscase.CanReadNotices(u) {
		return 0, err
	}
	var n int
	err = d.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE desk_id = ? AND read_at = 0`, u.DeskID).Scan(&n)
	})
	return n, translate(err)
}

// MarkNotificationRead implements crosscase.NotificationService.
func (d *DB) MarkNotificationRead(ctx context.Context, id int64) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !crosscase.CanReadNotices(u) {
		return notFound("Notification")
	}
	return d.withTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE notifications SET read_at = ? WHERE id = ? AND desk_id = ? AND read_at = 0`, micros(tx.now), id, u.DeskID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var one int
			if err := tx.queryRow(ctx, `SELECT 1 FROM notifications WHERE id = ? AND desk_id = ?`, id, u.DeskID).Scan(&one); err != nil {
				return notFound("Notification")
			}
		}
		return nil
	})
}

package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"crosscase"
)

// checkNoticeFiles checks the attachments of a notice before anything is
// stored: their number, names, types and sizes.
func checkNoticeFiles(files []crosscase.NoticeFile) error {
	if len(files) > crosscase.MaxAttachments {
		return crosscase.FieldErrorf("attachments", "A notice carries at most %d files; this one has %d.", crosscase.MaxAttachments, len(files))
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.Content))
	}
	if total > crosscase.MaxNoticeFilesBytes {
		return crosscase.Errorf(crosscase.ETOOLARGE, "The files of a notice hold at most %d bytes (64 MiB) together; these hold %d.", crosscase.MaxNoticeFilesBytes, total).WithField("attachments")
	}
	for i, f := range files {
		field := "attachments[" + strconv.Itoa(i) + "]"
		if err := crosscase.CheckFileName(field+".name", f.Name); err != nil {
			return err
		}
		if err := crosscase.CheckMediaType(field+".content_type", f.ContentType); err != nil {
			return err
		}
		if len(f.Content) > crosscase.MaxAttachmentBytes {
			return crosscase.Errorf(crosscase.ETOOLARGE, "%s is %d bytes; the limit for one file is %d bytes (25 MiB).", f.Name, len(f.Content), crosscase.MaxAttachmentBytes).WithField(field)
		}
	}
	return nil
}

// SendNotice implements crosscase.NoticeService.
func (d *DB) SendNotice(ctx context.Context, n *crosscase.Notice, files []crosscase.NoticeFile) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if !crosscase.CanSendNotices(u) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors send notices.")
	}
	if err := n.Validate(); err != nil {
		return err
	}
	if err := checkNoticeFiles(files); err != nil {
		return err
	}
	err = d.withTx(ctx, func(tx *Tx) error {
		return tx.insertNotice(ctx, u, n, files)
	})
	d.recordRefusal(ctx, err, "notice", 0, 0)
	return err
}

// insertNotice stores and sends validated n from u's desk.
func (tx *Tx) insertNotice(ctx context.Context, u *crosscase.User, n *crosscase.Notice, files []crosscase.NoticeFile) error {
	var senderName string
	if err := tx.queryRow(ctx, `SELECT country_code, name FROM desks WHERE id = ?`, u.DeskID).Scan(&n.SenderCountry, &senderName); err != nil {
		return fmt.Errorf("desk of user %d: %w", u.ID, err)
	}
	type recipient struct {
		id      int64
		country string
	}
	var recipients []recipient
	if n.ToAll {
		rows, err := tx.query(ctx, `SELECT id, country_code FROM desks WHERE id <> ? ORDER BY country_code`, u.DeskID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r recipient
			if err := rows.Scan(&r.id, &r.country); err != nil {
				rows.Close()
				return err
			}
			recipients = append(recipients, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(recipients) == 0 {
			return crosscase.FieldErrorf("to_all", "There is no other desk to send to.")
		}
	} else {
		for i, id := range n.RecipientDeskIDs {
			field := "recipient_desk_ids[" + strconv.Itoa(i) + "]"
			r := recipient{id: id}
			if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, id).Scan(&r.country); errors.Is(err, sql.ErrNoRows) {
				return crosscase.FieldErrorf(field, "Desk %d does not exist.", id)
			} else if err != nil {
				return err
			}
			if id == u.DeskID {
				return crosscase.FieldErrorf(field, "A desk does not send a notice to itself.")
			}
			recipients = append(recipients, r)
		}
	}
	name := u.DisplayName
	if name == "" {
		name = u.Name
	}
	now := micros(tx.now)
	id, err := tx.insert(ctx, `INSERT INTO notices (sender_desk_id, sender_user_id, sender_name, subject, body, personal_data, to_all, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		u.DeskID, u.ID, name, n.Subject, n.Body, boolInt(n.PersonalData), boolInt(n.ToAll), now)
	if err != nil {
		return err
	}
	n.ID, n.SenderDeskID, n.SenderName, n.SentAt = id, u.DeskID, name, fromMicros(now)
	var rows [][]any
	ids := make([]int64, 0, len(recipients))
	for _, r := range recipients {
		rows = append(rows, []any{id, r.id})
		ids = append(ids, r.id)
		if n.PersonalData {
			// Regulation (EU) 2018/1727, Art. 56: operational personal data
			// go to a third country only under a cooperation agreement; one
			// recipient without one refuses the whole notice.
			if err := tx.authorizeTransfer(ctx, r.country, crosscase.TransferNotice, "notice", id, 0); err != nil {
				var e *crosscase.Error
				if errors.As(err, &e) {
					return e.WithSentence(crosscase.NoticeNotSent).WithField("personal_data")
				}
				return err
			}
		}
	}
	if err := tx.insertRows(ctx, `INSERT INTO notice_recipients (notice_id, desk_id) VALUES `, rows); err != nil {
		return err
	}
	n.Attachments = []*crosscase.Attachment{}
	for _, f := range files {
		sum := sha256.Sum256(f.Content)
		a := &crosscase.Attachment{NoticeID: id, Name: f.Name, ContentType: f.ContentType, Size: int64(len(f.Content)), SHA256: hex.EncodeToString(sum[:]), CreatedAt: fromMicros(now)}
		if a.ID, err = tx.insert(ctx, `INSERT INTO notice_attachments (notice_id, name, content_type, size, sha256, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, a.Name, a.ContentType, a.Size, a.SHA256, f.Content, now); err != nil {
			return err
		}
		n.Attachments = append(n.Attachments, a)
	}
	if err := tx.notifyDesks(ctx, ids, crosscase.Notification{Kind: crosscase.NotifyNotice,
		Link: "/notices/" + strconv.FormatInt(id, 10), ObjectType: "notice", ObjectID: id}.Saying(crosscase.SubjectNotice, senderName)); err != nil {
		return err
	}
	n.RecipientDeskIDs, n.RecipientCount = ids, len(ids)
	if err := tx.loadRecipients(ctx, n, u.DeskID); err != nil {
		return err
	}
	tx.audit(ctx, crosscase.ActionCreate, "notice", id, 0, fmt.Sprintf("recipients=%d attachments=%d personal_data=%t to_all=%t", len(ids), len(files), n.PersonalData, n.ToAll))
	return nil
}

const noticeColumns = `n.id, n.sender_desk_id, dk.country_code, n.sender_name, n.subject, n.body, n.personal_data, n.to_all, n.sent_at,
	(SELECT COUNT(*) FROM notice_recipients r WHERE r.notice_id = n.id),
	(SELECT COUNT(*) FROM notice_recipients r WHERE r.notice_id = n.id AND r.acknowledged_at <> 0)`

func scanNotice(s scanner) (*crosscase.Notice, error) {
	n := &crosscase.Notice{RecipientDeskIDs: []int64{}, Recipients: []*crosscase.NoticeRecipient{}, Attachments: []*crosscase.Attachment{}}
	var personal, all int
	var sent int64
	if err := s.Scan(&n.ID, &n.SenderDeskID, &n.SenderCountry, &n.SenderName, &n.Subject, &n.Body, &personal, &all, &sent, &n.RecipientCount, &n.AcknowledgedCount); err != nil {
		return nil, err
	}
	n.PersonalData, n.ToAll, n.SentAt = personal != 0, all != 0, fromMicros(sent)
	return n, nil
}

// loadRecipients fills n's recipients (with their desks) and desk ids as
// readerDesk may see them: the sender desk sees every recipient and who
// acknowledged; a recipient desk sees only its own row, so that a third
// country's contact point does not learn which desks and officials
// received the notice, nor the names of the officials who acknowledged it
// (data minimisation, Regulation (EU) 2018/1725, Art. 4(1)(c)). The counts
// are those of all recipients for the sender and the reader's own row
// otherwise.
func (tx *Tx) loadRecipients(ctx context.Context, n *crosscase.Notice, readerDesk int64) error {
	q := `SELECT r.desk_id, dk.name, dk.kind, dk.country_code, r.acknowledged_at, r.acknowledged_by
		FROM notice_recipients r JOIN desks dk ON dk.id = r.desk_id WHERE r.notice_id = ?`
	args := []any{n.ID}
	if readerDesk != n.SenderDeskID {
		q += ` AND r.desk_id = ?`
		args = append(args, readerDesk)
	}
	rows, err := tx.query(ctx, q+` ORDER BY dk.country_code`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	n.Recipients, n.RecipientDeskIDs = []*crosscase.NoticeRecipient{}, []int64{}
	n.AcknowledgedCount = 0
	for rows.Next() {
		r := &crosscase.NoticeRecipient{}
		var kind string
		var ack int64
		if err := rows.Scan(&r.DeskID, &r.DeskName, &kind, &r.Country, &ack, &r.AcknowledgedBy); err != nil {
			return err
		}
		r.DeskKind = crosscase.DeskKind(kind)
		if ack != 0 {
			t := fromMicros(ack)
			r.AcknowledgedAt = &t
			n.AcknowledgedCount++
		}
		n.Recipients = append(n.Recipients, r)
		n.RecipientDeskIDs = append(n.RecipientDeskIDs, r.DeskID)
	}
	n.RecipientCount = len(n.Recipients)
	return rows.Err()
}

// FindNotice implements crosscase.NoticeService.
func (d *DB) FindNotice(ctx context.Context, id int64) (*crosscase.Notice, error) {
	var n *crosscase.Notice
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if n, err = tx.authorizeNotice(ctx, id); err != nil {
			return err
		}
		u, _ := requireUser(ctx)
		if err := tx.loadRecipients(ctx, n, u.DeskID); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT id, notice_id, name, content_type, size, sha256, created_at FROM notice_attachments WHERE notice_id = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a := &crosscase.Attachment{}
			var created int64
			if err := rows.Scan(&a.ID, &a.NoticeID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &created); err != nil {
				return err
			}
			a.CreatedAt = fromMicros(created)
			n.Attachments = append(n.Attachments, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionRead, "notice", id, 0, fmt.Sprintf("personal_data=%t", n.PersonalData))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "notice", id, 0)
		return nil, err
	}
	return n, nil
}

// FindNotices implements crosscase.NoticeService.
func (d *DB) FindNotices(ctx context.Context, box crosscase.NoticeBox, limit int) ([]*crosscase.Notice, error) {
	u, err := requireUser(ctx)
	if err != nil {
		return nil, err
	}
	if box != crosscase.Inbox && box != crosscase.Outbox {
		return nil, crosscase.FieldErrorf("box", "The box is inbox or outbox.")
	}
	if err := crosscase.CheckLimit(&limit, 50, 200); err != nil {
		return nil, err
	}
	out := []*crosscase.Notice{}
	if !crosscase.CanReadNotices(u) {
		return out, nil
	}
	err = d.withTx(ctx, func(tx *Tx) error {
		q := `SELECT ` + noticeColumns + ` FROM notices n JOIN desks dk ON dk.id = n.sender_desk_id WHERE n.sender_desk_id = ? ORDER BY n.id DESC LIMIT ?`
		if box == crosscase.Inbox {
			q = `SELECT ` + noticeColumns + `, me.acknowledged_at, me.acknowledged_by FROM notices n JOIN desks dk ON dk.id = n.sender_desk_id
				JOIN notice_recipients me ON me.notice_id = n.id AND me.desk_id = ? ORDER BY n.id DESC LIMIT ?`
		}
		rows, err := tx.query(ctx, q, u.DeskID, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ack int64
			var by string
			var n *crosscase.Notice
			if box == crosscase.Inbox {
				n, err = scanNotice(scanExtra{rows, []any{&ack, &by}})
			} else {
				n, err = scanNotice(rows)
			}
			if err != nil {
				return err
			}
			if box == crosscase.Inbox {
				r := &crosscase.NoticeRecipient{DeskID: u.DeskID, AcknowledgedBy: by}
				if ack != 0 {
					t := fromMicros(ack)
					r.AcknowledgedAt = &t
				}
				n.Recipients = []*crosscase.NoticeRecipient{r}
				// A recipient desk learns nothing of the other recipients.
				n.RecipientDeskIDs, n.RecipientCount, n.AcknowledgedCount = []int64{u.DeskID}, 1, 0
				if ack != 0 {
					n.AcknowledgedCount = 1
				}
			}
			out = append(out, n)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionList, "notice", 0, 0, fmt.Sprintf("box=%s notices=%d", box, len(out)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// scanExtra scans a row into a scanner's destinations and then extra.
type scanExtra struct {
	rows  *sql.Rows
	extra []any
}

func (s scanExtra) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }

// AcknowledgeNotice implements crosscase.NoticeService.
func (d *DB) AcknowledgeNotice(ctx context.Context, id int64) error {
	err := d.withTx(ctx, func(tx *Tx) error {
		u, err := requireUser(ctx)
		if err != nil {
			return err
		}
		var ack int64
		err = tx.queryRow(ctx, `SELECT acknowledged_at FROM notice_recipients WHERE notice_id = ? AND desk_id = ?`, id, u.DeskID).Scan(&ack)
		if errors.Is(err, sql.ErrNoRows) || u.DeskID == 0 {
			return notFound("Notice")
		} else if err != nil {
			return err
		}
		if !crosscase.CanAcknowledgeNotices(u) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Desk members, liaison prosecutors and contact points acknowledge notices for their desk.")
		}
		if ack != 0 {
			return nil // the first acknowledgement stands
		}
		name := u.DisplayName
		if name == "" {
			name = u.Name
		}
		if _, err := tx.exec(ctx, `UPDATE notice_recipients SET acknowledged_at = ?, acknowledged_by = ?, ack_user_id = ? WHERE notice_id = ? AND desk_id = ? AND acknowledged_at = 0`,
			micros(tx.now), name, u.ID, id, u.DeskID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE notifications SET read_at = ? WHERE desk_id = ? AND object_type = 'notice' AND object_id = ? AND read_at = 0`,
			micros(tx.now), u.DeskID, id); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionAcknowledge, "notice", id, 0, "")
		return nil
	})
	d.recordRefusal(ctx, err, "notice", id, 0)
	return err
}

// FindAttachment implements crosscase.NoticeService.
func (d *DB) FindAttachment(ctx context.Context, noticeID, id int64) (*crosscase.Attachment, []byte, error) {
	var a *crosscase.Attachment
	var content []byte
	err := d.withTx(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeNotice(ctx, noticeID); err != nil {
			return err
		}
		a = &crosscase.Attachment{}
		var created int64
		err := tx.queryRow(ctx, `SELECT id, notice_id, name, content_type, size, sha256, created_at, content FROM notice_attachments WHERE id = ? AND notice_id = ?`, id, noticeID).
			Scan(&a.ID, &a.NoticeID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &created, &content)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Attachment")
		} else if err != nil {
			return err
		}
		a.CreatedAt = fromMicros(created)
		tx.audit(ctx, crosscase.ActionRead, "notice_attachment", id, 0, "notice="+strconv.FormatInt(noticeID, 10)+" sha256="+a.SHA256)
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "notice_attachment", id, 0)
		return nil, nil, err
	}
	return a, content, nil
}

// CountUnacknowledgedNotices implements crosscase.NoticeService.
func (d *DB) CountUnacknowledgedNotices(ctx context.Context) (int, error) {
	u, err := requireUser(ctx)
	if err != nil || !crosscase.CanReadNotices(u) {
		return 0, err
	}
	var n int
	err = d.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM notice_recipients WHERE desk_id = ? AND acknowledged_at = 0`, u.DeskID).Scan(&n)
	})
	return n, translate(err)
}

package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"crosscase"
)

// AddNoticeRecipients implements crosscase.NoticeService.
func (d *DB) AddNoticeRecipients(ctx context.Context, id int64, deskIDs []int64) (*crosscase.Notice, error) {
	var n *crosscase.Notice
	err := d.withTx(ctx, func(tx *Tx) (err error) {
		if n, err = tx.authorizeNotice(ctx, id); err != nil {
			return err
		}
		u := crosscase.UserFromContext(ctx)
		if n.SenderDeskID != u.DeskID {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the desk that sent a notice adds recipients to it.")
		}
		if !crosscase.CanSendNotices(u) {
			return crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors send notices.")
		}
		if len(deskIDs) == 0 {
			return crosscase.FieldErrorf("desk_ids", "Choose the desks to add.")
		}
		if len(deskIDs) > 500 {
			return crosscase.FieldErrorf("desk_ids", "Add at most 500 desks at once.")
		}
		if err := uniqueDeskIDs(deskIDs); err != nil {
			return err
		}
		var rows [][]any
		var countries []string
		for i, desk := range deskIDs {
			field := "desk_ids[" + strconv.Itoa(i) + "]"
			var country string
			if err := tx.queryRow(ctx, `SELECT country_code FROM desks WHERE id = ?`, desk).Scan(&country); errors.Is(err, sql.ErrNoRows) {
				return crosscase.FieldErrorf(field, "Desk %d does not exist: an administrator registers a country with no one at the agency as a contact-point desk first.", desk)
			} else if err != nil {
				return err
			}
			if desk == n.SenderDeskID {
				return crosscase.FieldErrorf(field, "A desk does not send a notice to itself.")
			}
			var one int
			if err := tx.queryRow(ctx, `SELECT 1 FROM notice_recipients WHERE notice_id = ? AND desk_id = ?`, id, desk).Scan(&one); err == nil {
				return crosscase.FieldErrorf(field, "Desk %d has already received this notice.", desk)
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if n.PersonalData {
				// Regulation (EU) 2018/1727, Art. 56: operational personal
				// data go to a third country only under a cooperation
				// agreement; one added desk without one refuses them all.
				if err := tx.authorizeTransfer(ctx, country, crosscase.TransferNotice, "notice", id, 0); err != nil {
					var e *crosscase.Error
					if errors.As(err, &e) {
						return e.WithSentence(crosscase.NoDeskAdded).WithField("personal_data")
					}
					return err
				}
			}
			rows = append(rows, []any{id, desk})
			countries = append(countries, country)
		}
		if err := tx.insertRows(ctx, `INSERT INTO notice_recipients (notice_id, desk_id) VALUES `, rows); err != nil {
			return err
		}
		var sender string
		if err := tx.queryRow(ctx, `SELECT name FROM desks WHERE id = ?`, n.SenderDeskID).Scan(&sender); err != nil {
			return err
		}
		if err := tx.notifyDesks(ctx, deskIDs, crosscase.Notification{Kind: crosscase.NotifyNotice,
			Link: "/notices/" + strconv.FormatInt(id, 10), ObjectType: "notice", ObjectID: id}.Saying(crosscase.SubjectNotice, sender)); err != nil {
			return err
		}
		if err := tx.loadRecipients(ctx, n, u.DeskID); err != nil {
			return err
		}
		tx.audit(ctx, crosscase.ActionUpdate, "notice", id, 0, fmt.Sprintf("added recipients=%s personal_data=%t", strings.Join(countries, ","), n.PersonalData))
		return nil
	})
	if err != nil {
		d.recordRefusal(ctx, err, "notice", id, 0)
		return nil, err
	}
	return n, nil
}

// uniqueDeskIDs checks that desk ids are positive and listed once.
func uniqueDeskIDs(ids []int64) error {
	seen := map[int64]bool{}
	for i, id := range ids {
		field := "desk_ids[" + strconv.Itoa(i) + "]"
		if id <= 0 {
			return crosscase.FieldErrorf(field, "Desk ids are positive numbers.")
		}
		if seen[id] {
			return crosscase.FieldErrorf(field, "Desk %d is listed twice.", id)
		}
		seen[id] = true
	}
	return nil
}

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/pagopa"
)

var _ pagopa.StampStore = (*Store)(nil)

// stampQueries are the statements of the @e.bollo tables.
type stampQueries struct {
	saveRequest, selectRequests            string
	insertIUBD, selectIUBD                 string
	insertContrassegno, selectContrassegno string
}

func buildStampQueries(d Dialect, prefix string) stampQueries {
	t := func(name string) string { return prefix + name }
	// Hashes are ordered byte by byte, as Go compares strings, whatever
	// the collation of the PostgreSQL database.
	byHash := "hash_document"
	if d == PostgreSQL {
		byHash = `hash_document COLLATE "C"`
	}
	q := stampQueries{
		saveRequest: `INSERT INTO ` + t("stamp_requests") + ` (org, notice_number, transfer_id, hash_document,
			iuv, amount_cents, stamp_type, province, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (org, notice_number, transfer_id, hash_document) DO UPDATE SET iuv = excluded.iuv,
			amount_cents = excluded.amount_cents, stamp_type = excluded.stamp_type, province = excluded.province,
			requested_at = excluded.requested_at`,
		selectRequests: `SELECT iuv, amount_cents, hash_document, stamp_type, province, requested_at FROM ` + t("stamp_requests") + `
			WHERE org = ? AND notice_number = ? AND transfer_id = ? ORDER BY requested_at DESC, ` + byHash,
		insertIUBD: `INSERT INTO ` + t("iubd_uses") + ` (iubd, receipt_id, used_at) VALUES (?, ?, ?)
			ON CONFLICT (iubd) DO NOTHING`,
		selectIUBD: `SELECT receipt_id FROM ` + t("iubd_uses") + ` WHERE iubd = ?`,
		insertContrassegno: `INSERT INTO ` + t("contrassegni") + ` (id, issued_at, use_ref, used_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`,
		selectContrassegno: `SELECT issued_at, use_ref FROM ` + t("contrassegni") + ` WHERE id = ?`,
	}
	if d == PostgreSQL {
		for _, p := range []*string{
			&q.saveRequest, &q.selectRequests, &q.insertIUBD, &q.selectIUBD,
			&q.insertContrassegno, &q.selectContrassegno,
		} {
			*p = numberPlaceholders(*p)
		}
	}
	return q
}

// SaveStampRequest implements pagopa.StampStore with one statement,
// INSERT … ON CONFLICT DO UPDATE: saving a request with the key of a
// stored one replaces its IUV, amount, type, province and time.
func (s *Store) SaveStampRequest(ctx context.Context, r *pagopa.StampRequest) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.retry(ctx, func() error {
		_, err := s.db.ExecContext(ctx, s.q.stamps.saveRequest, r.Organization, r.NoticeNumber, int64(r.TransferID),
			r.HashDocument, r.IUV, r.Amount, r.Type, r.Province, s.timeArg(r.RequestedAt))
		return err
	})
	return s.wrap(err)
}

// StampRequests implements pagopa.StampStore: the requests for the
// transfer, newest first and, at equal times, by HashDocument. Their
// RequestedAt keeps the instant (to the microsecond on PostgreSQL), not
// the time zone.
func (s *Store) StampRequests(ctx context.Context, org, noticeNumber string, transferID int) ([]pagopa.StampRequest, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []pagopa.StampRequest
	err := s.retry(ctx, func() error {
		out = nil
		rows, err := s.db.QueryContext(ctx, s.q.stamps.selectRequests, org, noticeNumber, int64(transferID))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r := pagopa.StampRequest{Organization: org, NoticeNumber: noticeNumber, TransferID: transferID}
			if err := rows.Scan(&r.IUV, &r.Amount, &r.HashDocument, &r.Type, &r.Province, scanTime{&r.RequestedAt}); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.wrap(err)
	}
	return out, nil
}

// IUBDs implements pagopa.StampStore: a bollo.Registry kept in the table
// iubd_uses. Use inserts the IUBD with INSERT … ON CONFLICT DO NOTHING,
// so that of any number of concurrent uses, from any number of
// processes sharing the database, exactly one succeeds; the others get a
// *bollo.UsedError naming the receipt of the one that did. The row also
// records when the IUBD was used, by the Store's clock (WithClock).
func (s *Store) IUBDs() bollo.Registry { return iubdRegistry{s} }

// Contrassegni returns a bollo.ContrassegnoRegistry kept in the table
// contrassegni. Like IUBDs, it marks an identifier used with one INSERT …
// ON CONFLICT DO NOTHING, so that exactly one of concurrent uses
// succeeds and the others get a *bollo.ContrassegnoUsedError with the
// time of issue and the use given the first time. The row also records
// when the contrassegno was used, by the Store's clock.
func (s *Store) Contrassegni() bollo.ContrassegnoRegistry { return contrassegnoRegistry{s} }

type iubdRegistry struct{ s *Store }

// Use implements bollo.Registry.
func (r iubdRegistry) Use(ctx context.Context, iubd, receiptID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if iubd == "" || receiptID == "" {
		return &bollo.VerifyError{Err: bollo.ErrInvalid, Detail: "empty IUBD or receipt ID"}
	}
	s := r.s
	var first string
	used, err := s.useOnce(ctx, s.q.stamps.insertIUBD, []any{iubd, receiptID, s.timeArg(s.now())},
		s.q.stamps.selectIUBD, []any{iubd}, &first)
	if err != nil {
		return err
	}
	if used {
		return &bollo.UsedError{IUBD: iubd, ReceiptID: first}
	}
	return nil
}

type contrassegnoRegistry struct{ s *Store }

// UseContrassegno implements bollo.ContrassegnoRegistry.
func (r contrassegnoRegistry) UseContrassegno(ctx context.Context, c bollo.Contrassegno, use string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if use == "" {
		return &bollo.RuleError{Err: bollo.ErrInvalid, Field: "use", Detail: "empty"}
	}
	s := r.s
	var issued time.Time
	var first string
	used, err := s.useOnce(ctx, s.q.stamps.insertContrassegno, []any{c.ID, s.timeArg(c.IssuedAt), use, s.timeArg(s.now())},
		s.q.stamps.selectContrassegno, []any{c.ID}, scanTime{&issued}, &first)
	if err != nil {
		return err
	}
	if used {
		return &bollo.ContrassegnoUsedError{ID: c.ID, IssuedAt: issued, Use: first}
	}
	return nil
}

// useOnce runs insert, an INSERT … ON CONFLICT DO NOTHING of one row,
// and reports whether the row was there already (used), in which case it
// reads the stored row with query into dest. The outcome is decided by
// the table's primary key, so it holds across processes.
func (s *Store) useOnce(ctx context.Context, insert string, insertArgs []any, query string, queryArgs []any, dest ...any) (used bool, err error) {
	err = s.retry(ctx, func() error {
		used = false
		res, err := s.db.ExecContext(ctx, insert, insertArgs...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		err = s.db.QueryRowContext(ctx, query, queryArgs...).Scan(dest...)
		if errors.Is(err, sql.ErrNoRows) {
			// The rows are never deleted: a row that made the insert
			// do nothing and cannot be read is a conflict to retry.
			return errConflict
		}
		used = err == nil
		return err
	})
	return used, s.wrap(err)
}

package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/pagokit/pagokit/pagopa"
)

// Receipts returns the receipts of the ente org whose payment time
// (paymentDateTime, or the time of arrival for a receipt without one) is
// in [from, to), oldest first and, at equal times, by receipt id: the
// order is the same on every call, so that what is built from it (a
// conservation package, say) is reproducible. The receipts are read one
// at a time while the caller consumes them; an error ends the sequence.
func (s *Store) Receipts(ctx context.Context, org string, from, to time.Time) iter.Seq2[*pagopa.Receipt, error] {
	return func(yield func(*pagopa.Receipt, error) bool) {
		q := `SELECT receipt_id, doc, raw FROM ` + s.prefix + `receipts
			WHERE org = ? AND COALESCE(payment_date_time, received_at) >= ? AND COALESCE(payment_date_time, received_at) < ?
			ORDER BY COALESCE(payment_date_time, received_at), receipt_id`
		if s.dialect == PostgreSQL {
			q = numberPlaceholders(q)
		}
		rows, err := s.db.QueryContext(ctx, q, org, s.timeArg(from), s.timeArg(to))
		if err != nil {
			yield(nil, s.wrap(err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var doc, raw []byte
			if err := rows.Scan(&id, &doc, &raw); err != nil {
				yield(nil, s.wrap(err))
				return
			}
			r := new(pagopa.Receipt)
			if err := json.Unmarshal(doc, r); err != nil {
				yield(nil, fmt.Errorf("sqlstore: decoding receipt %s: %w", id, err))
				return
			}
			r.Raw = raw
			if !yield(r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, s.wrap(err))
		}
	}
}

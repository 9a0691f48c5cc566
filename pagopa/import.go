package pagopa

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// MaxImportPosition bounds the JSON of one position in ImportPositions.
const MaxImportPosition = 1 << 20

// ImportReport sums up ImportPositions.
type ImportReport struct {
	Created, Updated, Unchanged int
	// Problems lists the positions not imported, by index in the array.
	Problems []ImportProblem
}

// An ImportProblem is a position ImportPositions refused.
type ImportProblem struct {
	Index int
	IUPD  string
	Err   error
}

// Error names the position and the problem.
func (p ImportProblem) Error() string {
	return fmt.Sprintf("position %d (%s): %v", p.Index, p.IUPD, p.Err)
}

// ImportPositions reads a JSON array of debt positions (GPD's
// PaymentPositionModel with "organizationFiscalCode") from r, one element
// at a time, and stores them. Each is validated (Validate and
// cfg.CheckPosition); a new position without status, or a DRAFT, is
// published at now; a position already stored is replaced, keeping its
// state, when it is still updatable and differs, and left alone otherwise
// (so importing the same file again changes nothing). A refused
// position is reported in the ImportReport and does not stop the import;
// a read or store error does.
func ImportPositions(ctx context.Context, store Store, cfg *Config, r io.Reader, now time.Time) (ImportReport, error) {
	var rep ImportReport
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return rep, fmt.Errorf("pagopa: positions: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return rep, errors.New("pagopa: positions: want a JSON array")
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return rep, fmt.Errorf("pagopa: positions[%d]: %w", i, err)
		}
		if len(raw) > MaxImportPosition {
			rep.Problems = append(rep.Problems, ImportProblem{Index: i, Err: fmt.Errorf("%w: over %d bytes", ErrTooLong, MaxImportPosition)})
			continue
		}
		var p Position
		if err := json.Unmarshal(raw, &p); err != nil {
			rep.Problems = append(rep.Problems, ImportProblem{Index: i, Err: fmt.Errorf("%w: %v", ErrFormat, err)})
			continue
		}
		if p.Status == "" {
			p.Status = Draft
		}
		if p.Status == Draft {
			if err := p.Publish(now); err != nil {
				rep.Problems = append(rep.Problems, ImportProblem{Index: i, IUPD: p.IUPD, Err: err})
				continue
			}
		}
		if err := p.Validate(); err != nil {
			rep.Problems = append(rep.Problems, ImportProblem{Index: i, IUPD: p.IUPD, Err: err})
			continue
		}
		if err := cfg.CheckPosition(&p); err != nil {
			rep.Problems = append(rep.Problems, ImportProblem{Index: i, IUPD: p.IUPD, Err: err})
			continue
		}
		err := store.CreatePosition(ctx, &p)
		if err == nil {
			rep.Created++
			ev := Event{Time: now, Kind: EventPositionCreated, Organization: p.Organization, IUPD: p.IUPD}
			if err := store.AppendEvent(ctx, &ev); err != nil {
				return rep, err
			}
			continue
		}
		if !errors.Is(err, ErrExists) {
			return rep, err
		}
		changed := false
		_, err = store.UpdatePosition(ctx, p.Organization, p.IUPD, func(old *Position) error {
			changed = false // fn may run again after a conflict
			if !old.Updatable() {
				return nil // paid or cancelled: left alone
			}
			q := p.Clone()
			if old.Status != Draft {
				q.Status = old.Status // keep the state it reached
			}
			if sameJSON(old, q) {
				return nil
			}
			*old = *q
			changed = true
			return nil
		})
		switch {
		case errors.Is(err, ErrNotFound):
			// The IUPD is new, so an IUV was the conflict.
			rep.Problems = append(rep.Problems, ImportProblem{Index: i, IUPD: p.IUPD,
				Err: fmt.Errorf("%w: an IUV belongs to another position", ErrExists)})
		case errors.Is(err, ErrExists):
			rep.Problems = append(rep.Problems, ImportProblem{Index: i, IUPD: p.IUPD, Err: err})
		case err != nil:
			return rep, err
		case changed:
			rep.Updated++
			ev := Event{Time: now, Kind: EventPositionUpdated, Organization: p.Organization, IUPD: p.IUPD}
			if err := store.AppendEvent(ctx, &ev); err != nil {
				return rep, err
			}
		default:
			rep.Unchanged++
		}
	}
	if _, err := dec.Token(); err != nil {
		return rep, fmt.Errorf("pagopa: positions: %w", err)
	}
	return rep, nil
}

// sameJSON compares positions by their JSON, which every store keeps
// losslessly, so that nil and empty slices or time zones do not count as
// changes.
func sameJSON(a, b *Position) bool {
	ja, err1 := json.Marshal(utc(a))
	jb, err2 := json.Marshal(utc(b))
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// utc returns a copy of p with its times in UTC.
func utc(p *Position) *Position {
	c := p.Clone()
	in := func(t *time.Time) {
		if t != nil {
			*t = t.UTC()
		}
	}
	in(c.ValidityDate)
	in(c.PaymentDate)
	for i := range c.Options {
		o := &c.Options[i]
		o.DueDate = o.DueDate.UTC()
		in(o.RetentionDate)
		in(o.PaymentDate)
	}
	return c
}

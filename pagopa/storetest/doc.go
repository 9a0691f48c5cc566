// Package storetest is a conformance suite for implementations of
// pagopa.Store. A Store implementation's tests call Run with a function
// that opens an empty store, and RunShared with one that opens two Store
// values over the same database (two replicas of an endpoint):
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) pagopa.Store {
//			return openEmptyStore(t)
//		})
//	}
//
// open is called once per subtest and must return a store with no
// positions, receipts, sequences or events; it registers its own cleanup
// with t.Cleanup.
//
// # What the suite checks
//
//   - Positions: CreatePosition, Position, PositionByIUV and
//     UpdatePosition round-trip every field; ErrExists for a duplicate
//     IUPD and for an IUV already used by another position of the same
//     ente (the same IUV under another ente is fine); ErrNotFound; an
//     error from UpdatePosition's function aborts the update and changes
//     nothing; options are re-indexed by IUV after an update; every
//     position returned, and every position passed in, is a copy that the
//     caller may change without changing the store.
//   - Receipts: SaveReceipt stores a receipt once per (Organization,
//     ReceiptID), applies it to its position as Position.ApplyReceipt
//     does, records the anomalies in the caller's Receipt and in the
//     stored one, stores receipts of unknown IUVs with UnknownPosition,
//     and keeps Raw byte for byte.
//   - NextIUV starts at 1 for every (ente, series) and the series are
//     independent.
//   - The journal: AppendEvent sets increasing Seq values and Events pages
//     through them in order.
//   - A call whose context is already cancelled fails with the context's
//     error and changes nothing.
//   - Concurrency (run the tests with -race): 1,000 goroutines delivering
//     the same receipt store it once; 200 goroutines drawing from one IUV
//     series get exactly 1..200; 100 concurrent updates of one position
//     lose none; concurrent creates of one IUPD or one IUV let exactly one
//     through; receipts for every instalment of one position, delivered at
//     once, all apply; concurrent AppendEvent calls get distinct Seq
//     values. RunShared runs these across two Store values.
//   - Stamps, for a store that implements pagopa.StampStore (Run and
//     RunShared check by themselves; RunStamps and RunStampsShared run
//     these checks alone): SaveStampRequest replaces the request with
//     the same (Organization, NoticeNumber, TransferID, HashDocument)
//     and adds one with another hash; StampRequests returns the requests
//     of one transfer of one notice of one ente only, newest first and,
//     at equal times, by the bytes of HashDocument, and none without an
//     error; IUBDs() uses an IUBD once, later uses, also through another
//     IUBDs() value or store, getting a *bollo.UsedError naming the first
//     receipt, and an empty IUBD or receipt ID is bollo.ErrInvalid; 50
//     goroutines racing to use one IUBD let exactly one through.
//
// # Equality
//
// Stores usually serialise values, so the suite compares them the way a
// serialisation keeps them: nil and empty slices are equal, and times are
// equal when they denote the same instant to the microsecond (the
// precision of PostgreSQL's timestamps); their time.Location may change.
// A zero time must stay zero. Everything else, Raw and MBD bytes
// included, must come back exactly.
package storetest

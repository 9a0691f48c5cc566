package sqlstore

import "context"

// MigrateTo applies the migrations of s up to version v only, leaving the
// schema as a Store of an older version of the package made it.
func MigrateTo(ctx context.Context, s *Store, v int) error { return s.migrate(ctx, v) }

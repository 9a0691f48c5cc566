package sqlstore

import (
	"fmt"
	"testing"

	"github.com/pagokit/pagokit/pagopa"
)

// TestPositionCacheBound fills the cache past its size: it must keep
// exactly max entries, the newest among them, and answer only for the
// version it holds.
func TestPositionCacheBound(t *testing.T) {
	c := positionCache{max: 3}
	for i := range 10 {
		c.put("77777777777", fmt.Sprint("P", i), 1, &pagopa.Position{IUPD: fmt.Sprint("P", i)})
		if got, want := c.len(), min(i+1, 3); got != want {
			t.Fatalf("after %d puts the cache holds %d entries, want %d", i+1, got, want)
		}
	}
	if p := c.get("77777777777", "P9", 1); p == nil || p.IUPD != "P9" {
		t.Errorf("the newest entry is not cached: %v", p)
	}
	if p := c.get("77777777777", "P9", 2); p != nil {
		t.Errorf("version 2 answered from a cache of version 1")
	}
	c.put("77777777777", "P9", 2, &pagopa.Position{IUPD: "P9", FullName: "v2"})
	if got := c.len(); got != 3 {
		t.Errorf("replacing an entry changed the size to %d", got)
	}
	if p := c.get("77777777777", "P9", 2); p == nil || p.FullName != "v2" {
		t.Errorf("version 2 not cached: %v", p)
	}
	off := positionCache{}
	off.put("77777777777", "P1", 1, &pagopa.Position{})
	if off.get("77777777777", "P1", 1) != nil || off.len() != 0 {
		t.Error("a cache of size 0 keeps entries")
	}
}

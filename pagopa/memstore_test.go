package pagopa_test

import (
	"testing"

	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/storetest"
)

func TestMemoryStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) pagopa.Store { return pagopa.NewMemoryStore() })
}

func TestMemoryStoreZeroValue(t *testing.T) {
	storetest.Run(t, func(*testing.T) pagopa.Store { return new(pagopa.MemoryStore) })
}

func TestMemoryStoreShared(t *testing.T) {
	// One MemoryStore used through two references stands for two
	// replicas over one database.
	storetest.RunShared(t, func(*testing.T) (pagopa.Store, pagopa.Store) {
		s := pagopa.NewMemoryStore()
		return s, s
	})
}

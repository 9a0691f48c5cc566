package noticepdf

import (
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/pagokit/pagokit/internal/pdf"
)

// Logo is a decoded ente logo, reusable across notices and safe for
// concurrent use.
type Logo struct {
	img *pdf.Image
}

// ParseLogo decodes a PNG or JPEG logo of at most MaxLogoSize bytes. The
// graphic specification asks for a vector or 300 dpi image printed at
// 30×30 mm, about 354×354 pixels.
func ParseLogo(data []byte) (*Logo, error) {
	if len(data) > MaxLogoSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrLogo, MaxLogoSize)
	}
	img, err := pdf.ParseImage(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLogo, err)
	}
	return &Logo{img: img}, nil
}

// logoCache keeps the most recently used logos by content hash.
type logoCache struct {
	mu    sync.Mutex
	byKey map[[32]byte]*Logo
}

const logoCacheSize = 32

func (c *logoCache) get(data []byte) (*Logo, error) {
	key := sha256.Sum256(data)
	c.mu.Lock()
	l, ok := c.byKey[key]
	c.mu.Unlock()
	if ok {
		return l, nil
	}
	l, err := ParseLogo(data)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.byKey == nil || len(c.byKey) >= logoCacheSize {
		c.byKey = make(map[[32]byte]*Logo, logoCacheSize)
	}
	c.byKey[key] = l
	c.mu.Unlock()
	return l, nil
}

package soap

// Limits bounds the resources spent on one message. A zero or negative
// field stands for the value in DefaultLimits.
type Limits struct {
	// MaxBytes is the largest message, in bytes.
	MaxBytes int64
	// MaxDepth is the deepest element nesting; the Envelope is at depth 1.
	MaxDepth int
	// MaxElements is the largest number of elements in the message.
	MaxElements int
}

// DefaultLimits are generous for paForNode messages: a paSendRTV2 request
// with five @e.bollo attachments is a few tens of kilobytes, 10 levels
// deep, with a few hundred elements.
var DefaultLimits = Limits{MaxBytes: 4 << 20, MaxDepth: 32, MaxElements: 20000}

// withDefaults replaces zero and negative fields with DefaultLimits'.
func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultLimits.MaxElements
	}
	return l
}

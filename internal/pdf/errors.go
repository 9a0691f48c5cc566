package pdf

import "errors"

// ErrFont is wrapped by every error ParseFont returns.
var ErrFont = errors.New("pdf: invalid or unsupported font")

// ErrImage is wrapped by every error ParseImage returns.
var ErrImage = errors.New("pdf: invalid or unsupported image")

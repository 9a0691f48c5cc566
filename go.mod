module github.com/pagokit/pagokit

go 1.25.0

require (
	github.com/boombuler/barcode v1.1.0
	github.com/google/go-cmp v0.7.0
	github.com/skip2/go-qrcode v0.0.0-20200617195104-da1b6568686e
	golang.org/x/image v0.45.0
)

require golang.org/x/text v0.41.0 // indirect

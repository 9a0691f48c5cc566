package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/png"
	"io"
	"strings"
	"testing"
)

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func inflate(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParsePNG(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(gray.Pix, []byte{0, 50, 100, 150, 200, 250})
	gray16 := image.NewGray16(image.Rect(0, 0, 2, 1))
	copy(gray16.Pix, []byte{0x12, 0x34, 0xAB, 0xCD})
	opaque := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	copy(opaque.Pix, []byte{1, 2, 3, 255, 4, 5, 6, 255})
	alpha := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	copy(alpha.Pix, []byte{1, 2, 3, 0, 4, 5, 6, 200})
	pal := image.NewPaletted(image.Rect(0, 0, 3, 1), color.Palette{
		color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 128}, color.NRGBA{0, 255, 0, 255},
	})
	copy(pal.Pix, []byte{0, 1, 2})
	webPal := image.NewPaletted(image.Rect(0, 0, 2, 1), palette.WebSafe)
	copy(webPal.Pix, []byte{0, 215})
	rgba64 := image.NewNRGBA64(image.Rect(0, 0, 1, 1))
	rgba64.SetNRGBA64(0, 0, color.NRGBA64{0x1234, 0x5678, 0x9ABC, 0x8000})

	for _, tt := range []struct {
		name       string
		m          image.Image
		colorSpace string
		pix, alpha []byte
	}{
		{"gray", gray, "DeviceGray", []byte{0, 50, 100, 150, 200, 250}, nil},
		{"gray16", gray16, "DeviceGray", []byte{0x12, 0xAB}, nil},
		{"opaque", opaque, "DeviceRGB", []byte{1, 2, 3, 4, 5, 6}, nil},
		{"alpha", alpha, "DeviceRGB", []byte{1, 2, 3, 4, 5, 6}, []byte{0, 200}},
		{"paletted with transparency", pal, "DeviceRGB", []byte{255, 0, 0, 0, 0, 255, 0, 255, 0}, []byte{255, 128, 255}},
		{"paletted", webPal, "DeviceRGB", []byte{0, 0, 0, 255, 255, 255}, nil},
		{"16-bit with alpha", rgba64, "DeviceRGB", []byte{0x12, 0x56, 0x9A}, []byte{0x80}},
	} {
		im, err := ParseImage(encodePNG(t, tt.m))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		b := tt.m.Bounds()
		if w, h := im.Size(); w != b.Dx() || h != b.Dy() {
			t.Errorf("%s: Size() = %d, %d", tt.name, w, h)
		}
		if im.colorSpace != tt.colorSpace || im.filter != "FlateDecode" {
			t.Errorf("%s: /%s /%s", tt.name, im.colorSpace, im.filter)
		}
		if got := inflate(t, im.data); !bytes.Equal(got, tt.pix) {
			t.Errorf("%s: samples % x, want % x", tt.name, got, tt.pix)
		}
		if tt.alpha == nil {
			if im.smask != nil {
				t.Errorf("%s: a soft mask for an opaque image", tt.name)
			}
		} else if im.smask == nil {
			t.Errorf("%s: no soft mask", tt.name)
		} else if got := inflate(t, im.smask); !bytes.Equal(got, tt.alpha) {
			t.Errorf("%s: alpha % x, want % x", tt.name, got, tt.alpha)
		}
	}
}

// jpegHeader returns the start of a 32×16 JPEG of n components, with an
// Adobe marker (transform 0) or not, up to its first scan header: enough
// for image/jpeg's DecodeConfig.
func jpegHeader(n byte, adobe bool) []byte {
	b := []byte{0xFF, 0xD8}
	if adobe {
		b = append(b, 0xFF, 0xEE, 0, 14)
		b = append(b, "Adobe"...)
		b = append(b, 0, 100, 0, 0, 0, 0, 0) // version, flags, transform 0
	}
	b = append(b, 0xFF, 0xC0, 0, 8+3*n, 8, 0, 16, 0, 32, n) // SOF0: 8 bits, 16×32
	for c := byte(1); c <= n; c++ {
		b = append(b, c, 0x11, 0)
	}
	return append(b, 0xFF, 0xDA, 0, 2) // start of scan
}

// cmykJPEGHeader returns the start of a CMYK JPEG.
func cmykJPEGHeader(adobe bool) []byte { return jpegHeader(4, adobe) }

func TestParseJPEG(t *testing.T) {
	for _, tt := range []struct {
		name       string
		data       []byte
		colorSpace string
		decode     string
		w, h       int
	}{
		{"gray", testJPEG(t, 5, 3, true), "DeviceGray", "", 5, 3},
		{"colour", testJPEG(t, 4, 6, false), "DeviceRGB", "", 4, 6},
		{"Adobe CMYK", cmykJPEGHeader(true), "DeviceCMYK", "[1 0 1 0 1 0 1 0]", 32, 16},
		{"CMYK", cmykJPEGHeader(false), "DeviceCMYK", "", 32, 16},
		{"Adobe RGB", jpegHeader(3, true), "DeviceRGB", "", 32, 16},
	} {
		im, err := ParseImage(tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if w, h := im.Size(); w != tt.w || h != tt.h {
			t.Errorf("%s: Size() = %d, %d; want %d, %d", tt.name, w, h, tt.w, tt.h)
		}
		if im.colorSpace != tt.colorSpace || im.decode != tt.decode || im.filter != "DCTDecode" || im.smask != nil {
			t.Errorf("%s: /%s %s /%s", tt.name, im.colorSpace, im.decode, im.filter)
		}
		if rgb := tt.name == "Adobe RGB"; rgb != (im.decodeParms == "<< /ColorTransform 0 >>") {
			t.Errorf("%s: /DecodeParms %s", tt.name, im.decodeParms)
		}
		if !bytes.Equal(im.data, tt.data) {
			t.Errorf("%s: the JPEG is not kept as it is", tt.name)
		}
	}
}

// withSize returns a PNG with its IHDR saying w×h pixels (the image data
// unchanged) or a JPEG with its frame header saying so.
func withSize(t *testing.T, data []byte, w, h int) []byte {
	t.Helper()
	data = bytes.Clone(data)
	if bytes.HasPrefix(data, []byte("\x89PNG")) {
		ihdr := data[8+8 : 8+8+13]
		binary.BigEndian.PutUint32(ihdr, uint32(w))
		binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
		binary.BigEndian.PutUint32(data[8+8+13:], crc32.ChecksumIEEE(data[8+4:8+8+13]))
		return data
	}
	i := bytes.Index(data, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	binary.BigEndian.PutUint16(data[i+5:], uint16(h))
	binary.BigEndian.PutUint16(data[i+7:], uint16(w))
	return data
}

func TestParseImageErrors(t *testing.T) {
	small := testPNG(t, 4, 4, color.NRGBA{1, 2, 3, 255})
	jpg := testJPEG(t, 8, 8, false)
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "neither JPEG nor PNG"},
		{"GIF", []byte("GIF89a......"), "neither JPEG nor PNG"},
		{"too large", append(bytes.Clone(small), make([]byte, maxImageBytes)...), "larger than"},
		{"PNG cut", small[:len(small)-20], "PNG"},
		{"PNG header cut", small[:20], "PNG"},
		{"PNG too many pixels", withSize(t, small, 5001, 5000), "pixels"},
		{"PNG huge", withSize(t, small, 1<<30, 1<<30), "PNG"},
		{"JPEG cut", jpg[:10], "JPEG"},
		{"JPEG too many pixels", withSize(t, jpg, 5001, 5000), "pixels"},
		{"JPEG 0 wide", withSize(t, jpg, 0, 10), "empty image"},
		{"JPEG 12-bit", func() []byte {
			b := bytes.Clone(jpg)
			b[bytes.Index(b, []byte{0xFF, 0xC0})+4] = 12
			return b
		}(), "JPEG"},
	} {
		im, err := ParseImage(tt.data)
		if err == nil || !errors.Is(err, ErrImage) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseImage = %v, %v; want an error wrapping ErrImage saying %q", tt.name, im, err, tt.want)
		}
	}
	// At the limit: a JPEG is not decoded, so its header is enough.
	if im, err := ParseImage(withSize(t, jpg, 5000, 5000)); err != nil {
		t.Errorf("JPEG of 25 megapixels: %v", err)
	} else if w, h := im.Size(); w != 5000 || h != 5000 {
		t.Errorf("JPEG of 25 megapixels: Size() = %d, %d", w, h)
	}
}

func TestAdobeJPEG(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		want bool
	}{
		{"Adobe", cmykJPEGHeader(true), true},
		{"none", cmykJPEGHeader(false), false},
		{"fill bytes", append([]byte{0xFF, 0xD8, 0xFF}, cmykJPEGHeader(true)[2:]...), true},
		{"after the scan", append([]byte{0xFF, 0xD8, 0xFF, 0xDA, 0, 2}, cmykJPEGHeader(true)[2:]...), false},
		{"cut", cmykJPEGHeader(true)[:8], false},
		{"RGB", jpegHeader(3, true), true},
		{"garbage", []byte{0xFF, 0xD8, 1, 2, 3, 4, 5}, false},
		{"huge segment", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF}, false},
	} {
		if got := adobeJPEG(tt.data); got != tt.want {
			t.Errorf("%s: adobeJPEG = %v, want %v", tt.name, got, tt.want)
		}
	}
}

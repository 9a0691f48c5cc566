package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Limits on the images ParseImage accepts.
const (
	maxImageBytes  = 8 << 20    // size of the encoded file
	maxImagePixels = 25_000_000 // width × height
)

// Image is a raster image ready to embed. It is immutable and safe for
// concurrent use by many Documents.
type Image struct {
	width, height int
	colorSpace    string // DeviceGray, DeviceRGB or DeviceCMYK
	filter        string // DCTDecode or FlateDecode
	decode        string // the /Decode array, empty for the default
	decodeParms   string // the /DecodeParms dictionary, empty for none
	data          []byte // the samples, encoded as filter says
	smask         []byte // alpha samples (DeviceGray, FlateDecode), nil if opaque
}

func imageErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrImage}, args...)...)
}

// ParseImage parses a JPEG or PNG image. A JPEG (grayscale, RGB or CMYK)
// is embedded as it is; a PNG is decoded and embedded as 8-bit gray or RGB
// samples, with its transparency as a soft mask. Files larger than 8 MiB
// and images of more than 25 megapixels are rejected, the latter before
// decoding. Errors wrap ErrImage.
func ParseImage(data []byte) (*Image, error) {
	if len(data) > maxImageBytes {
		return nil, imageErr("file larger than %d bytes", maxImageBytes)
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		return parseJPEG(data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1A\n")):
		return parsePNG(data)
	}
	return nil, imageErr("neither JPEG nor PNG")
}

// Size returns the width and height of the image in pixels.
func (im *Image) Size() (w, h int) { return im.width, im.height }

// checkSize rejects empty images and images of more than maxImagePixels.
func checkSize(c image.Config) error {
	if c.Width <= 0 || c.Height <= 0 {
		return imageErr("empty image (%d×%d)", c.Width, c.Height)
	}
	if int64(c.Width)*int64(c.Height) > maxImagePixels {
		return imageErr("%d×%d pixels, more than %d", c.Width, c.Height, maxImagePixels)
	}
	return nil
}

func parseJPEG(data []byte) (*Image, error) {
	c, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, imageErr("JPEG: %v", err)
	}
	if err := checkSize(c); err != nil {
		return nil, err
	}
	im := &Image{width: c.Width, height: c.Height, filter: "DCTDecode", data: bytes.Clone(data)}
	switch c.ColorModel {
	case color.GrayModel:
		im.colorSpace = "DeviceGray"
	case color.YCbCrModel:
		im.colorSpace = "DeviceRGB"
	case color.RGBAModel:
		// Three components stored as RGB rather than YCbCr, as an Adobe
		// marker or the component ids say.
		im.colorSpace = "DeviceRGB"
		im.decodeParms = "<< /ColorTransform 0 >>"
	case color.CMYKModel:
		im.colorSpace = "DeviceCMYK"
		if adobeJPEG(data) {
			// Adobe applications write CMYK JPEGs with inverted samples.
			im.decode = "[1 0 1 0 1 0 1 0]"
		}
	default:
		return nil, imageErr("JPEG colour model not supported")
	}
	return im, nil
}

// adobeJPEG reports whether a JPEG has an Adobe APP14 segment before its
// first scan.
func adobeJPEG(b []byte) bool {
	for p := 2; p+4 <= len(b); {
		if b[p] != 0xFF {
			return false
		}
		marker := b[p+1]
		if marker == 0xFF { // fill byte
			p++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			return false
		}
		n := int(be16(b[p+2:]))
		if marker == 0xEE && n >= 7 && p+9 <= len(b) && string(b[p+4:p+9]) == "Adobe" {
			return true
		}
		p += 2 + n
	}
	return false
}

func parsePNG(data []byte) (*Image, error) {
	c, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, imageErr("PNG: %v", err)
	}
	if err := checkSize(c); err != nil {
		return nil, err
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, imageErr("PNG: %v", err)
	}
	r := m.Bounds()
	w, h := r.Dx(), r.Dy()
	im := &Image{width: w, height: h, filter: "FlateDecode"}

	var pix, alpha []byte
	opaque := true
	switch m := m.(type) {
	case *image.Gray:
		im.colorSpace = "DeviceGray"
		pix = make([]byte, 0, w*h)
		for y := range h {
			pix = append(pix, m.Pix[y*m.Stride:y*m.Stride+w]...)
		}
	case *image.Gray16:
		im.colorSpace = "DeviceGray"
		pix = make([]byte, 0, w*h)
		for y := range h {
			row := m.Pix[y*m.Stride:]
			for x := range w {
				pix = append(pix, row[2*x])
			}
		}
	default:
		im.colorSpace = "DeviceRGB"
		pix = make([]byte, 0, 3*w*h)
		alpha = make([]byte, 0, w*h)
		if p, ok := m.(*image.NRGBA); ok {
			for y := range h {
				row := p.Pix[y*p.Stride:]
				for x := range w {
					q := row[4*x : 4*x+4]
					pix = append(pix, q[0], q[1], q[2])
					alpha = append(alpha, q[3])
					opaque = opaque && q[3] == 0xFF
				}
			}
			break
		}
		var pal []color.NRGBA
		pm, _ := m.(*image.Paletted)
		if pm != nil {
			pal = make([]color.NRGBA, 256)
			for i, c := range pm.Palette[:min(len(pm.Palette), 256)] {
				pal[i] = color.NRGBAModel.Convert(c).(color.NRGBA)
			}
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				var c color.NRGBA
				if pm != nil {
					c = pal[pm.ColorIndexAt(x, y)]
				} else {
					c = color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
				}
				pix = append(pix, c.R, c.G, c.B)
				alpha = append(alpha, c.A)
				opaque = opaque && c.A == 0xFF
			}
		}
	}
	im.data = deflate(nil, pix, imageLevel)
	if !opaque {
		im.smask = deflate(nil, alpha, imageLevel)
	}
	return im, nil
}

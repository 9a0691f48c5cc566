package notice

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
	"sync"
)

// writeSVG writes a square matrix of modules as an SVG image of sizeMM
// millimetres, with quiet modules of margin on each side. Each row's runs
// of dark modules become one path segment, so the file stays small.
func writeSVG(w io.Writer, m [][]bool, quiet int, sizeMM float64) error {
	if len(m) == 0 {
		return fmt.Errorf("notice: empty symbol")
	}
	if !(sizeMM > 0 && sizeMM <= 1000) {
		return fmt.Errorf("notice: SVG size %v mm outside (0, 1000]", sizeMM)
	}
	n := len(m) + 2*quiet
	bw := bufio.NewWriter(w)
	mm := strconv.FormatFloat(sizeMM, 'f', -1, 64)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, mm, mm, n, n)
	fmt.Fprintf(bw, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range m {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(bw, "M%d %dh%dv1h-%dz", start+quiet, y+quiet, x-start, x-start)
		}
	}
	bw.WriteString(`"/></svg>` + "\n")
	return bw.Flush()
}

// pngEncoder reuses its compressor state between images.
var pngEncoder = &png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: new(pngPool)}

type pngPool sync.Pool

// Get implements png.EncoderBufferPool.
func (p *pngPool) Get() *png.EncoderBuffer {
	b, _ := (*sync.Pool)(p).Get().(*png.EncoderBuffer)
	return b
}

// Put implements png.EncoderBufferPool.
func (p *pngPool) Put(b *png.EncoderBuffer) { (*sync.Pool)(p).Put(b) }

// renderPNG draws a square matrix of modules, with quiet modules of
// margin on each side, as a black-on-white PNG of size×size pixels. Pixels
// are mapped to modules by scaling, so any size works; a multiple of the
// module count gives modules of equal width. The image is paletted with
// two colours, which the PNG encoder writes at one bit per pixel.
func renderPNG(m [][]bool, quiet, size int) ([]byte, error) {
	if len(m) == 0 {
		return nil, fmt.Errorf("notice: empty symbol")
	}
	n := len(m) + 2*quiet
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	col := make([]int, size) // module column of each pixel column, -1 in the quiet zone
	for x := range col {
		col[x] = x*n/size - quiet
	}
	for y := 0; y < size; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+size]
		my := y*n/size - quiet
		if y > 0 && (y-1)*n/size-quiet == my {
			copy(row, img.Pix[(y-1)*img.Stride:])
			continue
		}
		if my < 0 || my >= len(m) {
			continue
		}
		for x, mx := range col {
			if mx >= 0 && mx < len(m[my]) && m[my][mx] {
				row[x] = 1
			}
		}
	}
	var buf bytes.Buffer
	if err := pngEncoder.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

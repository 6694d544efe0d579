package e2e

import (
	endian "encoding/binary"
	"errors"
	"fmt"
	"image"
	"math/bits"
)

// decodeXWD reads an XWD screen dump, as Xvfb keeps its screen in (-fbdir)
// and `xwd -root` writes: a ZPixmap of 24-bit colour in 32-bit pixels, as
// Xvfb's screens are, or packed in 24 bits, as xwd writes them now and
// then (seen with a second window of another process on the screen).
// Decoding it here instead of through ImageMagick keeps a look at the
// screen to a few milliseconds, which tests polling the screen need.
func decodeXWD(raw []byte) (*image.RGBA, error) {
	const fields = 25
	if len(raw) < 4*fields {
		return nil, errors.New("xwd: short header")
	}
	field := func(i int) uint32 { return endian.BigEndian.Uint32(raw[4*i:]) }
	headerSize, format, width, height := field(0), field(2), int(field(4)), int(field(5))
	byteOrder, bitsPerPixel, bytesPerLine, colours := field(7), field(11), int(field(12)), int(field(19))
	masks := [3]uint32{field(14), field(15), field(16)} // red, green, blue
	if format != 2 || (bitsPerPixel != 32 && bitsPerPixel != 24) {
		return nil, fmt.Errorf("xwd: format %d at %d bits a pixel, want ZPixmap at 24 or 32", format, bitsPerPixel)
	}
	size := int(bitsPerPixel / 8)
	start := int(headerSize) + 12*colours
	if len(raw) < start+bytesPerLine*height {
		return nil, errors.New("xwd: short pixel data")
	}
	pixel := func(b []byte) uint32 { // size bytes, in the dump's byte order
		var p uint32
		for i := range size {
			if byteOrder == 0 {
				p |= uint32(b[i]) << (8 * i)
			} else {
				p = p<<8 | uint32(b[i])
			}
		}
		return p
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	if at, ok := byteChannels(masks, size, byteOrder); ok {
		// The usual screen, decoded byte by byte: a tenth of the time of
		// the general way, which polling the screen pays at every look.
		for y := range height {
			line := raw[start+y*bytesPerLine:][:4*width]
			out := img.Pix[y*img.Stride:][:4*width]
			for x := 0; x < len(out); x += 4 {
				out[x], out[x+1], out[x+2], out[x+3] = line[x+at[0]], line[x+at[1]], line[x+at[2]], 255
			}
		}
		return img, nil
	}
	for y := range height {
		line := raw[start+y*bytesPerLine:]
		for x := range width {
			p := pixel(line[size*x:])
			o := img.PixOffset(x, y)
			for c, m := range masks {
				img.Pix[o+c] = uint8((p & m) >> bits.TrailingZeros32(m))
			}
			img.Pix[o+3] = 255
		}
	}
	return img, nil
}

// byteChannels reports, for 32-bit pixels whose red, green and blue masks
// are each one whole byte, at which byte of a pixel each channel lies.
func byteChannels(masks [3]uint32, size int, byteOrder uint32) (at [3]int, ok bool) {
	if size != 4 {
		return at, false
	}
	for c, m := range masks {
		shift := bits.TrailingZeros32(m)
		if shift%8 != 0 || m != 0xff<<shift {
			return at, false
		}
		at[c] = shift / 8 // LSBFirst: the low byte comes first
		if byteOrder != 0 {
			at[c] = 3 - at[c]
		}
	}
	return at, true
}

package e2e

import (
	endian "encoding/binary"
	"image/color"
	"testing"
)

// TestDecodeXWD decodes the screen dumps Xvfb and xwd write, in each
// layout decodeXWD reads: the byte-per-channel way the usual screen takes
// must read the same colours as the general one.
func TestDecodeXWD(t *testing.T) {
	pixels := []color.RGBA{{0x12, 0x34, 0x56, 255}, {0xff, 0x00, 0x80, 255}, {0x00, 0xc0, 0x01, 255}}
	for _, layout := range []struct {
		name                string
		bitsPerPixel, order uint32
		masks               [3]uint32
	}{
		{"32 bits, least significant byte first (Xvfb)", 32, 0, [3]uint32{0xff0000, 0xff00, 0xff}},
		{"32 bits, most significant byte first", 32, 1, [3]uint32{0xff0000, 0xff00, 0xff}},
		{"32 bits, blue high", 32, 0, [3]uint32{0xff, 0xff00, 0xff0000}},
		{"24 bits packed (xwd now and then)", 24, 0, [3]uint32{0xff0000, 0xff00, 0xff}},
		// Read the general way: a channel's low byte, which holds the
		// whole of these 8-bit colours.
		{"32 bits, 10 bits a channel", 32, 0, [3]uint32{0x3ff00000, 0xffc00, 0x3ff}},
	} {
		t.Run(layout.name, func(t *testing.T) {
			raw := xwdDump(pixels, layout.bitsPerPixel, layout.order, layout.masks)
			img, err := decodeXWD(raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Dx(); got != len(pixels) {
				t.Fatalf("width %d, want %d", got, len(pixels))
			}
			for x, want := range pixels {
				if got := img.RGBAAt(x, 0); got != want {
					t.Errorf("pixel %d reads %v, want %v", x, got, want)
				}
			}
		})
	}
	if _, err := decodeXWD(make([]byte, 40)); err == nil {
		t.Error("a short header decoded")
	}
}

// xwdDump writes one row of pixels as an XWD ZPixmap, with a header of
// the standard 100 bytes plus a window name and no colour map.
func xwdDump(pixels []color.RGBA, bitsPerPixel, order uint32, masks [3]uint32) []byte {
	const name = "screen\x00"
	size := int(bitsPerPixel / 8)
	header := make([]uint32, 25)
	header[0] = uint32(100 + len(name))
	header[2], header[4], header[5] = 2, uint32(len(pixels)), 1
	header[7], header[11], header[12] = order, bitsPerPixel, uint32(size*len(pixels))
	header[14], header[15], header[16] = masks[0], masks[1], masks[2]
	raw := make([]byte, 0, 100+len(name)+size*len(pixels))
	for _, f := range header {
		raw = endian.BigEndian.AppendUint32(raw, f)
	}
	raw = append(raw, name...)
	for _, p := range pixels {
		var v uint32
		for c, channel := range []uint8{p.R, p.G, p.B} {
			m := masks[c]
			shift := 0
			for m>>shift&1 == 0 {
				shift++
			}
			v |= uint32(channel) << shift & m
		}
		for i := range size {
			if order == 0 {
				raw = append(raw, byte(v>>(8*i)))
			} else {
				raw = append(raw, byte(v>>(8*(size-1-i))))
			}
		}
	}
	return raw
}

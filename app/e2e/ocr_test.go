package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/image/draw"
)

// readText reads the one line of text in r of a screenshot with tesseract,
// so a test can check what the window says, not only that pixels changed.
// The line is scaled up three times and made dark on light, as tesseract
// reads best; "·" comes back as "-" or "«" and is read as a space here.
func readText(t *testing.T, shot image.Image, r image.Rectangle) string {
	t.Helper()
	const scale = 3
	big := image.NewGray(image.Rect(0, 0, r.Dx()*scale, r.Dy()*scale))
	draw.CatmullRom.Scale(big, big.Bounds(), shot, r, draw.Src, nil)
	var sum int
	for _, v := range big.Pix {
		sum += int(v)
	}
	if sum < len(big.Pix)*128 { // light text on a dark theme
		for i, v := range big.Pix {
			big.Pix[i] = 255 - v
		}
	}
	var in bytes.Buffer
	if err := png.Encode(&in, big); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("tesseract", "stdin", "stdout", "--psm", "7")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	words := strings.Fields(strings.NewReplacer("·", " ", "«", " ", " - ", " ").Replace(" " + string(out) + " "))
	return strings.Join(words, " ")
}

// hasColour reports whether any pixel of r is within a few steps of c,
// as antialiased text of that colour has at its heart.
func hasColour(shot image.Image, r image.Rectangle, c color.RGBA) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if isColour(shot.At(x, y), c) {
				return true
			}
		}
	}
	return false
}

// isColour reports whether pixel p is within a few steps of c.
func isColour(p color.Color, c color.RGBA) bool {
	pr, pg, pb, _ := p.RGBA()
	return near(pr>>8, int(c.R)) && near(pg>>8, int(c.G)) && near(pb>>8, int(c.B))
}

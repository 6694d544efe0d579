package e2e

import (
	"image"
	"image/color"
	"math"
	"strconv"
)

// Parts of the 1280×800 window the journey looks at, measured from
// screenshots with the default panel split.
var (
	textArea    = image.Rect(270, 75, 955, 750)   // the article view
	detailsArea = image.Rect(976, 440, 1280, 750) // the selected claim's editor
	statusBox   = image.Rect(1136, 32, 1276, 66)  // the article's status select
	articleList = image.Rect(0, 105, 258, 710)
	labelBar    = image.Rect(265, 32, 965, 68)
	dialogArea  = image.Rect(190, 100, 1090, 700) // where every dialog of the window opens
)

// differing counts the pixels of r that differ between a and b.
func differing(a, b image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// hued counts the pixels of r drawn in the hue of the colour hex
// ("#RRGGBB"): a highlight keeps its label's hue however its fill is
// blended with the background. Grey text, the white of the page and the
// selection's blue are far enough in hue or saturation not to count.
func hued(img image.Image, r image.Rectangle, hex string) int {
	want, ok := parseHex(hex)
	if !ok {
		return 0
	}
	wantHue, _, _ := hsv(want)
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			h, s, v := hsv(img.At(x, y))
			if s > 0.45 && v > 0.15 && hueDistance(h, wantHue) < 9 {
				n++
			}
		}
	}
	return n
}

func hueDistance(a, b float64) float64 {
	d := math.Abs(a - b)
	return math.Min(d, 360-d)
}

func hsv(c color.Color) (h, s, v float64) {
	r16, g16, b16, _ := c.RGBA()
	r, g, b := float64(r16>>8)/255, float64(g16>>8)/255, float64(b16>>8)/255
	hi, lo := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	if hi == 0 || hi == lo {
		return 0, 0, hi
	}
	d := hi - lo
	switch hi {
	case r:
		h = math.Mod((g-b)/d, 6)
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	h *= 60
	if h < 0 {
		h += 360
	}
	return h, d / hi, hi
}

func parseHex(hex string) (color.Color, bool) {
	if len(hex) != 7 || hex[0] != '#' {
		return nil, false
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return nil, false
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, true
}

// primaryButton is the centre of the button in r drawn in the theme's
// primary colour — Open, Save, Yes, Export: the one that goes ahead. Ticked
// check boxes share the colour, so it is the largest patch of it.
func primaryButton(img image.Image, r image.Rectangle) (image.Point, bool) {
	primary := func(p image.Point) bool { return isColour(img.At(p.X, p.Y), primaryColour) }
	seen := map[image.Point]bool{}
	var best []image.Point
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := image.Pt(x, y)
			if seen[p] || !primary(p) {
				continue
			}
			patch := []image.Point{p}
			seen[p] = true
			for i := 0; i < len(patch); i++ {
				for _, d := range []image.Point{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					q := patch[i].Add(d)
					if q.In(r) && !seen[q] && primary(q) {
						seen[q] = true
						patch = append(patch, q)
					}
				}
			}
			if len(patch) > len(best) {
				best = patch
			}
		}
	}
	if len(best) < 600 {
		return image.Point{}, false
	}
	var sum image.Point
	for _, p := range best {
		sum = sum.Add(p)
	}
	return sum.Div(len(best)), true
}

func near(got uint32, want int) bool { return int(got) >= want-8 && int(got) <= want+8 }

// menuTitles finds the titles Fyne draws in the window's own menu bar, left
// to right, as the x at the middle of each: runs of text pixels (far in
// brightness from the bar's own colour, in a light or a dark theme)
// separated by more space than a letter leaves.
func menuTitles(img image.Image) []int {
	_, _, bar := hsv(img.At(1000, 14)) // right of every title
	var titles []int
	start, last := -1, -100
	for x := 0; x < 700; x++ {
		lit := false
		for y := 6; y < 23 && !lit; y++ {
			_, _, v := hsv(img.At(x, y))
			lit = math.Abs(v-bar) > 0.35
		}
		if !lit {
			continue
		}
		if x-last > 12 {
			if start >= 0 {
				titles = append(titles, (start+last)/2)
			}
			start = x
		}
		last = x
	}
	if start >= 0 {
		titles = append(titles, (start+last)/2)
	}
	return titles
}

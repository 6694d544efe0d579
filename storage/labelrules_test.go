package storage

import (
	"image/color"
	"math"
	"testing"
)

// relativeLuminance is WCAG 2's definition.
func relativeLuminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func contrast(a, b color.NRGBA) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// Every colour a label can get without the analyst choosing one must show
// against both themes' backgrounds (white, and Fyne's dark #171718) with
// WCAG's 3:1 for non-text marks.
func TestLabelPaletteIsVisibleInBothThemes(t *testing.T) {
	backgrounds := map[string]color.NRGBA{"light": {R: 0xff, G: 0xff, B: 0xff, A: 0xff}, "dark": {R: 0x17, G: 0x17, B: 0x18, A: 0xff}}
	colours := append([]string{UnknownLabelColour}, labelPalette...)
	for _, l := range DefaultLabels() {
		colours = append(colours, l.Colour)
	}
	for _, hex := range colours {
		c, ok := ParseColour(hex)
		if !ok {
			t.Fatalf("%s does not parse", hex)
		}
		for theme, bg := range backgrounds {
			if r := contrast(c, bg); r < 3 {
				t.Errorf("%s has contrast %.2f:1 against the %s theme", hex, r, theme)
			}
		}
	}
}

func TestNextLabelColourAndHotkey(t *testing.T) {
	labels := DefaultLabels()
	if got := NextLabelColour(labels); got != labelPalette[0] {
		t.Errorf("first new colour %s, want %s", got, labelPalette[0])
	}
	if got := NextLabelHotkey(labels); got != "4" {
		t.Errorf("first new hotkey %q, want 4", got)
	}
	for i := range labelPalette {
		labels = append(labels, Label{Name: "x", Colour: NextLabelColour(labels), Hotkey: NextLabelHotkey(labels)})
		if labels[len(labels)-1].Colour != labelPalette[i] {
			t.Fatalf("label %d got %s, want %s", len(labels), labels[len(labels)-1].Colour, labelPalette[i])
		}
	}
	if got := NextLabelHotkey(labels); got != "" {
		t.Errorf("with 1–9 taken the next hotkey is %q", got)
	}
	if got := NextLabelColour(labels); got == "" {
		t.Error("a full palette must still give a colour")
	}
}

func TestLabelNameAndParseColour(t *testing.T) {
	for raw, want := range map[string]string{
		" name calling ":              "name_calling",
		"a\tb\nc":                     "a_b_c",
		"négation":                    "négation",
		string(make([]rune, 70)) + "": string(make([]rune, MaxLabelName)),
	} {
		if got := LabelName(raw); got != want {
			t.Errorf("LabelName(%q) = %q, want %q", raw, got, want)
		}
	}
	for s, want := range map[string]bool{"#0072B2": true, "#0072b2": true, "0072B2": false, "#0072B": false, "#GG0000": false, "": false} {
		if _, ok := ParseColour(s); ok != want {
			t.Errorf("ParseColour(%q) ok = %v", s, ok)
		}
	}
	if c, _ := ParseColour("#D55E00"); c != (color.NRGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}) {
		t.Errorf("ParseColour(#D55E00) = %v", c)
	}
}

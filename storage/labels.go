package storage

import (
	"fmt"
	"image/color"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Label is a kind of claim. Colour is "#RRGGBB"; Hotkey is a single key such
// as "1", or empty.
type Label struct {
	Name        string `json:"name"`
	Colour      string `json:"colour"`
	Hotkey      string `json:"hotkey,omitempty"`
	Description string `json:"description,omitempty"`
}

// DefaultLabels are created in a new store. The colours are from the
// Okabe–Ito palette, which people with colour-blindness can tell apart.
func DefaultLabels() []Label {
	return []Label{
		{Name: "denial", Colour: "#0072B2", Hotkey: "1", Description: "Someone denies a fact or an accusation."},
		{Name: "accusation", Colour: "#D55E00", Hotkey: "2", Description: "Someone accuses another of something."},
		{Name: "praise", Colour: "#009E73", Hotkey: "3", Description: "Someone praises another."},
	}
}

var colourPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// MaxLabelName is the longest label name the store takes, in characters.
const MaxLabelName = 64

// UnknownLabelColour is shown for a label no store defines, such as one
// removed while an export was being written. It keeps 3:1 contrast against
// both the light and the dark theme's background, like every colour below.
const UnknownLabelColour = "#888888"

// labelPalette continues the default labels' Okabe–Ito colours for labels
// added later, in order. Each keeps at least 3:1 contrast against white and
// against the dark theme's near-black, so no swatch or highlight vanishes
// in either theme (TestLabelPaletteIsVisibleInBothThemes measures it).
var labelPalette = []string{
	"#CC79A7", "#997700", "#AA4499", "#EE3377", "#4477AA",
	"#009988", "#BB5566", "#228833", "#CC3311",
}

// NextLabelColour picks the colour for a label added after labels: the first
// palette colour none of them uses, or the palette again in turn.
func NextLabelColour(labels []Label) string {
	used := map[string]bool{}
	for _, l := range labels {
		used[strings.ToUpper(l.Colour)] = true
	}
	for _, c := range labelPalette {
		if !used[c] {
			return c
		}
	}
	return labelPalette[len(labels)%len(labelPalette)]
}

// NextLabelHotkey picks the first of the keys 1–9 no label uses, or "" when
// all are taken.
func NextLabelHotkey(labels []Label) string {
	used := map[string]bool{}
	for _, l := range labels {
		used[l.Hotkey] = true
	}
	for _, k := range "123456789" {
		if !used[string(k)] {
			return string(k)
		}
	}
	return ""
}

// LabelName turns a label as data spells it into a name the store takes:
// white space becomes "_" (brat and CoNLL cannot carry it) and the name is
// cut to MaxLabelName characters.
func LabelName(raw string) string {
	name := strings.Join(strings.Fields(raw), "_")
	if r := []rune(name); len(r) > MaxLabelName {
		name = string(r[:MaxLabelName])
	}
	return name
}

// ParseColour reads a "#RRGGBB" colour; ok is false for anything else.
func ParseColour(s string) (c color.NRGBA, ok bool) {
	if !colourPattern.MatchString(s) {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

// Labels lists the labels, those with hotkeys first in hotkey order, then the
// rest by name.
func (s *Store) Labels() ([]Label, error) {
	var out []Label
	err := s.view(func(tx *bolt.Tx) error {
		return eachRecord(tx.Bucket(bucketLabels), func(l Label) error {
			out = append(out, l)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Hotkey == "") != (b.Hotkey == "") {
			return a.Hotkey != ""
		}
		if a.Hotkey != b.Hotkey {
			return a.Hotkey < b.Hotkey
		}
		return a.Name < b.Name
	})
	return out, err
}

// AddLabel creates a label. Names are unique; a hotkey may serve one label.
func (s *Store) AddLabel(l Label) error {
	if err := validateLabel(&l); err != nil {
		return err
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLabels)
		if b.Get([]byte(l.Name)) != nil {
			return invalidf("label %q exists already", l.Name)
		}
		if err := refuseHotkeyClash(b, l, ""); err != nil {
			return err
		}
		return putJSON(b, []byte(l.Name), l)
	})
	if err == nil {
		s.notify(Change{Kind: LabelsChanged})
	}
	return err
}

// UpdateLabel changes the label called name to l: a new name renames it and
// every claim that uses it, in the same transaction.
func (s *Store) UpdateLabel(name string, l Label) error {
	if err := validateLabel(&l); err != nil {
		return err
	}
	var renamed []Claim
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLabels)
		if b.Get([]byte(name)) == nil {
			return fmt.Errorf("label %q: %w", name, ErrNotFound)
		}
		if l.Name != name && b.Get([]byte(l.Name)) != nil {
			return invalidf("label %q exists already", l.Name)
		}
		if err := refuseHotkeyClash(b, l, name); err != nil {
			return err
		}
		if err := b.Delete([]byte(name)); err != nil {
			return err
		}
		if err := putJSON(b, []byte(l.Name), l); err != nil {
			return err
		}
		var err error
		if l.Name != name {
			renamed, err = relabelAll(tx, name, l.Name)
		}
		return err
	})
	if err != nil {
		return err
	}
	s.notify(Change{Kind: LabelsChanged})
	for _, a := range renamed {
		s.notify(Change{Kind: ClaimUpdated, Claim: a})
	}
	return nil
}

// DeleteLabel removes a label that no claim uses.
func (s *Store) DeleteLabel(name string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLabels)
		if b.Get([]byte(name)) == nil {
			return fmt.Errorf("label %q: %w", name, ErrNotFound)
		}
		used := 0
		err := eachClaim(tx, true, func(a Claim) error {
			if a.Label == name {
				used++
			}
			return nil
		})
		if err != nil {
			return err
		}
		if used > 0 {
			return invalidf("label %q is used by %s; relabel or delete them first", name, Plural(used, "claim"))
		}
		return b.Delete([]byte(name))
	})
	if err == nil {
		s.notify(Change{Kind: LabelsChanged})
	}
	return err
}

func relabelAll(tx *bolt.Tx, from, to string) ([]Claim, error) {
	var old, changed []Claim
	err := eachClaim(tx, false, func(a Claim) error {
		if a.Label == from {
			old = append(old, a)
			a.Label = to
			changed = append(changed, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return changed, replaceClaims(tx, old, changed)
}

func validateLabel(l *Label) error {
	l.Name = strings.TrimSpace(l.Name)
	l.Hotkey = strings.TrimSpace(l.Hotkey)
	switch {
	case l.Name == "":
		return invalidf("a label needs a name")
	case strings.IndexFunc(l.Name, unicode.IsSpace) >= 0:
		return invalidf("label name %q has white space; formats such as brat and CoNLL cannot carry it (use - or _)", l.Name)
	case strings.IndexFunc(l.Name, unicode.IsControl) >= 0:
		return invalidf("label name %q has a control character", l.Name)
	case utf8.RuneCountInString(l.Name) > MaxLabelName:
		return invalidf("label name %q is longer than %d characters", l.Name, MaxLabelName)
	case !colourPattern.MatchString(l.Colour):
		return invalidf("label %q: colour %q is not of the form #RRGGBB", l.Name, l.Colour)
	case utf8.RuneCountInString(l.Hotkey) > 1:
		return invalidf("label %q: hotkey %q must be a single key", l.Name, l.Hotkey)
	case strings.IndexFunc(l.Hotkey, unicode.IsControl) >= 0:
		return invalidf("label %q: hotkey %q is a control character", l.Name, l.Hotkey)
	}
	return nil
}

func refuseHotkeyClash(b *bolt.Bucket, l Label, except string) error {
	if l.Hotkey == "" {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var other Label
		if err := decodeJSON(v, &other); err != nil {
			return err
		}
		if string(k) != except && other.Hotkey == l.Hotkey {
			return invalidf("hotkey %s is taken by label %q", l.Hotkey, other.Name)
		}
		return nil
	})
}

func seedLabels(tx *bolt.Tx) error {
	for _, l := range DefaultLabels() {
		if err := putJSON(tx.Bucket(bucketLabels), []byte(l.Name), l); err != nil {
			return err
		}
	}
	return nil
}

// labelNames lists the labels for a refusal that names an unknown one.
func labelNames(tx *bolt.Tx) string {
	var names []string
	_ = tx.Bucket(bucketLabels).ForEach(func(k, _ []byte) error {
		names = append(names, string(k))
		return nil
	})
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

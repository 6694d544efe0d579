package storage

import (
	"image/color"
	"slices"
	"testing"

	"claimdesk/app/testkit"
)

func TestDefaultLabels(t *testing.T) {
	s := openTestStore(t)
	got, err := s.Labels()
	if err != nil {
		t.Fatal(err)
	}
	want := []Label{
		{Name: "denial", Colour: "#0072B2", Hotkey: "1"},
		{Name: "accusation", Colour: "#D55E00", Hotkey: "2"},
		{Name: "praise", Colour: "#009E73", Hotkey: "3"},
	}
	if len(got) != len(want) {
		t.Fatalf("Labels() = %+v", got)
	}
	for i, w := range want {
		if g := got[i]; g.Name != w.Name || g.Colour != w.Colour || g.Hotkey != w.Hotkey || g.Description == "" {
			t.Errorf("label %d = %+v, want %+v with a description", i, g, w)
		}
	}
}

func TestAddLabel(t *testing.T) {
	tests := []struct {
		name   string
		label  Label
		target error
		says   []string
	}{
		{"ok", Label{Name: "threat", Colour: "#CC79A7", Hotkey: "4"}, nil, nil},
		{"ok without hotkey", Label{Name: " promise ", Colour: "#f0e442"}, nil, nil},
		{"name taken", Label{Name: "denial", Colour: "#CC79A7"}, ErrInvalid, []string{`label "denial" exists already`}},
		{"hotkey taken", Label{Name: "threat", Colour: "#CC79A7", Hotkey: "2"}, ErrInvalid, []string{`hotkey 2 is taken by label "accusation"`}},
		{"no name", Label{Name: "  ", Colour: "#CC79A7"}, ErrInvalid, []string{"needs a name"}},
		{"space in name", Label{Name: "hate speech", Colour: "#CC79A7"}, ErrInvalid, []string{"white space"}},
		{"no-break space in name", Label{Name: "hate\u00a0speech", Colour: "#CC79A7"}, ErrInvalid, []string{"white space"}},
		{"bad colour", Label{Name: "threat", Colour: "red"}, ErrInvalid, []string{`colour "red" is not of the form #RRGGBB`}},
		{"long hotkey", Label{Name: "threat", Colour: "#CC79A7", Hotkey: "F4"}, ErrInvalid, []string{`hotkey "F4" must be a single key`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTestStore(t)
			err := s.AddLabel(tt.label)
			if tt.target == nil {
				if err != nil {
					t.Fatalf("AddLabel: %v", err)
				}
				labels, _ := s.Labels()
				if len(labels) != 4 {
					t.Errorf("Labels() = %+v, want the new one too", labels)
				}
				return
			}
			wantErr(t, err, tt.target, tt.says...)
		})
	}
}

func TestLabelsOrder(t *testing.T) {
	s := openTestStore(t)
	for _, l := range []Label{{Name: "zeta", Colour: "#000000"}, {Name: "alpha", Colour: "#000000"}, {Name: "threat", Colour: "#000000", Hotkey: "0"}} {
		if err := s.AddLabel(l); err != nil {
			t.Fatal(err)
		}
	}
	labels, _ := s.Labels()
	var names []string
	for _, l := range labels {
		names = append(names, l.Name)
	}
	if got, want := names, []string{"threat", "denial", "accusation", "praise", "alpha", "zeta"}; !slices.Equal(got, want) {
		t.Errorf("Labels() order = %v, want %v (hotkeys in order, then by name)", got, want)
	}
}

func TestRenameLabelClaimsFollow(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it and praised Putin.")
	denied := mustAddClaim(t, s, art, "denied it", "denial")
	praised := mustAddClaim(t, s, art, "praised Putin", "praise")
	var events []Change
	s.OnChange(func(c Change) { events = append(events, c) })

	if err := s.UpdateLabel("denial", Label{Name: "rebuttal", Colour: "#56B4E9", Hotkey: "1"}); err != nil {
		t.Fatal(err)
	}
	claims, _ := s.Claims(art.ID)
	if claims[0].ID != denied.ID || claims[0].Label != "rebuttal" || claims[1].ID != praised.ID || claims[1].Label != "praise" {
		t.Errorf("after the rename the claims are %+v", claims)
	}
	if len(events) != 2 || events[0].Kind != LabelsChanged || events[1].Kind != ClaimUpdated || events[1].Claim.Label != "rebuttal" {
		t.Errorf("events = %+v, want LabelsChanged then the renamed claim", events)
	}
	_, err := s.AddClaim(Claim{ArticleID: art.ID, Start: 0, End: 6, Label: "denial"})
	wantErr(t, err, ErrInvalid, `label "denial" does not exist`)

	wantErr(t, s.UpdateLabel("rebuttal", Label{Name: "praise", Colour: "#56B4E9"}), ErrInvalid, `label "praise" exists already`)
	wantErr(t, s.UpdateLabel("nothing", Label{Name: "x", Colour: "#56B4E9"}), ErrNotFound, `label "nothing"`)
}

func TestRecolourAndHotkeys(t *testing.T) {
	s := openTestStore(t)
	if err := s.UpdateLabel("praise", Label{Name: "praise", Colour: "#CC79A7", Hotkey: "3", Description: "kind words"}); err != nil {
		t.Fatal(err)
	}
	labels, _ := s.Labels()
	if p := labels[2]; p.Colour != "#CC79A7" || p.Description != "kind words" {
		t.Errorf("after recolouring praise is %+v", p)
	}
	wantErr(t, s.UpdateLabel("praise", Label{Name: "praise", Colour: "#CC79A7", Hotkey: "1"}), ErrInvalid, `hotkey 1 is taken by label "denial"`)
	if err := s.UpdateLabel("denial", Label{Name: "denial", Colour: "#0072B2", Hotkey: "9"}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateLabel("praise", Label{Name: "praise", Colour: "#CC79A7", Hotkey: "1"}); err != nil {
		t.Errorf("hotkey 1 is free once denial moved to 9: %v", err)
	}
}

func TestDeleteLabel(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it.")
	claim := mustAddClaim(t, s, art, "denied", "denial")

	wantErr(t, s.DeleteLabel("denial"), ErrInvalid, `label "denial" is used by 1 claim`, "relabel or delete them first")
	wantErr(t, s.DeleteLabel("nothing"), ErrNotFound, `label "nothing"`)
	if err := s.DeleteLabel("praise"); err != nil {
		t.Errorf("an unused label: %v", err)
	}
	if _, err := s.DeleteClaim(claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteLabel("denial"); err != nil {
		t.Errorf("once its claim is gone: %v", err)
	}
	labels, _ := s.Labels()
	if len(labels) != 1 || labels[0].Name != "accusation" {
		t.Errorf("Labels() = %+v, want accusation alone", labels)
	}
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
			if r := testkit.Contrast(c, bg); r < 3 {
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

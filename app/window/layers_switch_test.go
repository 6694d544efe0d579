package window

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"claimdesk/storage"
)

// withBobsClaim stores a claim of annotator bob over "absurd" in the open
// article, as a team sync would, with the analyst named ana.
func withBobsClaim(t *testing.T, w *mainWindow) storage.Claim {
	t.Helper()
	w.session.SetAnnotator("ana")
	start, end := dragOver(t, w, "absurd")
	w.clearSelection()
	c, err := w.store.AddClaim(storage.Claim{ArticleID: w.session.Article().ID, Start: start, End: end, Label: "denial", Annotator: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	w.session.Sync()
	return c
}

func TestTheLayerSwitchShowsOneLayer(t *testing.T) {
	w := newTestWindow(t)
	bob := withBobsClaim(t, w)
	if !slices.Contains(w.layers.choice.Options, "bob") || !slices.Contains(w.layers.choice.Options, "gold") {
		t.Fatalf("layer choices %v", w.layers.choice.Options)
	}
	everyone := len(w.highlights())
	w.layers.choice.SetSelected("Mine")
	if n := len(w.highlights()); n != everyone-1 || len(w.claimsUI.shown) != n {
		t.Errorf("Mine shows %d highlights and %d rows, everyone's %d", n, len(w.claimsUI.shown), everyone)
	}
	w.layers.choice.SetSelected("bob")
	if hs := w.highlights(); len(hs) != 1 || hs[0].ID != bob.ID || len(w.claimsUI.shown) != 1 {
		t.Errorf("bob's layer shows %v and %d rows", hs, len(w.claimsUI.shown))
	}
	w.layers.choice.SetSelected("Everyone")
	if n := len(w.highlights()); n != everyone {
		t.Errorf("Everyone shows %d highlights, want %d", n, everyone)
	}
}

func TestAnothersClaimIsShownReadOnlyAndCopied(t *testing.T) {
	w := newTestWindow(t)
	bob := withBobsClaim(t, w)
	w.selectClaim(bob.ID, false)
	d := w.details
	if d.owner.box.Hidden || d.owner.whose.Text != "bob's claim: read-only here." || !d.speaker.Disabled() || !d.remove.Hidden {
		t.Fatalf("bob's claim in the editor: owner hidden %v %q, speaker disabled %v, delete hidden %v",
			d.owner.box.Hidden, d.owner.whose.Text, d.speaker.Disabled(), d.remove.Hidden)
	}
	if d.owner.copy.Text != "Copy to my layer" {
		t.Errorf("copy button %q", d.owner.copy.Text)
	}
	test.Tap(d.owner.copy)
	c, ok := w.session.Selected()
	if !ok || c.Annotator != "ana" || c.Start != bob.Start || c.End != bob.End || c.Label != bob.Label {
		t.Fatalf("selected after the copy %+v", c)
	}
	if !d.owner.box.Hidden || d.speaker.Disabled() {
		t.Error("the copy is shown read-only")
	}
	test.Type(d.speaker, "Peskov")
	d.endTyping()
	if got, _ := w.store.Claim(c.ID); got.Speaker != "Peskov" {
		t.Errorf("the copy's speaker %q", got.Speaker)
	}
	if got, _ := w.store.Claim(bob.ID); got != bob {
		t.Errorf("bob's claim changed: %+v", got)
	}
}

func TestDeletingAnothersClaimSaysWhy(t *testing.T) {
	w := newTestWindow(t)
	bob := withBobsClaim(t, w)
	w.selectClaim(bob.ID, false)
	w.deleteSelected()
	if _, err := w.store.Claim(bob.ID); err != nil {
		t.Fatalf("bob's claim deleted: %v", err)
	}
	if w.footer.message.Text == "" || w.dialogOpen() {
		t.Errorf("footer %q, dialog open %v", w.footer.message.Text, w.dialogOpen())
	}
}

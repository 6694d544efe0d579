package annotate

import (
	"errors"
	"reflect"
	"testing"

	"claimdesk/storage"
)

// withLayers is a session of analyst ana over the test article holding a
// claim of ana ("Peskov"), one of bob ("Putin") and one of gold ("Trump").
func withLayers(t *testing.T) (*Session, *storage.Store, map[string]storage.Claim) {
	t.Helper()
	s, store, _ := newSession(t)
	s.SetAnnotator("ana")
	made := map[string]storage.Claim{}
	for _, c := range []struct {
		who, label string
		start, end int
	}{{"ana", "denial", 0, 6}, {"bob", "praise", 24, 29}, {"gold", "praise", 38, 43}} {
		claim, err := store.AddClaim(storage.Claim{ArticleID: s.Article().ID, Start: c.start, End: c.end, Label: c.label, Annotator: c.who})
		if err != nil {
			t.Fatal(err)
		}
		made[c.who] = claim
	}
	s.Sync()
	return s, store, made
}

func layerNames(ls []Layer) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Name())
	}
	return out
}

func TestEachLayerShowsItsAnnotatorsClaims(t *testing.T) {
	s, _, _ := withLayers(t)
	if got := quotes(s); !reflect.DeepEqual(got, []string{"denial:Peskov", "praise:Putin", "praise:Trump"}) {
		t.Fatalf("everyone's layer shows %v", got)
	}
	for _, c := range []struct {
		layer Layer
		want  []string
	}{
		{MineLayer, []string{"denial:Peskov"}},
		{AnnotatorLayer("bob"), []string{"praise:Putin"}},
		{GoldLayer, []string{"praise:Trump"}},
		{AnnotatorLayer("nobody"), nil},
	} {
		s.SetLayer(c.layer)
		if got := quotes(s); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s shows %v, want %v", c.layer.Name(), got, c.want)
		}
	}
	if got := layerNames(s.LayerChoices()); !reflect.DeepEqual(got, []string{"Mine", "Everyone", "bob", "gold"}) {
		t.Errorf("choices %v", got)
	}
}

func TestMineFollowsTheAnnotatorsName(t *testing.T) {
	s, _, _ := withLayers(t)
	s.SetLayer(MineLayer)
	s.SetAnnotator("bob")
	if got := quotes(s); !reflect.DeepEqual(got, []string{"praise:Putin"}) {
		t.Fatalf("Mine of bob shows %v", got)
	}
	if got := layerNames(s.LayerChoices()); !reflect.DeepEqual(got, []string{"Mine", "Everyone", "ana", "gold"}) {
		t.Errorf("choices of bob %v", got)
	}
}

func TestSwitchingLayerDropsASelectionItLacks(t *testing.T) {
	s, _, made := withLayers(t)
	s.SelectClaim(made["bob"].ID)
	s.SetLayer(MineLayer)
	if c, ok := s.Selected(); ok {
		t.Errorf("bob's claim %q still selected in Mine", c.Quote)
	}
}

func TestAnotherAnnotatorsClaimIsReadOnly(t *testing.T) {
	s, store, made := withLayers(t)
	s.SelectClaim(made["bob"].ID)
	if err := s.ApplyLabel("denial"); !errors.Is(err, ErrReadOnlyClaim) {
		t.Errorf("relabelling bob's claim: %v", err)
	}
	if err := s.DeleteSelected(); !errors.Is(err, ErrReadOnlyClaim) {
		t.Errorf("deleting bob's claim: %v", err)
	}
	s.EditDetails("Putin", "", "")
	if _, ok := s.FitCandidate(); ok {
		t.Error("bob's claim offered to fit")
	}
	s.SelectText(24, 33)
	if _, ok := s.FitCandidate(); ok {
		t.Error("bob's claim offered to fit after widening the selection over it")
	}
	if got, _ := store.Claim(made["bob"].ID); got != made["bob"] {
		t.Errorf("bob's claim changed: %+v", got)
	}
	if s.Editable(made["gold"]) {
		t.Error("gold editable outside the gold layer")
	}
	if !s.Editable(storage.Claim{Annotator: ""}) {
		t.Error("a claim stored without a name is this store's alone, yet not editable")
	}
}

func TestAHotkeyOverAnothersClaimMakesOnesOwn(t *testing.T) {
	s, _, made := withLayers(t)
	s.SelectText(made["bob"].Start, made["bob"].End)
	if err := s.ApplyLabel("denial"); err != nil {
		t.Fatal(err)
	}
	c, ok := s.Selected()
	if !ok || c.Annotator != "ana" || c.Quote != "Putin" || c.Label != "denial" {
		t.Fatalf("selected %+v", c)
	}
}

func TestCopyToMineCopiesOnceAndUndoes(t *testing.T) {
	s, store, made := withLayers(t)
	s.SetLayer(AnnotatorLayer("bob"))
	s.SelectClaim(made["bob"].ID)
	if err := s.CopyToMine(); err != nil {
		t.Fatal(err)
	}
	c, ok := s.Selected()
	if !ok || c.Annotator != "ana" || c.Quote != "Putin" || c.Label != "praise" || c.ID == made["bob"].ID {
		t.Fatalf("selected after the copy %+v", c)
	}
	if s.Layer() != EveryoneLayer {
		t.Errorf("the copy is not shown: layer %s", s.Layer().Name())
	}
	s.SelectClaim(made["bob"].ID)
	if err := s.CopyToMine(); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Selected(); again.ID != c.ID {
		t.Errorf("a second copy selected %+v, not the first copy %d", again, c.ID)
	}
	if all, _ := store.Claims(s.Article().ID); len(all) != 4 {
		t.Errorf("%d claims stored after copying twice, want 4", len(all))
	}
	if name, err := s.Undo(); err != nil || name != "copy claim to ana" {
		t.Fatalf("undo %q %v", name, err)
	}
	if all, _ := store.Claims(s.Article().ID); len(all) != 3 {
		t.Errorf("%d claims stored after undoing the copy, want 3", len(all))
	}
}

func TestGoldIsEditedOnlyWhileAdjudicating(t *testing.T) {
	s, _, made := withLayers(t)
	s.SetLayer(AnnotatorLayer("bob"))
	s.SelectText(7, 13)
	if err := s.ApplyLabel("denial"); !errors.Is(err, ErrReadOnlyLayer) {
		t.Errorf("labelling in bob's layer: %v", err)
	}
	s.SetLayer(GoldLayer)
	s.SelectText(7, 13)
	if err := s.ApplyLabel("denial"); !errors.Is(err, ErrGoldReadOnly) {
		t.Errorf("labelling in the gold layer while not adjudicating: %v", err)
	}
	if s.Editable(made["gold"]) {
		t.Error("gold is editable while not adjudicating")
	}
	if err := s.StartAdjudicating(); err != nil {
		t.Fatal(err)
	}
	s.SelectText(7, 13)
	if err := s.ApplyLabel("denial"); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Selected(); c.Annotator != "gold" || c.Quote != "denied" {
		t.Errorf("made in the gold layer: %+v", c)
	}
	s.SelectClaim(made["gold"].ID)
	if err := s.DeleteSelected(); err != nil {
		t.Errorf("deleting a gold claim in the gold layer: %v", err)
	}
	if s.CopyTarget() != "gold" {
		t.Errorf("copies go to %q in the gold layer", s.CopyTarget())
	}
	s.StopAdjudicating()
	if s.Layer() != GoldLayer || s.Editable(made["gold"]) {
		t.Errorf("after adjudicating: layer %s, gold editable %v; want the gold layer shown before, read-only", s.Layer().Name(), s.Editable(made["gold"]))
	}
}

func TestAClaimOfANewAnnotatorAddsTheirLayer(t *testing.T) {
	s, store, _ := withLayers(t)
	if _, err := store.AddClaim(storage.Claim{ArticleID: s.Article().ID, Start: 7, End: 13, Label: "denial", Annotator: "carol"}); err != nil {
		t.Fatal(err)
	}
	s.Sync()
	if got := layerNames(s.LayerChoices()); !reflect.DeepEqual(got, []string{"Mine", "Everyone", "bob", "carol", "gold"}) {
		t.Errorf("choices %v", got)
	}
}

// TestAnnotatorsAreReadAfterTheSessionBegins: who annotated is read after
// the first frame (it reads every claim), and merges with the claims that
// arrived meanwhile instead of replacing them.
func TestAnnotatorsAreReadAfterTheSessionBegins(t *testing.T) {
	_, store, made := withLayers(t)
	s, err := NewSession(store, nil)
	if err != nil {
		t.Fatal(err)
	}
	var seen []Aspect
	s.OnChange(func(a Aspect) { seen = append(seen, a) })
	s.SetAnnotator("ana")
	if err := s.Open(made["ana"].ArticleID); err != nil {
		t.Fatal(err)
	}
	if got := layerNames(s.LayerChoices()); !reflect.DeepEqual(got, []string{"Mine", "Everyone", "gold"}) {
		t.Errorf("before the annotators are read, the choices are %v", got)
	}
	if _, err := store.AddClaim(storage.Claim{ArticleID: s.Article().ID, Start: 7, End: 13, Label: "denial", Annotator: "carol"}); err != nil {
		t.Fatal(err)
	}
	s.Sync()
	seen = nil
	if err := s.LoadAnnotators(); err != nil {
		t.Fatal(err)
	}
	if got := layerNames(s.LayerChoices()); !reflect.DeepEqual(got, []string{"Mine", "Everyone", "bob", "carol", "gold"}) {
		t.Errorf("choices %v", got)
	}
	if len(seen) != 1 || seen[0]&AnnotatorsChanged == 0 {
		t.Errorf("reading the annotators told the observers %v, want AnnotatorsChanged once", seen)
	}
	seen = nil
	s.AddAnnotators([]string{"bob", "carol"})
	if len(seen) != 0 {
		t.Errorf("adding known annotators told the observers %v", seen)
	}
}

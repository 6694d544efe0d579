package annotate

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

const text = "Peskov denied any hack. Putin praised Trump 🙂 as talented."

func newEditor(t *testing.T) (*Editor, *storage.Store, uint64) {
	t.Helper()
	store := storetest.Open(t)
	art, _, err := store.AddArticle(storage.Article{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return NewEditor(store), store, art.ID
}

func claims(t *testing.T, s *storage.Store, article uint64) []string {
	t.Helper()
	anns, err := s.Claims(article)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range anns {
		out = append(out, a.Label+":"+a.Quote+":"+a.Speaker)
	}
	return out
}

func TestEveryChangeUndoesAndRedoes(t *testing.T) {
	e, s, art := newEditor(t)
	e.Annotator = "ana"
	a, err := e.Create(art, 0, 23, "denial")
	if err != nil {
		t.Fatal(err)
	}
	if a.Quote != "Peskov denied any hack." || a.Annotator != "ana" {
		t.Fatalf("created %+v", a)
	}
	if _, err := e.Relabel(a.ID, "accusation"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.SetDetails(a.ID, " Peskov ", "USA", "n"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	states := [][]string{
		nil,
		{"accusation:Peskov denied any hack.:Peskov"},
		{"accusation:Peskov denied any hack.:"},
		{"denial:Peskov denied any hack.:"},
		nil,
	}
	for i, want := range states {
		if got := claims(t, s, art); !reflect.DeepEqual(got, want) {
			t.Fatalf("after %d undos: %v, want %v", i, got, want)
		}
		if i < len(states)-1 {
			if _, err := e.Undo(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if e.CanUndo() {
		t.Error("undo stack should be empty")
	}
	for i := len(states) - 2; i >= 0; i-- {
		if _, err := e.Redo(); err != nil {
			t.Fatal(err)
		}
		if got := claims(t, s, art); !reflect.DeepEqual(got, states[i]) {
			t.Fatalf("redo to state %d: %v, want %v", i, got, states[i])
		}
	}
}

func TestNewChangeClearsRedo(t *testing.T) {
	e, _, art := newEditor(t)
	if _, err := e.Create(art, 0, 6, "denial"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Create(art, 24, 29, "praise"); err != nil {
		t.Fatal(err)
	}
	if e.CanRedo() {
		t.Error("a new change must clear redo")
	}
}

func TestCreateRefusesBadInputAndKeepsHistory(t *testing.T) {
	e, s, art := newEditor(t)
	if _, err := e.Create(art, 5, 500, "denial"); err == nil || !strings.Contains(err.Error(), "past the end") {
		t.Errorf("out of range: %v", err)
	}
	if _, err := e.Create(art, 0, 6, "nonsense"); err == nil || !strings.Contains(err.Error(), "nonsense") {
		t.Errorf("unknown label: %v", err)
	}
	if e.CanUndo() || len(claims(t, s, art)) != 0 {
		t.Error("a refused change must leave no trace")
	}
}

func TestFirstClaimMovesArticleInProgress(t *testing.T) {
	e, s, art := newEditor(t)
	if _, err := e.Create(art, 44, 45, "praise"); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Article(art)
	if a.Status != storage.StatusInProgress {
		t.Errorf("status %q", a.Status)
	}
	anns, _ := s.Claims(art)
	if anns[0].Quote != "🙂" {
		t.Errorf("emoji quote %q", anns[0].Quote)
	}
}

func TestPastValuesAndComplete(t *testing.T) {
	e, s, art := newEditor(t)
	for _, sp := range []string{"Peskov", "Putin", "Peskov"} {
		a, err := e.Create(art, 0, 6, "denial")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.SetDetails(a.ID, sp, "Obama", ""); err != nil {
			t.Fatal(err)
		}
	}
	speakers, targets, err := PastValues(s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(speakers, []string{"Peskov", "Putin"}) || !reflect.DeepEqual(targets, []string{"Obama"}) {
		t.Errorf("speakers %v targets %v", speakers, targets)
	}
	tests := []struct {
		prefix string
		want   []string
	}{
		{"pe", []string{"Peskov"}},
		{"P", []string{"Peskov", "Putin"}},
		{"tin", []string{"Putin"}},
		{"peskov", nil},
		{"", nil},
	}
	for _, tc := range tests {
		if got := Complete(speakers, tc.prefix, 5); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Complete(%q) = %v, want %v", tc.prefix, got, tc.want)
		}
	}
}

// A step the store refuses to revert says why and leaves the history, so
// the steps below it stay reachable: once after a claim vanished behind the
// editor's back (its article deleted), once after a label rename.
func TestRefusedUndoIsDroppedAndOlderStepsStayReachable(t *testing.T) {
	e, s, art := newEditor(t)
	first, err := e.Create(art, 0, 6, "denial")
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.Create(art, 24, 29, "praise")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteClaim(second.ID); err != nil { // behind the editor's back
		t.Fatal(err)
	}
	name, err := e.Undo()
	if !errors.Is(err, ErrStepDropped) || !errors.Is(err, storage.ErrNotFound) || name != "label praise" {
		t.Fatalf("undo of a vanished claim: %q, %v", name, err)
	}
	if e.CanRedo() {
		t.Error("a refused step must not be offered for redo")
	}
	if _, err := e.Relabel(first.ID, "accusation"); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateLabel("denial", storage.Label{Name: "rejection", Colour: "#0072B2", Hotkey: "1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Undo(); !errors.Is(err, ErrStepDropped) || !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("undo of a relabel to a renamed label: %v", err)
	}
	if name, err := e.Undo(); err != nil || name != "label denial" {
		t.Fatalf("the oldest step is unreachable: %q, %v", name, err)
	}
	if got := claims(t, s, art); len(got) != 0 || e.CanUndo() {
		t.Errorf("after undoing the first claim: %v, more to undo: %v", got, e.CanUndo())
	}
}

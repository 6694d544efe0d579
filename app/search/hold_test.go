package search

import (
	"context"
	"testing"
)

// TestHoldPausesLoad: a Load that reaches the claims while the index is
// held reads none of them until release, while another reader of the
// store (a search of it) goes on; then it reads them all.
func TestHoldPausesLoad(t *testing.T) {
	s := newsStore(t, 2000)
	ix := NewIndex()
	reached, proceed := make(chan struct{}), make(chan struct{})
	testHookSummariesRead = func() {
		close(reached)
		<-proceed
	}
	t.Cleanup(func() { testHookSummariesRead = nil })
	done := make(chan error)
	go func() { done <- ix.Load(s) }()
	<-reached
	release := ix.Hold()
	close(proceed)
	found, err := SearchStore(context.Background(), s, "peskov", 5)
	if err != nil || len(found) != 5 {
		t.Fatalf("while the index is held a search of the store finds %d claims (%v)", len(found), err)
	}
	select {
	case err := <-done:
		t.Fatalf("Load finished while the index was held (%v)", err)
	default:
	}
	if ix.Len() != 0 || !ix.Loading() {
		t.Errorf("held, the index has %d claims, loading %v", ix.Len(), ix.Loading())
	}
	release()
	release() // a second release is harmless
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 2000 {
		t.Errorf("released, Load read %d claims, want 2000", ix.Len())
	}
	ix.Hold()() // with no Load running, a hold is taken at once
}

package storage

// ChangeKind names what a committed change did.
type ChangeKind int

// The kinds of change a listener hears about.
const (
	ArticleAdded ChangeKind = iota
	ArticleUpdated
	ArticleDeleted
	ClaimAdded
	ClaimUpdated
	ClaimDeleted
	LabelsChanged
)

// Change is told to listeners after its transaction has committed. For
// deletions the record is the one that was removed.
type Change struct {
	Kind    ChangeKind
	Article ArticleSummary
	Claim   Claim
}

// OnChange registers fn to be called after every committed change, on the
// goroutine that made it. Indexes such as search stay current through it.
func (s *Store) OnChange(fn func(Change)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listeners = append(s.listeners, fn)
}

func (s *Store) notify(changes ...Change) {
	s.mu.RLock()
	listeners := s.listeners
	s.mu.RUnlock()
	for _, c := range changes {
		for _, fn := range listeners {
			fn(c)
		}
	}
}

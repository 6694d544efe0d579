package annotate

import (
	"slices"

	"claimdesk/storage"
)

// receive is the store's listener: it may run on any goroutine.
func (s *Session) receive(c storage.Change) {
	s.inboxMu.Lock()
	s.inbox = append(s.inbox, c)
	s.inboxMu.Unlock()
	if s.wake != nil && s.scheduled.CompareAndSwap(false, true) {
		s.wake()
	}
}

// Sync applies the store's notices that arrived since the last Sync. It
// is the one place where the store's changes reach the session. Called
// while an intent is under way (a driver may run wake at once), it leaves
// the notices to that intent, which applies them when it ends.
func (s *Session) Sync() {
	if s.depth > 0 {
		return
	}
	defer s.begin()()
}

func (s *Session) sync() {
	s.scheduled.Store(false)
	s.inboxMu.Lock()
	changes := s.inbox
	s.inbox = nil
	s.inboxMu.Unlock()
	for _, c := range changes {
		s.apply(c)
	}
}

func (s *Session) apply(c storage.Change) {
	switch c.Kind {
	case storage.ArticleAdded:
		s.articles = append(s.articles, c.Article)
		s.changed |= ArticlesChanged
	case storage.ArticleUpdated:
		if i := s.articleIndex(c.Article.ID); i >= 0 {
			c.Article.Claims = s.articles[i].Claims
			s.articles[i] = c.Article
			s.changed |= ArticlesChanged
		}
		if c.Article.ID == s.article.ID {
			s.article.Title, s.article.Status = c.Article.Title, c.Article.Status
			s.changed |= StatusChanged
		}
	case storage.ArticleDeleted:
		if s.rejections != nil {
			s.rejections.ForgetArticle(c.Article.ID)
			s.changed |= RejectionsChanged
		}
		if i := s.articleIndex(c.Article.ID); i >= 0 {
			s.articles = slices.Delete(s.articles, i, i+1)
			s.changed |= ArticlesChanged
		}
		if c.Article.ID == s.article.ID {
			s.article, s.all, s.claims, s.selected, s.text, s.typing = storage.Article{}, nil, nil, 0, span{}, 0
			s.candidates, s.current, s.suggested = nil, -1, ""
			s.changed |= ArticleOpened | ClaimsChanged | SelectionChanged | StatusChanged | CandidatesChanged
		}
	case storage.ClaimAdded, storage.ClaimUpdated, storage.ClaimDeleted:
		s.applyClaim(c)
	case storage.LabelsChanged:
		if labels, err := s.store.Labels(); err == nil {
			s.labels = labels
		} else {
			s.failure = err
		}
		s.changed |= LabelsChanged | ClaimsChanged
	}
}

func (s *Session) applyClaim(c storage.Change) {
	switch c.Kind {
	case storage.ClaimAdded:
		s.countClaims(c.Claim.ArticleID, 1)
		s.noteAnnotator(c.Claim.Annotator)
	case storage.ClaimDeleted:
		s.countClaims(c.Claim.ArticleID, -1)
	}
	if c.Claim.ArticleID != s.article.ID || s.article.ID == 0 {
		return
	}
	s.adjudicationChanged()
	if i := slices.IndexFunc(s.all, func(have storage.Claim) bool { return have.ID == c.Claim.ID }); i >= 0 {
		s.all = slices.Delete(s.all, i, i+1)
	}
	if c.Kind != storage.ClaimDeleted {
		s.all = append(s.all, c.Claim)
		storage.SortInTextOrder(s.all)
		s.dropCandidatesUnder(c.Claim)
	} else if c.Claim.ID == s.selected {
		s.selected = 0
		s.changed |= SelectionChanged
	}
	s.showLayer()
}

func (s *Session) countClaims(articleID uint64, n int) {
	if i := s.articleIndex(articleID); i >= 0 {
		s.articles[i].Claims += n
		s.changed |= ArticlesChanged
	}
}

func (s *Session) articleIndex(id uint64) int {
	return slices.IndexFunc(s.articles, func(a storage.ArticleSummary) bool { return a.ID == id })
}

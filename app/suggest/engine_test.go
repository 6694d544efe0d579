package suggest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/seeds"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

func addArticle(t *testing.T, s *storage.Store, title, text string) storage.Article {
	t.Helper()
	a, _, err := s.AddArticle(storage.Article{Title: title, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func candidateHolding(t *testing.T, cands []Candidate, part string) Candidate {
	t.Helper()
	for _, c := range cands {
		if strings.Contains(c.Quote, part) {
			return c
		}
	}
	t.Fatalf("no candidate holds %q in %+v", part, cands)
	return Candidate{}
}

// Accept, reject and propagate as the window does, headless: accepting
// stores the candidate as a claim with its speaker; the engine learns it
// after Refresh; the claim and a rejected span are not proposed again;
// the accepted quote is proposed in a syndicated copy with its label and
// speaker.
func TestAcceptRejectPropagate(t *testing.T) {
	store := storetest.Open(t)
	seed := addArticle(t, store, "seed", seeds.Articles()[0].Text)
	rejected := NewRejectedSpans()
	engine := NewEngine(store, rejected, English)
	store.OnChange(engine.Observe)
	if err := engine.Load(); err != nil {
		t.Fatal(err)
	}
	text := []rune(seed.Text)
	ctx := context.Background()
	cands, err := engine.Candidates(ctx, seed.ID, text, nil)
	if err != nil {
		t.Fatal(err)
	}

	// Enter: accept with the suggested label, speaker and target.
	accept := candidateHolding(t, cands, "Russia has never interfered")
	claim, err := store.AddClaim(storage.Claim{
		ArticleID: seed.ID, Start: accept.Start, End: accept.End, Label: accept.Label,
		Speaker: accept.Speaker, Target: accept.Target, Origin: storage.OriginSuggested,
	})
	if err != nil {
		t.Fatal(err)
	}
	if claim.Speaker != "Kremlin spokesman Dmitry Peskov" || claim.Label != "denial" {
		t.Errorf("accepted claim: %+v", claim)
	}
	// Backspace: reject.
	reject := candidateHolding(t, cands, "the main card of their game")
	rejected.Reject(seed.ID, reject.Start, reject.End)

	if err := engine.Refresh(); err != nil {
		t.Fatal(err)
	}
	if got := engine.Model().Claims; got != 1 {
		t.Errorf("model learned from %d claims, want 1", got)
	}
	claims, _ := store.Claims(seed.ID)
	again, _ := engine.Candidates(ctx, seed.ID, text, claims)
	for _, c := range again {
		if c.Start == accept.Start || c.Start == reject.Start {
			t.Errorf("proposed again: %q", c.Quote)
		}
	}
	if len(again) != len(cands)-2 {
		t.Errorf("%d candidates left of %d", len(again), len(cands))
	}

	// Propagation: the same statement, syndicated with a word changed.
	copyText := "Moscow rejects claims\n\nAn agency report on Thursday.\n\n" +
		"\"President Putin has repeatedly said that Russia has never interfered and does not interfere in internal affairs, especially in the electoral processes of foreign countries,\" a spokesman told journalists.\n"
	syndicated := addArticle(t, store, "copy", copyText)
	found, _ := engine.Candidates(ctx, syndicated.ID, []rune(copyText), nil)
	p := candidateHolding(t, found, "Russia has never interfered")
	if p.Kind != KindPropagated || p.Label != "denial" || p.Speaker != claim.Speaker || p.FromClaim != claim.ID {
		t.Errorf("propagated candidate: %+v", p)
	}
	if string([]rune(copyText)[p.Start:p.End]) != p.Quote {
		t.Errorf("propagated quote does not match its offsets: %q", p.Quote)
	}

	// Deleting the claim forgets it.
	if _, err := store.DeleteClaim(claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := engine.Refresh(); err != nil {
		t.Fatal(err)
	}
	if got := engine.Model().Claims; got != 0 {
		t.Errorf("model still learned from %d claims after the delete", got)
	}
}

// Run retrains in the background after each change and swaps the model in.
func TestEngineRetrainsInBackground(t *testing.T) {
	store := storetest.Open(t)
	a := addArticle(t, store, "a", "\"We never interfered in anything,\" Peskov said.\n")
	engine := NewEngine(store, nil, English)
	store.OnChange(engine.Observe)
	swapped := make(chan *Model, 8)
	engine.OnModel(func(m *Model) { swapped <- m })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- engine.Run(ctx) }()
	<-swapped // the first model, from Load
	if _, err := store.AddClaim(storage.Claim{ArticleID: a.ID, Start: 1, End: 32, Label: "denial"}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-swapped:
		if m.Claims != 1 || engine.Model() != m {
			t.Errorf("swapped model learned from %d claims", m.Claims)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no model after the new claim")
	}
	if err := store.AddLabel(storage.Label{Name: "hedge", Colour: "#CC79A7", Hotkey: "4"}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-swapped:
		if len(m.Classifier.Labels()) != 4 {
			t.Errorf("labels after adding one: %v", m.Classifier.Labels())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no model after the new label")
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Run ended with %v", err)
	}
}

func TestEmptyStore(t *testing.T) {
	store := storetest.Open(t)
	engine := NewEngine(store, nil, English)
	if err := engine.Load(); err != nil {
		t.Fatal(err)
	}
	got := engine.Suggest([]rune("They denied everything."), 0, 4)
	if len(got) != 3 {
		t.Errorf("empty store's suggestion: %v", got)
	}
	if got := engine.Suggest(nil, 5, 2); len(got) != 3 {
		t.Errorf("selection out of an empty text: %v", got)
	}
}

func TestRejectedSpansPersist(t *testing.T) {
	r := NewRejectedSpans()
	r.Reject(2, 10, 20)
	r.Reject(1, 5, 6)
	r.Reject(1, 0, 3)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"article_id":1,"start":0,"end":3},{"article_id":1,"start":5,"end":6},{"article_id":2,"start":10,"end":20}]`
	if string(data) != want {
		t.Errorf("got %s\nwant %s", data, want)
	}
	back := NewRejectedSpans()
	if err := json.Unmarshal(data, back); err != nil {
		t.Fatal(err)
	}
	if !back.Rejected(2, 10, 20) || back.Rejected(2, 10, 21) {
		t.Error("round trip lost a span")
	}
	back.Forget(2, 10, 20)
	back.ForgetArticle(1)
	if back.Rejected(2, 10, 20) || back.Rejected(1, 0, 3) {
		t.Error("Forget kept a span")
	}
	if err := json.Unmarshal([]byte(`{`), back); err == nil {
		t.Error("broken JSON read")
	}
}

// The engine keeps what it found in the last article; whatever changes
// between calls (its claims, a rejection, a new model, another article
// and back), it answers exactly what a search from scratch with the model
// in use answers.
func TestKeptCandidatesEqualAFreshSearch(t *testing.T) {
	store := storetest.Open(t)
	seed := addArticle(t, store, "seed", seeds.Articles()[0].Text)
	other := addArticle(t, store, "other", "\"We deny everything,\" the ministry said on Monday.\n")
	rejected := NewRejectedSpans()
	engine := NewEngine(store, rejected, English)
	store.OnChange(engine.Observe)
	if err := engine.Load(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	same := func(step string, a storage.Article) []Candidate {
		t.Helper()
		claims, err := store.Claims(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(a.Text)
		kept, err := engine.Candidates(ctx, a.ID, text, claims)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := engine.Model().Candidates(ctx, a.ID, text, claims, rejected)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprint(kept), fmt.Sprint(fresh); got != want {
			t.Fatalf("%s: the engine answered\n%s\na fresh search\n%s", step, got, want)
		}
		return kept
	}
	first := same("first search", seed)
	if len(first) < 3 {
		t.Fatalf("the seed article has %d candidates, want several to change", len(first))
	}
	c := first[0]
	if _, err := store.AddClaim(storage.Claim{ArticleID: seed.ID, Start: c.Start, End: c.End, Label: "denial"}); err != nil {
		t.Fatal(err)
	}
	if n := len(same("a claim made, same model", seed)); n != len(first)-1 {
		t.Errorf("after claiming a candidate %d are left, want %d", n, len(first)-1)
	}
	rejected.Reject(seed.ID, first[1].Start, first[1].End)
	same("a candidate rejected", seed)
	if err := engine.Refresh(); err != nil {
		t.Fatal(err)
	}
	same("a new model", seed)
	same("another article", other)
	same("back to the first", seed)
}

// nestingSource is a store that reports a read begun while another of its
// reads is still under way: storage runs each read in a transaction, and
// bbolt's Close waits for those under way while holding back new ones, so
// a nested read would hang a window quitting while the engine learns.
type nestingSource struct {
	*storage.Store
	t       *testing.T
	reading bool
}

func (s *nestingSource) read(what string) func() {
	if s.reading {
		s.t.Errorf("%s read inside another read of the store", what)
	}
	s.reading = true
	return func() { s.reading = false }
}

// ArticleSummaries lists an article 999 too, as one deleted after the list
// was read would be.
func (s *nestingSource) ArticleSummaries() ([]storage.ArticleSummary, error) {
	defer s.read("the article list")()
	list, err := s.Store.ArticleSummaries()
	return append(list, storage.ArticleSummary{ID: 999}), err
}

func (s *nestingSource) Article(id uint64) (storage.Article, error) {
	defer s.read("an article")()
	return s.Store.Article(id)
}

func (s *nestingSource) Claims(id uint64) ([]storage.Claim, error) {
	defer s.read("an article's claims")()
	return s.Store.Claims(id)
}

// TestLoadReadsOneArticleAtATime: the engine learns every article's claims
// in reads of their own, and an article deleted between the list and its
// read is passed over.
func TestLoadReadsOneArticleAtATime(t *testing.T) {
	store := storetest.Open(t)
	for _, title := range []string{"one", "two", "three"} {
		a := addArticle(t, store, title, "Peskov denied that Russia had interfered. "+title)
		if _, err := store.AddClaim(storage.Claim{ArticleID: a.ID, Start: 0, End: 41, Label: "denial", Speaker: "Peskov"}); err != nil {
			t.Fatal(err)
		}
	}
	src := &nestingSource{Store: store, t: t}
	engine := NewEngine(src, nil, English)
	if err := engine.Load(); err != nil {
		t.Fatal(err)
	}
	if n := engine.Model().Claims; n != 3 {
		t.Errorf("the engine learnt %d claims, want 3", n)
	}
	corpus, err := LoadCorpus(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus.Docs) != 3 || corpus.Docs[2].Title != "three" || len(corpus.Docs[2].Claims) != 1 {
		t.Errorf("the corpus holds %+v", corpus.Docs)
	}
}

// Past its training limit the engine learns the label from the newest
// claims alone, as a model built from those claims does, and still
// proposes every labelled quote again: a speaker the analyst left out is
// named from the quote's own article when it is proposed, the same
// speaker a claim the engine learned from gets.
func TestTrainingLimitKeepsNewestAndPropagatesAll(t *testing.T) {
	store := storetest.Open(t)
	source := addArticle(t, store, "source",
		"\"The sanctions have failed completely and will never work,\" Peskov said.\n"+
			"\"We have never supplied any weapons to anyone at all,\" Lavrov told reporters.\n"+
			"\"Our partners acted wisely and with great courage,\" Zakharova said.\n")
	text := []rune(source.Text)
	var claims []storage.Claim
	for _, quote := range []string{"The sanctions have failed completely and will never work", "We have never supplied any weapons to anyone at all", "Our partners acted wisely and with great courage"} {
		start := strings.Index(source.Text, quote)
		start = len([]rune(source.Text[:start]))
		c, err := store.AddClaim(storage.Claim{ArticleID: source.ID, Start: start, End: start + len([]rune(quote)), Label: "denial"})
		if err != nil {
			t.Fatal(err)
		}
		claims = append(claims, c)
	}
	if _, err := store.UpdateClaim(func() storage.Claim { c := claims[2]; c.Label = "praise"; return c }()); err != nil {
		t.Fatal(err)
	}
	copyText := "\"The sanctions have failed completely and will never work,\" a spokesman told reporters.\n" +
		"\"We have never supplied any weapons to anyone at all,\" the ministry added.\n"
	syndicated := addArticle(t, store, "copy", copyText)

	everything := NewEngine(store, nil, English)
	limited := NewEngine(store, nil, English)
	limited.trainingLimit = 1
	for _, e := range []*Engine{everything, limited} {
		if err := e.Load(); err != nil {
			t.Fatal(err)
		}
	}
	if got := limited.Model().Classifier.Trained(); got != 1 {
		t.Errorf("the limited engine learnt from %d claims, want 1", got)
	}
	if got := everything.Model().Classifier.Trained(); got != 3 {
		t.Errorf("the engine learnt from %d claims, want 3", got)
	}
	newestOnly := Document{ID: source.ID, Text: text, Claims: []storage.Claim{claims[2]}}
	newestOnly.Claims[0].Label = "praise"
	want := Train(limited.Model().Classifier.Labels(), Examples([]Document{newestOnly}, English), English)
	for _, c := range claims {
		if got, want := fmt.Sprint(limited.Suggest(text, c.Start, c.End)), fmt.Sprint(want.Predict(describe(text, c.Start, c.End, "", English))); got != want {
			t.Errorf("limited engine suggests %s for %q, a model of the newest claim %s", got, text[c.Start:c.End], want)
		}
	}

	ctx := context.Background()
	var proposed []string
	for _, e := range []*Engine{everything, limited} {
		cands, err := e.Candidates(ctx, syndicated.ID, []rune(copyText), nil)
		if err != nil {
			t.Fatal(err)
		}
		var propagated []string
		for _, c := range cands {
			if c.Kind == KindPropagated {
				propagated = append(propagated, fmt.Sprintf("%s|%s|%s|%d", c.Quote, c.Label, c.Speaker, c.FromClaim))
			}
		}
		proposed = append(proposed, strings.Join(propagated, "\n"))
	}
	wantProposed := fmt.Sprintf("The sanctions have failed completely and will never work|denial|Peskov|%d\nWe have never supplied any weapons to anyone at all|denial|Lavrov|%d", claims[0].ID, claims[1].ID)
	for i, got := range proposed {
		if got != wantProposed {
			t.Errorf("engine %d proposed again\n%s\nwant\n%s", i, got, wantProposed)
		}
	}

	// The source deleted: the model trained before it cannot name the
	// speaker and proposes the quote without one, never failing.
	if err := store.DeleteArticle(source.ID); err != nil {
		t.Fatal(err)
	}
	cands, err := limited.Model().Candidates(ctx, syndicated.ID, []rune(copyText), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		if c.Kind == KindPropagated && c.Speaker != "" {
			t.Errorf("a quote of a deleted article was named %q", c.Speaker)
		}
	}
}

// slowSource is a store whose reading takes 3 s on the test's clock.
type slowSource struct {
	*storage.Store
	clock *time.Time
}

func (s slowSource) Labels() ([]storage.Label, error) {
	*s.clock = s.clock.Add(3 * time.Second)
	return s.Store.Labels()
}

// Follow rests four times as long as a training took before the next:
// changes that come meanwhile are learned together, after the rest.
func TestFollowRestsAfterEachTraining(t *testing.T) {
	store := storetest.Open(t)
	a := addArticle(t, store, "a", "\"We never interfered in anything,\" Peskov said. Lavrov praised the talks.\n")
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	engine := NewEngine(slowSource{store, &clock}, nil, English)
	var rests []time.Duration
	engine.now = func() time.Time { return clock }
	engine.wait = func(_ context.Context, d time.Duration) error {
		rests = append(rests, max(d, 0))
		clock = clock.Add(max(d, 0))
		return nil
	}
	store.OnChange(engine.Observe)
	swapped := make(chan *Model, 8)
	engine.OnModel(func(m *Model) { swapped <- m })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- engine.Follow(ctx) }()
	for i, span := range [][2]int{{1, 32}, {49, 73}} {
		if _, err := store.AddClaim(storage.Claim{ArticleID: a.ID, Start: span[0], End: span[1], Label: "denial"}); err != nil {
			t.Fatal(err)
		}
		select {
		case m := <-swapped:
			if m.Claims != i+1 {
				t.Errorf("training %d learned from %d claims", i+1, m.Claims)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no model after claim %d", i+1)
		}
	}
	cancel()
	<-done
	// The first training at once; the second, asked for as the first
	// ended, after four times the 3 s the first took.
	if want := []time.Duration{0, 12 * time.Second}; !slices.Equal(rests, want) {
		t.Errorf("Follow rested %v, want %v", rests, want)
	}
}

// countingSource counts the articles read whole.
type countingSource struct {
	*storage.Store
	read []uint64
}

func (s *countingSource) Article(id uint64) (storage.Article, error) {
	s.read = append(s.read, id)
	return s.Store.Article(id)
}

// TestLearningReadsOnlyTheArticlesTrainedOn: the engine reads an article's
// text only when it trains on one of its claims (the newest, up to its
// limit); every other labelled quote is indexed from its claim, and found
// again as well.
func TestLearningReadsOnlyTheArticlesTrainedOn(t *testing.T) {
	store := storetest.Open(t)
	var articles []storage.Article
	for i := range 5 {
		quote := fmt.Sprintf("Peskov denied that report number %d had been leaked by the ministry", i)
		a := addArticle(t, store, fmt.Sprint("article ", i), "Earlier. "+quote+". Later.")
		if _, err := store.AddClaim(storage.Claim{ArticleID: a.ID, Start: 9, End: 9 + len(quote), Label: "denial", Speaker: "Peskov"}); err != nil {
			t.Fatal(err)
		}
		articles = append(articles, a)
	}
	src := &countingSource{Store: store}
	m, err := learn(src, English, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{articles[4].ID, articles[3].ID}; !slices.Equal(src.read, want) {
		t.Errorf("learning from the newest 2 claims read articles %v, want %v alone", src.read, want)
	}
	oldest := "Peskov denied that report number 0 had been leaked by the ministry"
	found, err := m.Quotes.Find(context.Background(), 999, []rune("Today: "+oldest+"."))
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].Quote != oldest || found[0].Label != "denial" || found[0].Speaker != "Peskov" {
		t.Errorf("the oldest article's quote, indexed from its claim, is found as %+v", found)
	}
}

package team

import (
	"fmt"
	"slices"

	"claimdesk/storage"
)

// ClaimKey is what makes two claims the same for agreement and
// adjudication: the article, the span and the label.
type ClaimKey struct {
	ArticleID  uint64
	Start, End int
	Label      string
}

// KeyOf is the key of a claim.
func KeyOf(c storage.Claim) ClaimKey {
	return ClaimKey{ArticleID: c.ArticleID, Start: c.Start, End: c.End, Label: c.Label}
}

// Candidate is one distinct claim (article, span, label) of an article as
// the annotators made it: who made it, their claims, and what gold holds.
type Candidate struct {
	ClaimKey
	// Annotators who made it, by name; each once, however often they did.
	Annotators []string
	// Claims are the annotators' own claims, in the order of Annotators.
	Claims []storage.Claim
	// Agreed is true when every annotator of the adjudication made it.
	Agreed bool
	// InGold is true when gold holds this very claim.
	InGold bool
	// Rejected is true when the adjudicator rejected it.
	Rejected bool
	// Open is true for a disagreement still to decide: not every
	// annotator made it, gold holds neither it nor an edit of it, and it
	// was not rejected. DisagreementsLeft counts them.
	Open bool
}

// candidates groups the annotators' claims of one article by key, in
// text order; annotators are taken in the order given.
func candidates(snap *Snapshot, annotators []string, articleID uint64) []Candidate {
	index := map[ClaimKey]int{}
	var out []Candidate
	for _, name := range annotators {
		for _, c := range snap.Claims(name, articleID) {
			k := KeyOf(c)
			i, ok := index[k]
			if !ok {
				i = len(out)
				index[k] = i
				out = append(out, Candidate{ClaimKey: k})
			}
			if cand := &out[i]; !slices.Contains(cand.Annotators, name) {
				cand.Annotators = append(cand.Annotators, name)
				cand.Claims = append(cand.Claims, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return b.End - a.End
		}
		if a.Label < b.Label {
			return -1
		}
		if a.Label > b.Label {
			return 1
		}
		return 0
	})
	for i := range out {
		out[i].Agreed = len(out[i].Annotators) == len(annotators)
	}
	return out
}

// GoldCopy is the gold claim made from an annotator's claim: the same span,
// label, speaker, target and note, under the annotator gold.
func GoldCopy(c storage.Claim) storage.Claim {
	return storage.Claim{
		ArticleID: c.ArticleID, Start: c.Start, End: c.End, Quote: c.Quote, Label: c.Label,
		Speaker: c.Speaker, Target: c.Target, Note: c.Note, Annotator: Gold, Origin: c.Origin,
	}
}

// AgreedResult tells what AdjudicateAgreed found and did.
type AgreedResult struct {
	Annotators []string
	Agreed     int // distinct claims made by at least K annotators
	Added      int // of them, copied into gold now
	InGold     int // of them, in gold already
}

// AdjudicateAgreed copies into gold every claim (article, start, end,
// label) that at least k of the annotators made, once: a claim gold holds
// already is not copied again, so running it twice adds nothing. Speaker,
// target and note come from the first annotator, by name, who made it.
// All claims land in one transaction or none does.
func AdjudicateAgreed(store *storage.Store, k int, annotators []string) (AgreedResult, error) {
	if err := checkMayWriteGold(store); err != nil {
		return AgreedResult{}, err
	}
	snap, err := Load(store)
	if err != nil {
		return AgreedResult{}, err
	}
	if slices.Contains(annotators, Gold) {
		return AgreedResult{}, errGoldIsNoAnnotator
	}
	annotators, err = chooseAnnotators(snap, annotators)
	if err != nil {
		return AgreedResult{}, err
	}
	if k < 1 || k > len(annotators) {
		return AgreedResult{}, choiceErrorf("--agreed %d: K must be between 1 and the number of annotators, %d (%s)", k, len(annotators), quoteAll(annotators))
	}
	res := AgreedResult{Annotators: annotators}
	var add []storage.Claim
	for _, id := range snap.ids {
		gold := goldKeys(snap, id)
		for _, c := range candidates(snap, annotators, id) {
			if len(c.Annotators) < k {
				continue
			}
			res.Agreed++
			if gold[c.ClaimKey] {
				res.InGold++
				continue
			}
			add = append(add, GoldCopy(c.Claims[0]))
		}
	}
	if _, err := store.AddClaims(add); err != nil {
		return res, fmt.Errorf("copy agreed claims into gold: %w", err)
	}
	res.Added = len(add)
	return res, nil
}

// checkMayWriteGold refuses to build gold in a store that reads the team's
// gold from its folder: the next sync would replace what was built.
func checkMayWriteGold(store *storage.Store) error {
	m, joined, err := store.TeamMembership()
	if err != nil || !joined || m.Adjudicator {
		return err
	}
	return choiceErrorf("this store reads the team's gold from %s, as %s, who does not adjudicate: its gold is a read-only copy of %s, "+
		"replaced at each sync. Join with --adjudicator (in the window: Team > Join team folder…, I adjudicate) to write gold",
		m.Folder, m.Annotator, layerPath(Gold))
}

var errGoldIsNoAnnotator = &ChoiceError{"gold is what adjudication builds, not one of its annotators"}

// ChoiceError says the annotators, labels or K chosen cannot be measured
// or adjudicated, and why: the caller's choice is wrong, not the store.
type ChoiceError struct{ reason string }

func (e *ChoiceError) Error() string { return e.reason }

func choiceErrorf(format string, args ...any) error {
	return &ChoiceError{fmt.Sprintf(format, args...)}
}

// chooseAnnotators checks the names given and returns them sorted, each
// once; none given means everyone with claims except gold. Naming someone
// with no claim is an error, since it is far more often a typo than a
// person who marked nothing.
func chooseAnnotators(snap *Snapshot, names []string) ([]string, error) {
	everyone := snap.Annotators()
	if len(names) == 0 {
		return everyone, nil
	}
	names = sortedOnce(names)
	for _, n := range names {
		if _, ok := snap.layers[n]; !ok {
			return nil, choiceErrorf("no claims by annotator %q (annotators: %s)", n, quoteAll(everyone))
		}
	}
	return names, nil
}

func sortedOnce(names []string) []string {
	names = slices.Clone(names)
	slices.Sort(names)
	return slices.Compact(names)
}

func goldKeys(snap *Snapshot, articleID uint64) map[ClaimKey]bool {
	keys := map[ClaimKey]bool{}
	for _, c := range snap.Claims(Gold, articleID) {
		keys[KeyOf(c)] = true
	}
	return keys
}

// Adjudication builds the gold layer of one article: it shows every
// annotator's claims grouped by key and accepts, edits or rejects them one
// by one, or all on which enough annotators agree.
type Adjudication struct {
	store      *storage.Store
	article    Article
	annotators []string
	snap       *Snapshot
	rejected   map[ClaimKey]bool
}

// OpenAdjudication reads an article's layers for adjudication. No
// annotators means everyone with a claim in the store except gold.
func OpenAdjudication(store *storage.Store, articleID uint64, annotators []string) (*Adjudication, error) {
	if err := checkMayWriteGold(store); err != nil {
		return nil, err
	}
	adj := &Adjudication{store: store, rejected: map[ClaimKey]bool{}}
	if err := adj.reload(articleID); err != nil {
		return nil, err
	}
	// An annotator named may have no claim in this article: that is one
	// of the opinions to adjudicate.
	if slices.Contains(annotators, Gold) {
		return nil, errGoldIsNoAnnotator
	}
	adj.annotators = sortedOnce(annotators)
	if len(annotators) == 0 {
		everyone, err := Load(store)
		if err != nil {
			return nil, err
		}
		adj.annotators = everyone.Annotators()
	}
	return adj, nil
}

// reload reads the article and its claims again after a change.
func (adj *Adjudication) reload(articleID uint64) error {
	art, err := adj.store.Article(articleID)
	if err != nil {
		return err
	}
	claims, err := adj.store.Claims(articleID)
	if err != nil {
		return err
	}
	summary := storage.ArticleSummary{ID: art.ID, Title: art.Title, Status: art.Status, RuneLen: storage.RuneLen(art.Text)}
	adj.snap = NewSnapshot([]storage.ArticleSummary{summary}, claims)
	adj.article, _ = adj.snap.Article(articleID)
	return nil
}

// Article is the article being adjudicated.
func (adj *Adjudication) Article() Article { return adj.article }

// Annotators are the annotators whose claims are adjudicated, by name.
func (adj *Adjudication) Annotators() []string { return adj.annotators }

// Layer is one annotator's claims in the article, in text order; Layer(Gold)
// is the gold layer built so far.
func (adj *Adjudication) Layer(annotator string) []storage.Claim {
	return adj.snap.Claims(annotator, adj.article.ID)
}

// Candidates lists every distinct claim the annotators made, in text
// order, with who made it and what gold holds.
func (adj *Adjudication) Candidates() []Candidate {
	gold := goldKeys(adj.snap, adj.article.ID)
	edits := layersByLabel(adj.Layer(Gold), func(string) bool { return true })
	out := candidates(adj.snap, adj.annotators, adj.article.ID)
	for i := range out {
		c := &out[i]
		c.InGold = gold[c.ClaimKey]
		c.Rejected = adj.rejected[c.ClaimKey]
		edited := edits[c.Label] != nil && overlapping([]span{{c.Start, c.End}}, edits[c.Label].union) > 0
		c.Open = !c.Agreed && !c.InGold && !c.Rejected && !edited
	}
	return out
}

// DisagreementsLeft counts the claims not every annotator made that are
// still undecided: gold holds neither the claim nor an edit of it (a gold
// claim of the same label sharing a code point with it), and it was not
// rejected.
func (adj *Adjudication) DisagreementsLeft() int {
	left := 0
	for _, c := range adj.Candidates() {
		if c.Open {
			left++
		}
	}
	return left
}

// Reload reads the article's claims again, after a change made elsewhere
// (an undo, an edit in the window); rejections stay.
func (adj *Adjudication) Reload() error { return adj.reload(adj.article.ID) }

// Use takes the article's claims as the caller holds them, in place of
// reading the store again: the window's session keeps them current as the
// store tells of each change, and reading and decoding them is most of
// what a reload costs. Claims of other articles are ignored.
func (adj *Adjudication) Use(claims []storage.Claim) {
	a := adj.article
	summary := storage.ArticleSummary{ID: a.ID, Title: a.Title, Status: a.Status, RuneLen: a.RuneLen}
	adj.snap = NewSnapshot([]storage.ArticleSummary{summary}, slices.DeleteFunc(slices.Clone(claims), func(c storage.Claim) bool { return c.ArticleID != a.ID }))
}

// SetRejected records a decision against a claim, or takes it back,
// without touching gold: for a caller that removes the gold copy itself,
// as an undoable step.
func (adj *Adjudication) SetRejected(key ClaimKey, rejected bool) {
	if rejected {
		adj.rejected[key] = true
	} else {
		delete(adj.rejected, key)
	}
}

// GoldClaim is gold's claim of a key, if gold holds it.
func (adj *Adjudication) GoldClaim(key ClaimKey) (storage.Claim, bool) { return adj.goldClaim(key) }

// AgreedToAccept lists the gold copies AcceptAgreed(k) would store: one of
// every claim of the article at least k annotators made that gold lacks
// and that was not rejected.
func (adj *Adjudication) AgreedToAccept(k int) ([]storage.Claim, error) {
	if k < 1 || k > len(adj.annotators) {
		return nil, choiceErrorf("agreed by %d: it must be between 1 and the number of annotators, %d", k, len(adj.annotators))
	}
	var add []storage.Claim
	for _, c := range adj.Candidates() {
		if len(c.Annotators) >= k && !c.InGold && !c.Rejected {
			add = append(add, GoldCopy(c.Claims[0]))
		}
	}
	return add, nil
}

// Accept copies one annotator's claim into gold as it is. A claim gold
// holds already is returned, not copied twice.
func (adj *Adjudication) Accept(claimID uint64) (storage.Claim, error) {
	src, err := adj.source(claimID)
	if err != nil {
		return storage.Claim{}, err
	}
	return adj.Edit(src)
}

// Edit puts an edited claim into gold: one annotator's claim with its span,
// label, speaker, target or note changed (a new gold claim), or a gold
// claim changed (the gold claim updated). The quote follows the span.
func (adj *Adjudication) Edit(c storage.Claim) (storage.Claim, error) {
	if c.ArticleID != adj.article.ID {
		return storage.Claim{}, fmt.Errorf("claim %d belongs to article %d, not to article %d being adjudicated", c.ID, c.ArticleID, adj.article.ID)
	}
	c.Quote = ""
	var (
		out storage.Claim
		err error
	)
	existing, inGold := adj.goldClaim(KeyOf(c))
	if c.Annotator == Gold && c.ID != 0 {
		if inGold && existing.ID != c.ID {
			return storage.Claim{}, fmt.Errorf("gold holds %s %d–%d already (claim %d): the edit would make it twice", c.Label, c.Start, c.End, existing.ID)
		}
		out, err = adj.store.UpdateClaim(c)
	} else if inGold {
		return existing, nil
	} else {
		out, err = adj.store.AddClaim(GoldCopy(c))
	}
	if err != nil {
		return storage.Claim{}, err
	}
	delete(adj.rejected, KeyOf(out))
	return out, adj.reload(adj.article.ID)
}

// Reject decides against a claim: gold will not hold it, and a copy gold
// holds already is removed. Rejections last as long as the Adjudication.
func (adj *Adjudication) Reject(key ClaimKey) error {
	if key.ArticleID != adj.article.ID {
		return fmt.Errorf("the claim is in article %d, not in article %d being adjudicated", key.ArticleID, adj.article.ID)
	}
	if g, ok := adj.goldClaim(key); ok {
		if _, err := adj.store.DeleteClaim(g.ID); err != nil {
			return err
		}
	}
	adj.rejected[key] = true
	return adj.reload(adj.article.ID)
}

// AcceptAgreed copies into gold every claim of the article at least k of
// the annotators made, once; it returns how many it copied.
func (adj *Adjudication) AcceptAgreed(k int) (int, error) {
	add, err := adj.AgreedToAccept(k)
	if err != nil {
		return 0, err
	}
	if _, err := adj.store.AddClaims(add); err != nil {
		return 0, err
	}
	return len(add), adj.reload(adj.article.ID)
}

func (adj *Adjudication) source(claimID uint64) (storage.Claim, error) {
	for _, name := range adj.annotators {
		for _, c := range adj.Layer(name) {
			if c.ID == claimID {
				return c, nil
			}
		}
	}
	return storage.Claim{}, fmt.Errorf("claim %d is not a claim of %s in article %d", claimID, quoteAll(adj.annotators), adj.article.ID)
}

func (adj *Adjudication) goldClaim(key ClaimKey) (storage.Claim, bool) {
	for _, c := range adj.Layer(Gold) {
		if KeyOf(c) == key {
			return c, true
		}
	}
	return storage.Claim{}, false
}

package suggest

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"
	"strings"

	"claimdesk/app/segment"
)

// Example is what the classifier learns from and predicts for: a claim's
// quote, the sentences around it, its cue verb and its speaker.
type Example struct {
	ArticleID uint64
	ClaimID   uint64
	Quote     string
	Context   string // the sentence(s) around the quote, the quote left out
	Cue       string
	Speaker   string
	Label     string // the analyst's label; "" when predicting
	Target    string // not a feature: propagation proposes it again
}

// featureBits sizes the hashed feature space: 2^18 buckets keep collisions
// rare for a store's vocabulary and the model's size fixed (labels × 1 MiB).
const featureBits = 18

const featureSpace = 1 << featureBits

// feature is one hashed feature and its value.
type feature struct {
	index uint32
	value float32
}

// rawFeatures names the features of an example, each with its count:
// words and word pairs of the quote, words of the context, the cue verb,
// the label the cue verb leans to, the speaker's last name, and negation.
// Lexicon hits are kept apart (see lexiconHits): they are the prior's
// evidence, not a word to be weighted by rarity.
func rawFeatures(ex Example, cues *Cues) map[string]float32 {
	f := map[string]float32{}
	quoteWords := wordsOf(ex.Quote)
	for i, w := range quoteWords {
		f["q:"+w]++
		if i > 0 {
			f["b:"+quoteWords[i-1]+" "+w]++
		}
		if w == "not" || w == "never" || w == "no" || strings.HasSuffix(w, "n't") {
			f["neg"] = 1
		}
	}
	for _, w := range wordsOf(ex.Context) {
		f["c:"+w]++
	}
	if ex.Cue != "" {
		f["v:"+ex.Cue] = 1
		if lean := cues.Verbs[ex.Cue]; lean != "" {
			f["vl:"+lean] = 1
		}
	}
	if sp := wordsOf(ex.Speaker); len(sp) > 0 {
		f["s:"+sp[len(sp)-1]] = 1
	}
	return f
}

// wordsOf returns the folded words of s.
func wordsOf(s string) []string {
	runes := []rune(s)
	var out []string
	for _, sp := range segment.Words(runes) {
		if segment.IsWordRune(runes[sp.Start]) {
			out = append(out, strings.ToLower(string(runes[sp.Start:sp.End])))
		}
	}
	return out
}

// lexiconHits counts, per label, the cue lexicon's words in the quote and
// its context, and adds the lean of the cue verb.
func lexiconHits(ex Example, cues *Cues) map[string]float64 {
	hits := map[string]float64{}
	for _, w := range wordsOf(ex.Quote + " " + ex.Context) {
		for _, label := range cues.lexicon[w] {
			hits[label]++
		}
	}
	if lean := cues.Verbs[ex.Cue]; lean != "" {
		hits[lean] += 2
	}
	return hits
}

func hashFeature(name string) uint32 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return uint32(h.Sum64() & (featureSpace - 1))
}

// vectorize weighs raw features by TF-IDF (sublinear term frequency, the
// idf learned in training) and scales the vector to unit length, as the
// TF-IDF baseline does; features never seen in training count as rare.
func vectorize(raw map[string]float32, idf map[uint32]float32, maxIDF float32) []feature {
	out := make([]feature, 0, len(raw))
	var norm float64
	for name, tf := range raw {
		i := hashFeature(name)
		weight, ok := idf[i]
		if !ok {
			weight = maxIDF
		}
		v := (1 + float32(math.Log(float64(tf)))) * weight
		out = append(out, feature{i, v})
		norm += float64(v * v)
	}
	if norm > 0 {
		scale := float32(1 / math.Sqrt(norm))
		for k := range out {
			out[k].value *= scale
		}
	}
	sortFeatures(out)
	return out
}

// sortFeatures orders by index, so that a vector's arithmetic, and so the
// model trained from it, never depends on map order.
func sortFeatures(fs []feature) {
	slices.SortFunc(fs, func(a, b feature) int {
		if c := cmp.Compare(a.index, b.index); c != 0 {
			return c
		}
		return cmp.Compare(a.value, b.value)
	})
}

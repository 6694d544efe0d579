package suggest

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"claimdesk/app/segment"
)

// Example is what the classifier learns from and predicts for: a claim's
// quote, the paragraph around it, its cue verb and its speaker.
type Example struct {
	ArticleID uint64
	ClaimID   uint64
	Quote     string
	Context   string // the paragraph around the quote, the quote left out
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

// Features are words cut by segment.IsWordRune, the rule per character
// (as search does): a classifier and a shingle index look at every word of
// every claim, and a run of word characters is a word enough for them.

// forEachWord calls fn with each word of text, folded to lower case, and
// its code-point span. folded is reused: copy it to keep it.
func forEachWord(text []rune, fn func(start, end int, folded []byte)) {
	var buf []byte
	start := -1
	for i := 0; i <= len(text); i++ {
		if i < len(text) && segment.IsWordRune(text[i]) {
			if start < 0 {
				start, buf = i, buf[:0]
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(text[i]))
			continue
		}
		if start >= 0 {
			fn(start, i, buf)
			start = -1
		}
	}
}

// The kinds of feature, hashed in front of their words.
const (
	quoteWord    = 'q'
	quotePair    = 'b'
	contextWord  = 'c'
	cueVerb      = 'v'
	cueLean      = 'l'
	speakerName  = 's'
	quoteNegated = 'n'
)

// fnv-1a, written out so that hashing a word allocates nothing.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func hashFeature(kind byte, words ...[]byte) uint32 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(kind)) * fnvPrime
	for _, w := range words {
		h = hashBytes(h, w)
		h = (h ^ 0xff) * fnvPrime // no UTF-8 byte is 0xff: words stay apart
	}
	return uint32(h & (featureSpace - 1))
}

// rawFeatures hashes the features of an example, each with its count,
// ordered by index: words and word pairs of the quote, words of the
// context, the cue verb, the label the cue verb leans to, the speaker's
// last name, and negation. Lexicon hits are kept apart (lexiconHits): they
// are the prior's evidence, not a word to be weighed by rarity.
func rawFeatures(ex Example, cues *Cues) []feature {
	var idx []uint32
	var prev []byte
	negated := false
	forEachWord([]rune(ex.Quote), func(_, _ int, w []byte) {
		idx = append(idx, hashFeature(quoteWord, w))
		if prev != nil {
			idx = append(idx, hashFeature(quotePair, prev, w))
		}
		prev = append(prev[:0], w...)
		s := string(w)
		negated = negated || s == "not" || s == "never" || s == "no" || s == "t" // don't, won't
	})
	if negated {
		idx = append(idx, hashFeature(quoteNegated))
	}
	forEachWord([]rune(ex.Context), func(_, _ int, w []byte) { idx = append(idx, hashFeature(contextWord, w)) })
	if ex.Cue != "" {
		idx = append(idx, hashFeature(cueVerb, []byte(ex.Cue)))
		if lean := cues.Verbs[ex.Cue]; lean != "" {
			idx = append(idx, hashFeature(cueLean, []byte(lean)))
		}
	}
	var last []byte
	forEachWord([]rune(ex.Speaker), func(_, _ int, w []byte) { last = append(last[:0], w...) })
	if last != nil {
		idx = append(idx, hashFeature(speakerName, last))
	}
	slices.Sort(idx)
	out := make([]feature, 0, len(idx))
	for _, i := range idx {
		if n := len(out); n > 0 && out[n-1].index == i {
			out[n-1].value++
		} else {
			out = append(out, feature{i, 1})
		}
	}
	return out
}

// lexiconHits counts, per label, the cue lexicon's words in the quote and
// its context, and adds the lean of the cue verb.
func lexiconHits(ex Example, cues *Cues) map[string]float64 {
	hits := map[string]float64{}
	count := func(_, _ int, w []byte) {
		for _, label := range cues.lexicon[string(w)] {
			hits[label]++
		}
	}
	forEachWord([]rune(ex.Quote), count)
	forEachWord([]rune(ex.Context), count)
	if lean := cues.Verbs[ex.Cue]; lean != "" {
		hits[lean] += 2
	}
	return hits
}

// vectorize weighs raw counts by TF-IDF (sublinear term frequency, the
// idf learned in training) and scales the vector to unit length, as the
// TF-IDF baseline does; features never seen in training count as rare.
func vectorize(raw []feature, idf []float32, maxIDF float32) []feature {
	out := make([]feature, len(raw))
	vectorizeInto(out, raw, idf, maxIDF)
	return out
}

// vectorizeInto is vectorize into out, which may be raw itself.
func vectorizeInto(out, raw []feature, idf []float32, maxIDF float32) {
	var norm float64
	for k, f := range raw {
		weight := idf[f.index]
		if weight == 0 { // never seen: a seen feature's idf is at least 1
			weight = maxIDF
		}
		v := (1 + float32(math.Log(float64(f.value)))) * weight
		out[k] = feature{f.index, v}
		norm += float64(v * v)
	}
	if norm > 0 {
		scale := float32(1 / math.Sqrt(norm))
		for k := range out {
			out[k].value *= scale
		}
	}
}

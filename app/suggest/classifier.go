package suggest

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Classifier predicts a claim's label: multinomial logistic regression
// over TF-IDF features of the quote and its context plus the cue verb and
// the speaker, trained with AdaGrad on a fixed seed (the same claims give
// the same model), blended with the cue lexicon's prior while the store
// holds few claims. Labels the lexicon does not know get no prior: they
// are learned from their claims alone.
type Classifier struct {
	labels  []string
	weights [][]float32 // per label, featureSpace weights
	bias    []float32
	idf     []float32 // by feature index, featureSpace long; 0 for a feature never seen
	maxIDF  float32
	trained int // claims it learned from
	cues    *Cues
	trust   float64 // weight of the learned model against the prior
}

// Training settings. priorClaims is the number of claims at which the
// model and the prior weigh the same; below it the lexicon leads.
const (
	maxEpochs    = 12
	minEpochs    = 2
	epochUpdates = 400_000 // passes shrink as claims grow: many claims converge sooner
	learningRate = 0.5
	l2           = 1e-5
	priorClaims  = 30
	trainSeed    = 1
)

// Scored is a label with its probability.
type Scored struct {
	Label string  `json:"label"`
	Score float64 `json:"score"`
}

// Train learns a classifier for labels from examples (their Label among
// labels; others are ignored). No examples gives the prior alone.
func Train(labels []string, examples []Example, cues *Cues) *Classifier {
	index := labelIndex(labels)
	var set trainingSet
	for _, ex := range examples {
		if l, ok := index[ex.Label]; ok {
			set.add(rawFeatures(ex, cues), l)
		}
	}
	return trainOn(labels, &set, cues)
}

func labelIndex(labels []string) map[string]int {
	index := make(map[string]int, len(labels))
	for i, l := range labels {
		index[l] = i
	}
	return index
}

// trainingSet is what training reads of each claim, in the order it
// learns them: its hashed raw features (rawFeatures) and its label's
// index.
type trainingSet struct {
	features [][]feature
	labels   []int
}

func (s *trainingSet) add(raw []feature, label int) {
	s.features = append(s.features, raw)
	s.labels = append(s.labels, label)
}

func (s *trainingSet) len() int { return len(s.labels) }

func (s *trainingSet) claim(i int) []feature { return s.features[i] }

// trainOn learns a classifier from set, turning its raw counts into
// TF-IDF vectors in place.
func trainOn(labels []string, set *trainingSet, cues *Cues) *Classifier {
	c := &Classifier{labels: slices.Clone(labels), cues: cues}
	n := set.len()
	c.trained = n
	c.trust = float64(n) / float64(n+priorClaims)
	if n == 0 || len(labels) < 2 {
		return c
	}
	df := make([]int32, featureSpace)
	for _, raw := range set.features {
		for _, f := range raw {
			df[f.index]++ // a claim's raw features hold each index once
		}
	}
	c.idf = make([]float32, featureSpace)
	for i, d := range df {
		if d > 0 {
			c.idf[i] = float32(math.Log((1+float64(n))/(1+float64(d))) + 1) // scikit-learn's smooth idf
		}
	}
	c.maxIDF = float32(math.Log(1+float64(n)) + 1)
	for i := range n {
		x := set.claim(i)
		vectorizeInto(x, x, c.idf, c.maxIDF)
	}
	c.fit(set)
	return c
}

// fit runs AdaGrad over the examples in a seeded order.
func (c *Classifier) fit(vectors *trainingSet) {
	k := len(c.labels)
	c.weights = make([][]float32, k)
	sumSq := make([][]float32, k)
	for l := range k {
		c.weights[l] = make([]float32, featureSpace)
		sumSq[l] = make([]float32, featureSpace)
	}
	c.bias = make([]float32, k)
	biasSq := make([]float32, k)
	order := make([]int, vectors.len())
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(trainSeed, trainSeed))
	probs := make([]float64, k)
	for range epochsFor(vectors.len()) {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			x := vectors.claim(i)
			c.probabilities(x, probs)
			truth := vectors.labels[i]
			for l := range k {
				g := float32(probs[l])
				if l == truth {
					g--
				}
				biasSq[l] += g * g
				c.bias[l] -= learningRate * g / float32(math.Sqrt(float64(biasSq[l]))+1e-8)
				w, s := c.weights[l], sumSq[l]
				for _, f := range x {
					gf := g*f.value + l2*w[f.index]
					s[f.index] += gf * gf
					w[f.index] -= learningRate * gf / (float32(math.Sqrt(float64(s[f.index]))) + 1e-8)
				}
			}
		}
	}
}

// epochsFor gives n claims enough passes to converge and no more, so that
// 100,000 claims retrain in seconds.
func epochsFor(n int) int {
	return max(minEpochs, min(maxEpochs, epochUpdates/max(n, 1)))
}

// probabilities fills probs with the softmax of the model's scores for x.
func (c *Classifier) probabilities(x []feature, probs []float64) {
	top := math.Inf(-1)
	for l := range c.labels {
		s := float64(c.bias[l])
		w := c.weights[l]
		for _, f := range x {
			s += float64(w[f.index] * f.value)
		}
		probs[l] = s
		top = max(top, s)
	}
	var sum float64
	for l := range probs {
		probs[l] = math.Exp(probs[l] - top)
		sum += probs[l]
	}
	for l := range probs {
		probs[l] /= sum
	}
}

// Predict ranks the labels for ex, most likely first.
func (c *Classifier) Predict(ex Example) []Scored {
	k := len(c.labels)
	out := make([]Scored, k)
	if k == 0 {
		return nil
	}
	prior := c.prior(ex)
	model := make([]float64, k)
	if c.weights != nil {
		c.probabilities(vectorize(rawFeatures(ex, c.cues), c.idf, c.maxIDF), model)
	} else {
		copy(model, prior)
	}
	for l, name := range c.labels {
		out[l] = Scored{name, c.trust*model[l] + (1-c.trust)*prior[l]}
	}
	slices.SortStableFunc(out, func(a, b Scored) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}

// prior turns the lexicon's hits into probabilities: each hit multiplies
// a label's odds by e. With one label it is certain.
func (c *Classifier) prior(ex Example) []float64 {
	hits := lexiconHits(ex, c.cues)
	out := make([]float64, len(c.labels))
	var sum float64
	for l, name := range c.labels {
		out[l] = math.Exp(hits[name])
		sum += out[l]
	}
	for l := range out {
		out[l] /= sum
	}
	return out
}

// Labels are the labels the classifier chooses from.
func (c *Classifier) Labels() []string { return slices.Clone(c.labels) }

// Trained is the number of claims the classifier learned from.
func (c *Classifier) Trained() int { return c.trained }

// MemoryBytes is what the classifier's weights take: the window reports it.
func (c *Classifier) MemoryBytes() int {
	n := len(c.weights) * featureSpace * 4
	return n + len(c.bias)*4 + len(c.idf)*4
}

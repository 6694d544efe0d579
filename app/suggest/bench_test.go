package suggest

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"claimdesk/storage"
)

// newsText joins the evaluation articles until the text holds n bytes.
func newsText(tb testing.TB, n int) []rune {
	var b strings.Builder
	corpus := loadEvalSet(tb)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(string(corpus.Docs[i%len(corpus.Docs)].Text))
		b.WriteString("\n")
	}
	return []rune(b.String()[:n])
}

// manyExamples repeats the evaluation set's claims, each copy with words
// of its own, until there are n.
func manyExamples(tb testing.TB, n int) ([]string, []Example) {
	corpus := loadEvalSet(tb)
	base := Examples(corpus.Docs, English)
	out := make([]Example, n)
	for i := range out {
		ex := base[i%len(base)]
		ex.Quote = fmt.Sprintf("%s case%d item%d", ex.Quote, i%997, i%7919)
		ex.ClaimID, ex.ArticleID = uint64(i+1), uint64(i/5+1)
		out[i] = ex
	}
	return corpus.Labels, out
}

// reportCPU adds the process's CPU time per operation since cpu0: on a
// machine shared with other work, wall time says more about the others.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	if cpu1, ok := processCPU(); ok {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func trainedModel(tb testing.TB) *Model {
	corpus := loadEvalSet(tb)
	return BuildModel(corpus.Labels, Examples(corpus.Docs, English), English)
}

// Candidates for a 100 KB article (budget: 50 ms).
func BenchmarkCandidates100KB(b *testing.B) {
	text := newsText(b, 100_000)
	m := trainedModel(b)
	b.SetBytes(100_000)
	cpu0, _ := processCPU()
	for b.Loop() {
		if _, err := m.Candidates(context.Background(), 0, text, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// The open article's candidates again after one of its claims changed,
// the model the same (what the window asks at each edit of a claim): the
// statements found and labelled before are kept, so only the claims are
// left out again. Compare BenchmarkCandidates100KB, a search from scratch.
func BenchmarkCandidatesAfterClaimChange100KB(b *testing.B) {
	text := newsText(b, 100_000)
	engine := NewEngine(nil, nil, English)
	engine.model.Store(trainedModel(b))
	ctx := context.Background()
	first, err := engine.Candidates(ctx, 1, text, nil)
	if err != nil || len(first) == 0 {
		b.Fatalf("%d candidates, %v", len(first), err)
	}
	claims := []storage.Claim{{ArticleID: 1, Start: first[0].Start, End: first[0].End}}
	b.SetBytes(100_000)
	cpu0, _ := processCPU()
	for b.Loop() {
		if _, err := engine.Candidates(ctx, 1, text, claims); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// Label suggestion for a selection in a 100 KB article (budget: 5 ms).
func BenchmarkSuggestSelection(b *testing.B) {
	text := newsText(b, 100_000)
	m := trainedModel(b)
	mid := len(text) / 2
	cpu0, _ := processCPU()
	for b.Loop() {
		m.Suggest(text, mid, mid+80)
	}
	reportCPU(b, cpu0)
}

// Retraining on 100,000 claims (budget: 5 s, in the background), with
// the model's memory reported.
func BenchmarkRetrain100k(b *testing.B) {
	labels, examples := manyExamples(b, 100_000)
	var m *Model
	cpu0, _ := processCPU()
	for b.Loop() {
		m = BuildModel(labels, examples, English)
	}
	reportCPU(b, cpu0)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(m.MemoryBytes())/(1<<20), "model-MiB")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
}

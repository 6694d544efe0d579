package suggest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/app/segment"
	"claimdesk/app/testkit"
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
	if cpu1, ok := testkit.ProcessCPU(); ok {
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
	cpu0, _ := testkit.ProcessCPU()
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
	cpu0, _ := testkit.ProcessCPU()
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
	cpu0, _ := testkit.ProcessCPU()
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
	cpu0, _ := testkit.ProcessCPU()
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

// The engine at a store's size. BenchmarkEngineLoad generates a store of
// loadBenchClaims claims (every sentence of the evaluation articles, over
// and over, a claim); CLAIMDESK_SUGGEST_BENCH_CLAIMS asks for another
// size, and CLAIMDESK_SUGGEST_BENCH_DB names a store to copy instead, such
// as the one scripts/scalestore and `claimdesk import` build (README,
// "At scale").
const loadBenchClaims = 10_000

// benchStorePath builds or copies the store the load benchmark reads.
func benchStorePath(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "engine.db")
	if from := os.Getenv("CLAIMDESK_SUGGEST_BENCH_DB"); from != "" {
		raw, err := os.ReadFile(from)
		if err != nil {
			b.Fatalf("CLAIMDESK_SUGGEST_BENCH_DB: %v", err)
		}
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			b.Fatal(err)
		}
		return path
	}
	n := loadBenchClaims
	if s := os.Getenv("CLAIMDESK_SUGGEST_BENCH_CLAIMS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("CLAIMDESK_SUGGEST_BENCH_CLAIMS=%q is not a count of claims", s)
		}
	}
	s, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := fillStore(s, loadEvalSet(b), n); err != nil {
		b.Fatal(err)
	}
	return path
}

// fillStore writes articles of about 100 sentences, each sentence a claim,
// made from the evaluation articles' paragraphs, until n claims are stored.
// Each paragraph starts with a sentence naming its dispatch, so that the
// store's vocabulary grows with it as a real one does.
func fillStore(s *storage.Store, corpus Corpus, n int) error {
	var paragraphs [][]rune
	for _, d := range corpus.Docs {
		for _, p := range strings.Split(string(d.Text), "\n") {
			if strings.TrimSpace(p) != "" {
				paragraphs = append(paragraphs, []rune(p))
			}
		}
	}
	const perArticle = 100
	var items []storage.ImportItem
	next := 0
	for stored := 0; stored < n; {
		var text []rune
		var claims []storage.Claim
		for len(claims) < perArticle && stored+len(claims) < n {
			p := paragraphs[next%len(paragraphs)]
			if len(text) > 0 {
				text = append(text, '\n')
			}
			text = append(text, []rune(fmt.Sprintf("Dispatch %d from desk%d. ", next, next%4099))...)
			base := len(text)
			text = append(text, p...)
			for _, sent := range segment.Sentences(p) {
				if len(claims) == perArticle || stored+len(claims) == n {
					break
				}
				start, end := base+sent.Start, base+sent.End
				for end > start && (text[end-1] == ' ' || text[end-1] == '\n') {
					end--
				}
				if end > start {
					label := corpus.Labels[(stored+len(claims))%len(corpus.Labels)]
					claims = append(claims, storage.Claim{Start: start, End: end, Label: label, Annotator: "bench"})
				}
			}
			next++
		}
		items = append(items, storage.ImportItem{Article: storage.Article{Title: fmt.Sprintf("Dispatches %d", len(items)+1), Text: string(text)}, Claims: claims})
		stored += len(claims)
		if len(items) == 50 || stored >= n {
			results, err := s.ImportArticles(items)
			if err != nil {
				return err
			}
			for _, r := range results {
				if r.Err != nil {
					return r.Err
				}
			}
			items = nil
		}
	}
	return nil
}

// heapPeak samples the heap's live and not yet collected objects until
// stopped, for the peak a load reaches.
type heapPeak struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
}

func watchHeap() *heapPeak {
	h := &heapPeak{stop: make(chan struct{})}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			h.peak = max(h.peak, sample[0].Value.Uint64())
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapPeak) Stop() uint64 {
	close(h.stop)
	h.done.Wait()
	return h.peak
}

func liveHeap() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkEngineLoad is what the window's engine costs at start: the CPU
// and time of Load, the memory it keeps once loaded (live-MB, after a
// collection, above the open store) and the most its heap held meanwhile
// (peak-MB, above the same).
func BenchmarkEngineLoad(b *testing.B) {
	path := benchStorePath(b)
	s, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	claims := 0
	summaries, err := s.ArticleSummaries()
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range summaries {
		cs, err := s.Claims(a.ID)
		if err != nil {
			b.Fatal(err)
		}
		claims += len(cs)
	}
	const mb = 1 << 20
	var live, peak, model, index float64
	cpu0, _ := testkit.ProcessCPU()
	for b.Loop() {
		b.StopTimer()
		before := liveHeap()
		b.StartTimer()
		watch := watchHeap()
		e := NewEngine(s, nil, English)
		if err := e.Load(); err != nil {
			b.Fatal(err)
		}
		top := watch.Stop()
		b.StopTimer()
		live = float64(liveHeap()-before) / mb
		peak = float64(top-before) / mb
		model = float64(e.Model().MemoryBytes()) / mb
		index = float64(e.Model().Quotes.memoryBytes()) / mb
		b.StartTimer()
	}
	reportCPU(b, cpu0)
	b.ReportMetric(float64(claims), "claims")
	b.ReportMetric(live, "live-MB")
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(model, "model-MB")
	b.ReportMetric(index, "index-MB")
}

// BenchmarkFindInStore is what finding labelled quotes costs the window
// per article opened, on the store BenchmarkEngineLoad reads: the engine
// learns it once, then Find runs over findBenchArticles of its articles,
// spread over the store, one an operation.
func BenchmarkFindInStore(b *testing.B) {
	s, err := storage.Open(benchStorePath(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	e := NewEngine(s, nil, English)
	if err := e.Load(); err != nil {
		b.Fatal(err)
	}
	summaries, err := s.ArticleSummaries()
	if err != nil {
		b.Fatal(err)
	}
	type opened struct {
		id   uint64
		text []rune
	}
	var articles []opened
	step := max(1, len(summaries)/findBenchArticles)
	for i := 0; i < len(summaries); i += step {
		a, err := s.Article(summaries[i].ID)
		if err != nil {
			b.Fatal(err)
		}
		articles = append(articles, opened{a.ID, []rune(a.Text)})
	}
	quotes := e.Model().Quotes
	found := 0
	ctx := context.Background()
	cpu0, _ := testkit.ProcessCPU()
	i := 0
	for b.Loop() {
		a := articles[i%len(articles)]
		i++
		c, err := quotes.Find(ctx, a.id, a.text)
		if err != nil {
			b.Fatal(err)
		}
		found += len(c)
	}
	reportCPU(b, cpu0)
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
}

// findBenchArticles is how many articles BenchmarkFindInStore opens.
const findBenchArticles = 100

// variedQuotes are n quotes of 12 to 35 words drawn from a vocabulary of
// 50,000 by a Zipf law, seeded, every tenth a copy of an earlier one from
// another article (syndicated): unlike the generated stores, whose
// sentences share their phrases with thousands of others, most of their
// 3-grams are their own, as in a real store.
func variedQuotes(n int, seed uint64) []Example {
	rng := rand.New(rand.NewPCG(seed, 2))
	zipf := rand.NewZipf(rng, 1.1, 1, 49_999)
	out := make([]Example, n)
	var words []string
	for i := range out {
		ex := Example{ArticleID: uint64(i/100 + 1), ClaimID: uint64(i + 1), Label: "claim", Speaker: fmt.Sprintf("speaker%d", i%300)}
		if i%10 == 9 {
			ex.Quote = out[rng.IntN(i)].Quote
		} else {
			words = words[:0]
			for range 12 + rng.IntN(24) {
				words = append(words, fmt.Sprintf("w%d", zipf.Uint64()))
			}
			ex.Quote = strings.Join(words, " ")
		}
		out[i] = ex
	}
	return out
}

// BenchmarkQuoteIndexVaried builds the quote index of variedQuotes
// (CLAIMDESK_SUGGEST_BENCH_CLAIMS of them, 100,000 unless told) and
// reports its size; Find runs on articles of 100 of them, half found
// again.
func BenchmarkQuoteIndexVaried(b *testing.B) {
	n := 100_000
	if s := os.Getenv("CLAIMDESK_SUGGEST_BENCH_CLAIMS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("CLAIMDESK_SUGGEST_BENCH_CLAIMS=%q is not a count of claims", s)
		}
	}
	examples := variedQuotes(n, 1)
	b.Run("build", func(b *testing.B) {
		var ix *QuoteIndex
		cpu0, _ := testkit.ProcessCPU()
		for b.Loop() {
			ix = NewQuoteIndex(examples)
		}
		reportCPU(b, cpu0)
		b.ReportMetric(float64(ix.memoryBytes())/(1<<20), "index-MB")
		b.ReportMetric(float64(ix.memoryBytes())/float64(len(ix.quotes)), "B/quote")
		b.ReportMetric(float64(ix.postings.shingles()), "shingles")
	})
	b.Run("find", func(b *testing.B) {
		ix := NewQuoteIndex(examples)
		fresh := variedQuotes(findBenchArticles*100, 2)
		var articles [][]rune
		for a := range findBenchArticles {
			var text strings.Builder
			for k := range 100 {
				if k%2 == 0 {
					text.WriteString(examples[(a*7919+k*104_729)%len(examples)].Quote)
				} else {
					text.WriteString(fresh[a*100+k].Quote)
				}
				text.WriteString(". ")
			}
			articles = append(articles, []rune(text.String()))
		}
		found := 0
		i := 0
		cpu0, _ := testkit.ProcessCPU()
		for b.Loop() {
			c, err := ix.Find(context.Background(), math.MaxUint64, articles[i%len(articles)])
			if err != nil {
				b.Fatal(err)
			}
			found += len(c)
			i++
		}
		reportCPU(b, cpu0)
		b.ReportMetric(float64(found)/float64(b.N), "found/op")
	})
}

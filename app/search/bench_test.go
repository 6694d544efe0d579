package search

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"

	"claimdesk/app/testkit"
	"claimdesk/storage"
)

// benchClaims is the size the issue asks to answer within a frame;
// CLAIMDESK_SEARCH_BENCH_CLAIMS=1000000 measures a million (the store takes
// a few minutes to build).
var benchClaims = func() int {
	if n, err := strconv.Atoi(os.Getenv("CLAIMDESK_SEARCH_BENCH_CLAIMS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}()

// benchQueries are 15-character queries typed one character at a time.
var benchQueries = []string{"putin praised t", "lavrov sanction", "label:denial ne"}

var bench struct {
	once  sync.Once
	dir   string
	store *storage.Store
	ix    *Index
	texts []string // every field of every claim, for plain fuzzy.Find
}

// benchIndex is the window's index: loaded from a store of benchClaims
// claims, so that a result's claim is read back from the store as the
// palette's are.
func benchIndex(b *testing.B) {
	bench.once.Do(func() {
		// Shared by every benchmark, so not closed with the first: the
		// process's exit closes it, and TestMain removes it.
		dir, err := os.MkdirTemp("", "claimdesk-search-bench-")
		if err != nil {
			b.Fatal(err)
		}
		bench.dir = dir
		if bench.store, err = storage.Open(filepath.Join(dir, "bench.db")); err != nil {
			b.Fatal(err)
		}
		fillNews(b, bench.store, benchClaims)
		bench.ix = NewIndex()
		if err := bench.ix.Load(bench.store); err != nil {
			b.Fatal(err)
		}
		entries := newNewsGen(newsSeed).entries(benchClaims)
		titles := map[uint64]string{}
		for _, e := range entries {
			titles[e.ArticleID] = e.ArticleTitle
		}
		for _, e := range entries {
			bench.texts = append(bench.texts, candidateFields(e, titles[e.ArticleID])...)
		}
	})
	b.ResetTimer()
}

// keystrokes collects the time each keystroke took: wall time, and the CPU
// time of the process (both cores together), which other programs running
// on the machine do not inflate.
type keystrokes struct {
	wall, cpu []time.Duration
}

// typeQuery times each keystroke of query through search.
func (k *keystrokes) typeQuery(query string, search func(typed string)) {
	for i := range query {
		cpu0, _ := testkit.ProcessCPU()
		start := time.Now()
		search(query[:i+1])
		k.wall = append(k.wall, time.Since(start))
		if cpu1, ok := testkit.ProcessCPU(); ok {
			k.cpu = append(k.cpu, cpu1-cpu0)
		}
	}
}

func (k *keystrokes) report(b *testing.B) {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	slices.Sort(k.wall)
	b.ReportMetric(ms(k.wall[len(k.wall)/2]), "ms/median-key")
	b.ReportMetric(ms(k.wall[len(k.wall)*9/10]), "ms/p90-key")
	b.ReportMetric(ms(k.wall[len(k.wall)-1]), "ms/worst-key")
	if len(k.cpu) > 0 {
		slices.Sort(k.cpu)
		b.ReportMetric(ms(k.cpu[len(k.cpu)/2]), "cpu-ms/median-key")
		b.ReportMetric(ms(k.cpu[len(k.cpu)-1]), "cpu-ms/worst-key")
	}
	b.ReportMetric(0, "ns/op") // a whole typed query is not the unit of interest
}

// BenchmarkTyping types each query over 100,000 claims: through a Session
// (what the palette uses), through one-shot Index.Search, and through plain
// fuzzy.Find per word over the same fields, intersected.
func BenchmarkTyping(b *testing.B) {
	for _, query := range benchQueries {
		name := strings.ReplaceAll(query, " ", "_")
		b.Run("Session/"+name, func(b *testing.B) {
			benchIndex(b)
			var keys keystrokes
			for b.Loop() {
				s := bench.ix.NewSession()
				keys.typeQuery(query, func(typed string) { results(b, s, typed, 50) })
			}
			keys.report(b)
		})
		b.Run("Search/"+name, func(b *testing.B) {
			benchIndex(b)
			var keys keystrokes
			for b.Loop() {
				keys.typeQuery(query, func(typed string) { results(b, bench.ix, typed, 50) })
			}
			keys.report(b)
		})
		b.Run("fuzzy.Find/"+name, func(b *testing.B) {
			benchIndex(b)
			var keys keystrokes
			for b.Loop() {
				keys.typeQuery(query, plainFuzzyFind)
			}
			keys.report(b)
		})
	}
}

// plainFuzzyFind is the naive engine: fuzzy.Find for each word over every
// field of every claim, keeping the claims every word matched. (Filters are
// read as words here.)
func plainFuzzyFind(typed string) {
	var keep []bool
	for _, w := range strings.Fields(typed) {
		found := make([]bool, benchClaims)
		for _, m := range fuzzy.Find(w, bench.texts) {
			found[m.Index/int(numFields)] = true
		}
		if keep == nil {
			keep = found
			continue
		}
		for i := range keep {
			keep[i] = keep[i] && found[i]
		}
	}
}

// BenchmarkLoad is the cost of loading the index from a store of 100,000
// claims, as the window does in the background once it is drawn, and what
// the index then holds in memory (live-MB: the heap after a collection,
// less the heap before Load).
func BenchmarkLoad(b *testing.B) {
	benchIndex(b)
	var live float64
	for b.Loop() {
		before := liveHeap()
		ix := NewIndex()
		if err := ix.Load(bench.store); err != nil {
			b.Fatal(err)
		}
		live = float64(liveHeap()-before) / 1e6
		runtime.KeepAlive(ix)
	}
	b.ReportMetric(live, "live-MB")
}

// liveHeap is the bytes of the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMain removes the benchmarks' store once they have run.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		bench.store.Close()
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

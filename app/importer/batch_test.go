package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"claimdesk/app/testkit"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// noWait keeps the clock out of the tests: batches end only by size.
const noWait = time.Hour

// TestImportReportSameForAnyBatchSize imports the mixed folder with
// batches ending at every place — after each article, within the JSONL
// corpus, by the amount of text — and wants the report golden each time.
func TestImportReportSameForAnyBatchSize(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "report.golden"))
	if err != nil {
		t.Fatal(err)
	}
	mixedFolder(t)
	for _, limits := range []batchLimits{
		{articles: 1, text: 1 << 30, wait: noWait},
		{articles: 2, text: 1 << 30, wait: noWait},
		{articles: 3, text: 1 << 30, wait: noWait},
		{articles: 200, text: 100, wait: noWait},
		{articles: 200, text: 1 << 30, wait: 0},
		defaultBatchLimits,
	} {
		t.Run(fmt.Sprintf("%d articles %d bytes %v", limits.articles, limits.text, limits.wait), func(t *testing.T) {
			store := storetest.Open(t)
			var progress [][2]int
			opts := Options{
				LabelMap:  map[string]string{"person": "accusation"},
				Annotator: "desk",
				Progress:  func(done, total int, _ string) { progress = append(progress, [2]int{done, total}) },
			}
			report, err := importBatched(store, []string{"mixed", filepath.Join("mixed", "pair.txt"), "missing.txt"}, opts, limits)
			if err != nil {
				t.Fatal(err)
			}
			if got := report.String(); got != string(golden) {
				t.Errorf("report differs from testdata/report.golden (-golden +now):\n%s", testkit.Diff(string(golden), got))
			}
			checkProgress(t, progress)
			checkStoredClaims(t, store)
		})
	}
}

// articleFolder writes n one-article files, the seed article with a
// numbered line, and returns the folder.
func articleFolder(tb testing.TB, n int) string {
	tb.Helper()
	seed, err := os.ReadFile(filepath.Join("testdata", "mixed", "a_seed.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(tb.TempDir(), "articles")
	if err := os.Mkdir(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		text := fmt.Sprintf("%sArticle number %d.\n", seed, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// TestImportProgressFollowsCommits: progress for a file comes only after
// its batch committed, and batches of three articles commit together.
func TestImportProgressFollowsCommits(t *testing.T) {
	const n = 10
	dir := articleFolder(t, n)
	store := storetest.Open(t)
	committed := 0
	store.OnChange(func(c storage.Change) {
		if c.Kind == storage.ArticleAdded {
			committed++
		}
	})
	var progress [][2]int
	opts := Options{Progress: func(done, total int, _ string) {
		progress = append(progress, [2]int{done, total})
		// Each file holds one article; batches hold three.
		if want := min(n, (done+2)/3*3); committed != want {
			t.Errorf("progress %d/%d told after %d articles committed, want %d", done, total, committed, want)
		}
	}}
	report, err := importBatched(store, []string{dir}, opts, batchLimits{articles: 3, text: 1 << 30, wait: noWait})
	if err != nil || len(report.Imported) != n {
		t.Fatalf("err %v, %s", err, report.Summary())
	}
	checkProgress(t, progress)
	for i, im := range report.Imported {
		if im.ArticleID != uint64(i+1) || !strings.HasSuffix(im.Path, fmt.Sprintf("%04d.txt", i)) {
			t.Errorf("imported %d: %+v", i, im)
		}
	}
}

// TestImportStoreFailureReportsNothingUncommitted: when a batch cannot be
// written, the error names its articles and the report claims none of
// them, while what was decided without the store stays in it.
func TestImportStoreFailureReportsNothingUncommitted(t *testing.T) {
	dir := articleFolder(t, 3)
	if err := os.WriteFile(filepath.Join(dir, "notes.xlsx"), []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "claims.db")
	rw, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	store, err := storage.OpenWith(path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	progressed := 0
	report, err := Import(store, []string{dir}, Options{Progress: func(done, _ int, _ string) { progressed = done }})
	if err == nil || !strings.Contains(err.Error(), "0000.txt to ") || !strings.Contains(err.Error(), "(3 articles)") {
		t.Fatalf("err = %v, want the batch's articles named", err)
	}
	if len(report.Imported) != 0 || len(report.Skipped) != 1 || report.Skipped[0].Reason != skipReason("notes.xlsx") {
		t.Errorf("report after a failed commit:\n%s", report)
	}
	if progressed != 0 {
		t.Errorf("progress told of %d files whose articles never landed", progressed)
	}
}

// BenchmarkImport1000Articles imports a folder of 1,000 distinct articles
// into a new store each round.
func BenchmarkImport1000Articles(b *testing.B) {
	const n = 1000
	dir := articleFolder(b, n)
	round := 0
	for b.Loop() {
		round++
		store, err := storage.Open(filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", round)))
		if err != nil {
			b.Fatal(err)
		}
		report, err := Import(store, []string{dir}, Options{})
		if err != nil || len(report.Imported) != n {
			b.Fatalf("err %v, %s", err, report.Summary())
		}
		store.Close()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

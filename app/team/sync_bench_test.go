//go:build unix

package team

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"claimdesk/app/testkit"
	"claimdesk/storage"
)

// The size: 3 annotators × 100,000 claims, over 1,000 articles of
// the seed article's length, 100 claims each.
const (
	benchArticles   = 1000
	benchPerArticle = 100
)

// benchTeam builds, once per benchmark, ann's store with her 100,000 claims
// and a plain team folder already holding bob's and carol's layers of
// 100,000 claims each over the same articles. It returns the store's file,
// to be copied for each run, and the folder.
func benchTeam(b *testing.B) (db, dir string) {
	b.Helper()
	root := b.TempDir()
	db, dir = filepath.Join(root, "ann.db"), filepath.Join(root, "team")
	s, err := storage.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	seed, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_f91aa925e747fcb2.txt"))
	if err != nil {
		b.Fatal(err)
	}
	base, _ := storage.Normalize(string(seed))
	var items []storage.ImportItem
	for i := range benchArticles {
		text := fmt.Sprintf("%s\n\nArticle %d of the benchmark.", base, i)
		items = append(items, storage.ImportItem{Article: storage.Article{Text: text}, Claims: benchClaims(text, "ann", 0)})
	}
	if _, err := s.ImportArticles(items); err != nil {
		b.Fatal(err)
	}
	f := newFolder(dir, "ann")
	if err := f.prepare(); err != nil {
		b.Fatal(err)
	}
	for i, name := range []string{"bob", "carol"} {
		var layer []storage.LayerArticle
		for _, it := range items {
			text := it.Article.Text
			layer = append(layer, storage.LayerArticle{Article: storage.Article{SHA256: storage.HashText(text), Title: "t", Text: text},
				Claims: withQuotes(text, benchClaims(text, name, i+1))})
		}
		data, err := layerOf(name, layer).encode()
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(f.abs(layerPath(name)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return db, dir
}

// benchClaims spreads benchPerArticle claims over text; shift moves every
// other annotator's a little, so layers disagree as people do.
func benchClaims(text, annotator string, shift int) []storage.Claim {
	claims := make([]storage.Claim, benchPerArticle)
	step := storage.RuneLen(text) / (benchPerArticle + 1)
	labels := []string{"denial", "accusation", "praise"}
	for j := range claims {
		start := j*step + shift*(j%2)
		claims[j] = storage.Claim{Start: start, End: start + 5 + j%20, Label: labels[(j+shift)%3], Speaker: "Dmitry Peskov", Annotator: annotator}
	}
	return claims
}

func withQuotes(text string, claims []storage.Claim) []storage.Claim {
	for i, c := range claims {
		claims[i].Quote, _ = storage.Slice(text, c.Start, c.End)
	}
	return claims
}

// copyStore gives a run its own copy of the fixture store.
func copyStore(b *testing.B, from string) *storage.Store {
	b.Helper()
	to := filepath.Join(b.TempDir(), "run.db")
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	out.Close()
	s, err := storage.Open(to)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// syncedCopy is a copy of the fixture store, joined to dir as ann and
// synced once: where a later sync starts.
func syncedCopy(b *testing.B, db, dir string) *storage.Store {
	b.Helper()
	s := copyStore(b, db)
	if err := Join(context.Background(), s, dir, "ann", false); err != nil {
		b.Fatal(err)
	}
	if _, err := Sync(context.Background(), s, nil); err != nil {
		b.Fatal(err)
	}
	return s
}

// cpuTime is the processor time this process has used, user and system:
// on a machine shared with other work, wall time says more of the others
// than of the code.
func cpuTime() time.Duration {
	t, _ := testkit.ProcessCPU()
	return t
}

// BenchmarkFirstSync is ann's first sync: her 100,000 claims and 1,000
// article texts written, bob's and carol's 200,000 claims read into her store.
func BenchmarkFirstSync(b *testing.B) {
	db, dir := benchTeam(b)
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s := copyStore(b, db)
		if err := Join(context.Background(), s, dir, "ann", false); err != nil {
			b.Fatal(err)
		}
		_ = os.RemoveAll(filepath.Join(dir, articlesFolder))
		_ = os.Remove(filepath.Join(dir, claimsFolder, "ann.jsonl"))
		b.StartTimer()
		before := cpuTime()
		r, err := Sync(context.Background(), s, nil)
		cpu += cpuTime() - before
		if err != nil || len(r.Problems) > 0 || len(r.Layers) != 2 || r.Layers[0].ClaimsAdded != 100000 || r.ArticlesWritten != benchArticles {
			b.Fatalf("sync: %v %v %+v", err, r.Problems, r.Layers)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkSyncOneLayerChanged is a later sync: ann's layer unchanged, bob's
// file changed by one claim (read whole, one claim replaced), carol's not.
func BenchmarkSyncOneLayerChanged(b *testing.B) {
	db, dir := benchTeam(b)
	s := syncedCopy(b, db, dir)
	defer s.Close()
	bobs := filepath.Join(dir, claimsFolder, "bob.jsonl")
	original, _ := os.ReadFile(bobs)
	f := newFolder(dir, "ann")
	layer, _, err := f.readLayer("bob")
	if err != nil {
		b.Fatal(err)
	}
	layer.Articles[0].Claims = layer.Articles[0].Claims[1:]
	changed, _ := layer.encode()
	var cpu time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		next := changed
		if i%2 == 1 {
			next = original
		}
		if err := os.WriteFile(bobs, next, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		before := cpuTime()
		r, err := Sync(context.Background(), s, nil)
		cpu += cpuTime() - before
		if err != nil || len(r.Layers) != 2 || !r.Layers[0].Changed() || !r.Layers[1].Unchanged {
			b.Fatalf("sync: %v %+v", err, r.Layers)
		}
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkSyncNothingChanged is a sync when no layer changed: a
// fingerprint of ann's stored layer and a hash of each file.
func BenchmarkSyncNothingChanged(b *testing.B) {
	db, dir := benchTeam(b)
	s := syncedCopy(b, db, dir)
	defer s.Close()
	var cpu time.Duration
	for b.Loop() {
		before := cpuTime()
		r, err := Sync(context.Background(), s, nil)
		cpu += cpuTime() - before
		if err != nil || r.Wrote || len(r.Layers) != 2 || !r.Layers[0].Unchanged || !r.Layers[1].Unchanged {
			b.Fatalf("sync: %v %+v", err, r)
		}
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

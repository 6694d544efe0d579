package importer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/app/dataset"
	"claimdesk/app/testkit"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// mixedFolder copies testdata/mixed into a temp dir, adds the files
// that should not be committed (binary, oversized), and makes the temp dir
// the working directory so the report's paths are short and stable.
func mixedFolder(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("testdata", "mixed")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		dst := filepath.Join(dir, "mixed", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	binary := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
	if err := os.WriteFile(filepath.Join(dir, "mixed", "scan.txt"), binary, 0o644); err != nil {
		t.Fatal(err)
	}
	// A sparse file: above the limit without writing 50 MiB.
	huge := filepath.Join(dir, "mixed", "huge.html")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, dataset.MaxArticleFileSize+1); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

func TestImportMixedFolder(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "report.golden"))
	if err != nil {
		t.Fatal(err)
	}
	mixedFolder(t)
	store := storetest.Open(t)
	var progress [][2]int
	opts := Options{
		LabelMap:  map[string]string{"person": "accusation"},
		Annotator: "desk",
		Progress:  func(done, total int, _ string) { progress = append(progress, [2]int{done, total}) },
	}
	paths := []string{"mixed", filepath.Join("mixed", "pair.txt"), "missing.txt"}
	report, err := Import(store, paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, golden, []byte(report.String()))
	if !report.HasFailures() {
		t.Error("HasFailures is false for a batch with failures")
	}
	checkProgress(t, progress)
	checkCreatedLabels(t, store, map[string]string{"Named_Entity": "#CC79A7", "ORG": "#997700"})
	checkStoredClaims(t, store)

	// The same files again, by the same annotator: articles without claims
	// are skipped as stored, and every claim is an exact duplicate.
	before, _ := store.Stats()
	again, err := Import(store, []string{"mixed"}, Options{LabelMap: opts.LabelMap, Annotator: opts.Annotator})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := store.Stats()
	if again.Claims() != 0 || again.DuplicateClaims == 0 || again.Merged() != len(again.Imported) || after.Claims != before.Claims || after.Articles != before.Articles {
		t.Errorf("second import: %s; claims %d → %d, want nothing new", again.Summary(), before.Claims, after.Claims)
	}
}

func checkProgress(t *testing.T, calls [][2]int) {
	t.Helper()
	if len(calls) < 2 || calls[0][0] != 0 {
		t.Fatalf("progress calls %v: want a first call with done 0", calls)
	}
	total := calls[0][1]
	for i, c := range calls {
		if c[0] != i || c[1] != total {
			t.Errorf("progress call %d = %v, want [%d %d]", i, c, i, total)
		}
	}
	if last := calls[len(calls)-1]; last[0] != total {
		t.Errorf("last progress call %v, want done == total", last)
	}
}

func checkCreatedLabels(t *testing.T, store *storage.Store, want map[string]string) {
	t.Helper()
	labels, err := store.Labels()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range labels {
		got[l.Name] = l.Colour
	}
	for name, colour := range want {
		if got[name] != colour {
			t.Errorf("label %s has colour %q, want %q", name, got[name], colour)
		}
	}
}

// checkStoredClaims looks at the claims of the CRLF corpus line: offsets
// moved to the normalised text, labels mapped, the annotator filled in.
func checkStoredClaims(t *testing.T, store *storage.Store) {
	t.Helper()
	want := map[string]string{
		"Russia has never interfered.": "denial",
		"Obama":                        "accusation",
		"Anything is possible.":        "Named_Entity",
	}
	found := 0
	err := store.ForEachClaim(func(c storage.Claim) error {
		if label, ok := want[c.Quote]; ok {
			found++
			if c.Label != label || c.Annotator != "desk" || c.Origin != storage.OriginImported {
				t.Errorf("claim %q: label %q annotator %q origin %q", c.Quote, c.Label, c.Annotator, c.Origin)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found != len(want) {
		t.Errorf("found %d of the %d claims of the CRLF record", found, len(want))
	}
}

func TestImportLabelMapToUnknownLabel(t *testing.T) {
	store := storetest.Open(t)
	_, err := Import(store, nil, Options{LabelMap: map[string]string{"PERSON": "nobody"}})
	if !errors.Is(err, storage.ErrNotFound) || !strings.Contains(err.Error(), `"nobody"`) {
		t.Fatalf("err = %v, want a not-found error naming the label", err)
	}
}

func TestImportNoStore(t *testing.T) {
	if _, err := Import(nil, []string{"x.txt"}, Options{}); err == nil {
		t.Fatal("Import without a store succeeded")
	}
}

// TestImportMetaClaims stores a doccano line: identical spans with
// different speakers become two claims, and a claim's own annotator wins
// over the one the import was given.
func TestImportMetaClaims(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doccano.jsonl")
	line := `{"text":"Peskov denied it.","label":[[0,13,"denial"],[0,13,"denial"]],"meta":{"claims":[` +
		`{"start":0,"end":13,"label":"denial","speaker":"Peskov","annotator":"ana"},` +
		`{"start":0,"end":13,"label":"denial","speaker":"Kremlin","target":"US","note":"n"}]}}` + "\n"
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	store := storetest.Open(t)
	report, err := Import(store, []string{path}, Options{Annotator: "desk"})
	if err != nil || len(report.Imported) != 1 {
		t.Fatalf("err %v, report %s", err, report)
	}
	claims, err := store.Claims(report.Imported[0].ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range claims {
		got = append(got, strings.Join([]string{c.Quote, c.Label, c.Speaker, c.Target, c.Note, c.Annotator}, "/"))
	}
	slices.Sort(got)
	want := []string{"Peskov denied/denial/Kremlin/US/n/desk", "Peskov denied/denial/Peskov///ana"}
	if !slices.Equal(got, want) {
		t.Errorf("stored claims %q, want %q", got, want)
	}
	if article, err := store.Article(report.Imported[0].ArticleID); err != nil || article.Meta["claims"] != nil {
		t.Errorf("article meta %v (err %v), want no claims key", article.Meta, err)
	}
}

// TestImportBratAttribution stores a Source–Cue–Content corpus: the
// Content claims get their Source as speaker, the Attribution triggers
// that repeat the Cue spans are no claims unless --map names them, and
// role names can be set.
func TestImportBratAttribution(t *testing.T) {
	dir := t.TempDir()
	text := "Peskov said the Kremlin never interfered."
	ann := "T1\tSource 0 6\tPeskov\nT2\tCue 7 11\tsaid\nT3\tContent 12 40\tthe Kremlin never interfered\n" +
		"T4\tAttribution 7 11\tsaid\nE1\tAttribution:T4 Who:T1 Cue:T2 Content:T3\n"
	for name, data := range map[string]string{"a.txt": text, "a.ann": ann} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"Who is no speaker role by default", Options{LabelMap: map[string]string{"Content": "denial"}},
			[]string{"Peskov/Source/", "said/Cue/", "the Kremlin never interfered/denial/"}},
		{"Who as a speaker role", Options{LabelMap: map[string]string{"Content": "denial"}, SpeakerRoles: []string{"Who"}},
			[]string{"Peskov/Source/", "said/Cue/Peskov", "the Kremlin never interfered/denial/Peskov"}},
		{"the triggers mapped", Options{LabelMap: map[string]string{"Attribution": "accusation"}, SpeakerRoles: []string{"Who"}},
			[]string{"Peskov/Source/", "said/Cue/Peskov", "said/accusation/Peskov", "the Kremlin never interfered/Content/Peskov"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := storetest.Open(t)
			report, err := Import(store, []string{filepath.Join(dir, "a.ann")}, tc.opts)
			if err != nil || len(report.Imported) != 1 {
				t.Fatalf("err %v, report %s", err, report)
			}
			claims, err := store.Claims(report.Imported[0].ArticleID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range claims {
				got = append(got, c.Quote+"/"+c.Label+"/"+c.Speaker)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("stored claims %q, want %q", got, tc.want)
			}
		})
	}
}

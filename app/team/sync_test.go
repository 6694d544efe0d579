package team

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/app/testkit"
	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

const seedLine = "Peskov denied the report. Lavrov accused the West. 日本 👍🏽 praised."

// analyst is one store of a team, as one analyst works in it.
type analyst struct {
	t     *testing.T
	name  string
	store *storage.Store
	// adjudicator: the analyst joins as the team's adjudicator.
	adjudicator bool
}

func newAnalyst(t *testing.T, name string) *analyst {
	return &analyst{t: t, name: name, store: storetest.Open(t)}
}

func (a *analyst) join(dir string) {
	a.t.Helper()
	if err := Join(context.Background(), a.store, dir, a.name, a.adjudicator); err != nil {
		a.t.Fatalf("%s joins: %v", a.name, err)
	}
}

func (a *analyst) sync() SyncReport {
	a.t.Helper()
	r, err := Sync(context.Background(), a.store, nil)
	if err != nil {
		a.t.Fatalf("%s syncs: %v", a.name, err)
	}
	for _, p := range r.Problems {
		a.t.Errorf("%s's sync skipped a layer: %v", a.name, p)
	}
	return r
}

func (a *analyst) importArticle(text string) storage.Article {
	a.t.Helper()
	art, _, err := a.store.AddArticle(storage.Article{Text: text})
	if err != nil {
		a.t.Fatal(err)
	}
	return art
}

func (a *analyst) articleOf(text string) storage.Article {
	a.t.Helper()
	art, ok, err := a.store.ArticleByHash(storage.HashText(text))
	if err != nil || !ok {
		a.t.Fatalf("%s's store lacks the article: %v", a.name, err)
	}
	return art
}

// label stores a claim of the analyst over the first place quote occurs.
func (a *analyst) label(text, quote, label string) storage.Claim {
	a.t.Helper()
	art := a.articleOf(text)
	i := strings.Index(text, quote)
	start := storage.RuneOffset(text, i)
	c, err := a.store.AddClaim(storage.Claim{ArticleID: art.ID, Start: start, End: start + storage.RuneLen(quote), Label: label, Annotator: a.name})
	if err != nil {
		a.t.Fatal(err)
	}
	return c
}

// layer lists what the store holds of an annotator's layer as
// "quote/label", sorted.
func (a *analyst) layer(annotator string) []string {
	a.t.Helper()
	var out []string
	err := a.store.ForEachClaim(func(c storage.Claim) error {
		if c.Annotator == annotator {
			out = append(out, c.Quote+"/"+c.Label)
		}
		return nil
	})
	if err != nil {
		a.t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(testkit.Tool(t, "git"), append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir(), "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// bareRemote makes a bare git repository for a team folder, with git
// seeing no user's configuration, and returns its path and a function
// that clones it into a folder named name beside it (one for each
// analyst) and returns the clone's path.
func bareRemote(t *testing.T) (remote string, clone func(name string) string) {
	t.Helper()
	testkit.Tool(t, "git")
	withoutGitIdentity(t)
	root := t.TempDir()
	remote = filepath.Join(root, "team.git")
	git(t, root, "init", "--quiet", "--bare", remote)
	return remote, func(name string) string {
		dir := filepath.Join(root, name)
		git(t, root, "clone", "--quiet", remote, dir)
		return dir
	}
}

// withoutGitIdentity makes git see no user's configuration, as on a fresh
// machine, so sync must bring its own identity.
func withoutGitIdentity(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

func TestTwoAnalystsThroughABareGitRemote(t *testing.T) {
	remote, clone := bareRemote(t)
	a, b := clone("a"), clone("b")

	ann, bob := newAnalyst(t, "ann"), newAnalyst(t, "bob")
	ann.importArticle(seedLine)
	ann.label(seedLine, "Peskov denied the report", "denial")
	ann.label(seedLine, "Lavrov", "accusation")
	ann.join(a)
	r := ann.sync()
	if !r.Wrote || r.ArticlesWritten != 1 || r.Git == nil || !r.Git.Committed || !r.Git.Pushed {
		t.Errorf("ann's first sync into an empty remote: %+v %+v; want her layer and the article committed and pushed", r, r.Git)
	}

	bob.join(b)
	r = bob.sync()
	if len(r.Layers) != 1 || r.Layers[0].Annotator != "ann" || r.Layers[0].ArticlesAdded != 1 || r.Layers[0].ClaimsAdded != 2 {
		t.Errorf("bob's first sync read %+v; want ann's layer with the article and her 2 claims", r.Layers)
	}
	want := []string{"Lavrov/accusation", "Peskov denied the report/denial"}
	if got := bob.layer("ann"); !slices.Equal(got, want) {
		t.Errorf("bob sees ann's layer as %v, want %v", got, want)
	}

	// Both edit, then sync: bob first, so ann's push must rebase onto his.
	bob.label(seedLine, "praised", "praise")
	old := ann.label(seedLine, "West", "accusation")
	if _, err := ann.store.DeleteClaim(old.ID); err != nil {
		t.Fatal(err)
	}
	for _, c := range mustClaims(t, ann.store, ann.articleOf(seedLine).ID) {
		if c.Quote == "Lavrov" {
			if _, err := ann.store.DeleteClaim(c.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	ann.label(seedLine, "Lavrov accused the West", "accusation")
	bob.sync()
	r = ann.sync()
	if !r.Git.Pulled || !r.Git.Pushed {
		t.Errorf("ann's second sync: %+v; want a pull of bob's commit and a push", r.Git)
	}
	bob.sync()

	want = []string{"Lavrov accused the West/accusation", "Peskov denied the report/denial"}
	if got := bob.layer("ann"); !slices.Equal(got, want) {
		t.Errorf("after both synced, bob sees ann's layer as %v, want %v", got, want)
	}
	if got := ann.layer("bob"); !slices.Equal(got, []string{"praised/praise"}) {
		t.Errorf("ann sees bob's layer as %v, want his one claim", got)
	}
	if got := bob.layer("bob"); !slices.Equal(got, []string{"praised/praise"}) {
		t.Errorf("bob's own layer became %v", got)
	}

	// Nothing changed: nothing is committed, nothing read again.
	r = ann.sync()
	if r.Wrote || r.Git.Committed || len(r.Layers) != 1 || !r.Layers[0].Unchanged {
		t.Errorf("a sync with nothing new: %+v %+v", r, r.Git)
	}
	files := git(t, remote, "ls-tree", "-r", "--name-only", "HEAD")
	wantFiles := "articles/" + storage.HashText(seedLine) + ".txt\nclaims/ann.jsonl\nclaims/bob.jsonl"
	if files != wantFiles {
		t.Errorf("the remote holds\n%s\nwant\n%s", files, wantFiles)
	}
	st, err := Status(context.Background(), bob.store)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Git || len(st.Annotators) != 2 || st.Annotators[0].Claims != 2 || st.Annotators[0].ClaimsHere != 2 || !st.Annotators[1].You {
		t.Errorf("bob's team status %+v", st)
	}
}

func mustClaims(t *testing.T, s *storage.Store, articleID uint64) []storage.Claim {
	t.Helper()
	claims, err := s.Claims(articleID)
	if err != nil {
		t.Fatal(err)
	}
	return claims
}

// sharedFolder is two analysts on a plain shared folder (Syncthing, a
// network share), ann's layer already read by bob.
func sharedFolder(t *testing.T) (dir string, ann, bob *analyst) {
	dir = t.TempDir()
	ann, bob = newAnalyst(t, "ann"), newAnalyst(t, "bob")
	ann.importArticle(seedLine)
	ann.label(seedLine, "Peskov denied the report", "denial")
	ann.label(seedLine, "Lavrov", "accusation")
	ann.join(dir)
	bob.join(dir)
	ann.sync()
	bob.sync()
	return dir, ann, bob
}

func TestTwoAnalystsThroughAPlainFolder(t *testing.T) {
	dir, ann, bob := sharedFolder(t)
	if got := bob.layer("ann"); len(got) != 2 {
		t.Fatalf("bob sees ann's layer as %v", got)
	}
	bob.label(seedLine, "日本 👍🏽", "praise")
	bob.sync()
	r := ann.sync()
	if r.Git != nil {
		t.Errorf("a plain folder was synced with git: %+v", r.Git)
	}
	if got := ann.layer("bob"); !slices.Equal(got, []string{"日本 👍🏽/praise"}) {
		t.Errorf("ann sees bob's layer as %v", got)
	}
	// A label only bob has comes with his layer.
	if err := bob.store.AddLabel(storage.Label{Name: "irony", Colour: "#CC79A7"}); err != nil {
		t.Fatal(err)
	}
	bob.label(seedLine, "West", "irony")
	bob.sync()
	r = ann.sync()
	if !slices.Equal(r.LabelsAdded, []string{"irony"}) || !slices.Contains(ann.layer("bob"), "West/irony") {
		t.Errorf("bob's new label: added %v, ann sees %v", r.LabelsAdded, ann.layer("bob"))
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "claims"))
	if len(entries) != 2 {
		t.Errorf("claims/ holds %d files, want ann's and bob's", len(entries))
	}
}

func TestABrokenLayerFileIsSkippedWithFileAndLine(t *testing.T) {
	hash := storage.HashText(seedLine)
	otherHash := storage.HashText("never written")
	header := `{"kind":"layer","format":1,"annotator":"ann"}`
	articleLine := `{"kind":"article","article":"` + hash + `","title":"t"}`
	claim := func(start, end int, label, quote string) string {
		return fmt.Sprintf(`{"kind":"claim","article":"%s","start":%d,"end":%d,"label":"%s","quote":"%s"}`, hash, start, end, label, quote)
	}
	tests := []struct {
		name  string
		lines []string
		says  string
	}{
		{"not JSON", []string{header, articleLine, `{"kind":"claim",`}, "claims/ann.jsonl:3: not a JSON object"},
		{"quote edited by hand", []string{header, articleLine, claim(0, 6, "denial", "Putin")}, `claims/ann.jsonl:3: quote "Putin" is not the text at 0–6, which reads "Peskov"`},
		{"span past the end", []string{header, articleLine, claim(0, 6, "denial", ""), claim(60, 99, "denial", "")}, fmt.Sprintf("claims/ann.jsonl:4: span 60–99 does not fit the article's %d characters", storage.RuneLen(seedLine))},
		{"claim before its article", []string{header, claim(0, 6, "denial", "Peskov")}, "claims/ann.jsonl:2: a claim of article " + hash + ", which is not the article line above it"},
		{"no header", []string{articleLine}, `claims/ann.jsonl:1: the first line must be {"kind":"layer"`},
		{"another's header", []string{`{"kind":"layer","format":1,"annotator":"bob"}`}, `claims/ann.jsonl:1: the layer says it is "bob"'s`},
		{"newer format", []string{`{"kind":"layer","format":2,"annotator":"ann"}`}, "claims/ann.jsonl:1: layer format 2; this claimdesk reads up to 1"},
		{"text not there", []string{header, `{"kind":"article","article":"` + otherHash + `"}`}, "claims/ann.jsonl:2: articles/" + otherHash + ".txt: missing"},
		{"bad label", []string{header, articleLine, claim(0, 6, "two words", "Peskov")}, `claims/ann.jsonl:3: label "two words" is no label name`},
		{"unknown kind", []string{header, `{"kind":"relation","article":"` + hash + `"}`}, `claims/ann.jsonl:2: unknown kind "relation"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _, bob := sharedFolder(t)
			before := bob.layer("ann")
			if err := os.WriteFile(filepath.Join(dir, "claims", "ann.jsonl"), []byte(strings.Join(tt.lines, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Sync(context.Background(), bob.store, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Error(), tt.says) {
				t.Errorf("problems %v; want one saying %q", r.Problems, tt.says)
			}
			if got := bob.layer("ann"); !slices.Equal(got, before) {
				t.Errorf("bob's copy of ann's layer became %v; want the previous copy %v", got, before)
			}
			st, err := Status(context.Background(), bob.store)
			if err != nil {
				t.Fatal(err)
			}
			if st.Annotators[0].Name != "ann" || !strings.Contains(st.Annotators[0].Problem, "claims/ann.jsonl") {
				t.Errorf("status does not name the broken file: %+v", st.Annotators[0])
			}
		})
	}
}

func TestASyncKilledMidwayLosesNothing(t *testing.T) {
	dir := t.TempDir()
	ann, bob := newAnalyst(t, "ann"), newAnalyst(t, "bob")
	texts := []string{seedLine, "A second article.", "A third seedLine, praised."}
	for _, text := range texts {
		ann.importArticle(text)
	}
	ann.label(texts[2], "praised", "praise")
	ann.join(dir)
	bob.join(dir)

	// The second write fails, as a kill would stop it: the first article's
	// text is in place, the rest and the layer are not.
	writes := 0
	failing := func(path string, data []byte) error {
		if writes++; writes == 2 {
			// What a kill -9 during the write leaves: a temporary file.
			_ = os.WriteFile(filepath.Join(filepath.Dir(path), tempPrefix+"ann-12345"), data[:len(data)/2], 0o644)
			return errors.New("killed")
		}
		return writeAtomic(path, "ann", data)
	}
	if _, err := syncWith(context.Background(), ann.store, nil, failing); err == nil {
		t.Fatal("the failing write went unnoticed")
	}
	if _, err := os.Stat(filepath.Join(dir, "claims", "ann.jsonl")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the layer was written although an article text before it failed: %v", err)
	}
	if r := bob.sync(); len(r.Layers) != 0 {
		t.Errorf("bob read a layer from a half-written folder: %+v", r.Layers)
	}

	ann.sync()
	leftovers, _ := filepath.Glob(filepath.Join(dir, "*", tempPrefix+"*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left after a completed sync: %v", leftovers)
	}
	r := bob.sync()
	if len(r.Layers) != 1 || r.Layers[0].ArticlesAdded != 3 || !slices.Equal(bob.layer("ann"), []string{"praised/praise"}) {
		t.Errorf("after the completed sync bob read %+v and sees %v", r.Layers, bob.layer("ann"))
	}
}

func TestJoinTakesOwnLayerOrRefusesToOverwriteIt(t *testing.T) {
	dir, ann, _ := sharedFolder(t)

	// The same analyst on a new machine: an empty store takes her layer.
	again := newAnalyst(t, "ann")
	again.join(dir)
	if got, want := again.layer("ann"), ann.layer("ann"); !slices.Equal(got, want) {
		t.Errorf("ann's new store took %v, want %v", got, want)
	}

	// Another store with other claims under the same name is refused.
	other := newAnalyst(t, "ann")
	other.importArticle(seedLine)
	other.label(seedLine, "West", "accusation")
	err := Join(context.Background(), other.store, dir, "ann", false)
	if err == nil || !strings.Contains(err.Error(), "join under another name") {
		t.Errorf("joining over another store's layer: %v", err)
	}
	if _, ok, _ := other.store.TeamMembership(); ok {
		t.Error("the refused store joined anyway")
	}

	for _, name := range []string{"", " ann", "../x", "a/b", ".hidden", "tab\there"} {
		if err := Join(context.Background(), other.store, dir, name, false); err == nil {
			t.Errorf("the name %q was taken", name)
		}
	}
	if _, err := Sync(context.Background(), newAnalyst(t, "x").store, nil); !errors.Is(err, ErrNotJoined) {
		t.Errorf("sync of a store that joined nothing: %v", err)
	}
}

func TestTheSameNameInTwoGitStoresIsAConflictThatLosesNothing(t *testing.T) {
	_, clone := bareRemote(t)
	a, b := clone("a"), clone("b")
	first, second := newAnalyst(t, "ann"), newAnalyst(t, "ann")
	for _, an := range []*analyst{first, second} {
		an.importArticle(seedLine)
		an.join(map[*analyst]string{first: a, second: b}[an])
	}
	first.label(seedLine, "Peskov", "denial")
	second.label(seedLine, "West", "accusation")
	first.sync()
	_, err := Sync(context.Background(), second.store, nil)
	if err == nil || !strings.Contains(err.Error(), "same annotator name") || !strings.Contains(err.Error(), "claims/ann.jsonl") {
		t.Fatalf("two stores as ann: %v", err)
	}
	log := git(t, b, "log", "-p", "--format=%s")
	if !strings.Contains(log, `"quote":"West"`) {
		t.Errorf("the second store's commit was lost:\n%s", log)
	}
	if status := git(t, b, "status", "--porcelain"); status != "" {
		t.Errorf("the work tree was left mid-rebase:\n%s", status)
	}
}

func TestACopyChangedHereIsReplacedAtTheNextSync(t *testing.T) {
	_, ann, bob := sharedFolder(t)
	// An import under ann's name into bob's store changes his copy of her
	// layer; her file did not change, yet the copy is hers again after a sync.
	bob.label(seedLine, "West", "accusation")
	c := bob.label(seedLine, "Peskov", "praise")
	c.Annotator = "ann"
	if _, err := bob.store.UpdateClaim(c); err != nil {
		t.Fatal(err)
	}
	r := bob.sync()
	if len(r.Layers) != 1 || r.Layers[0].ClaimsRemoved != 1 {
		t.Errorf("bob's sync: %+v; want the claim added to ann's copy removed", r.Layers)
	}
	if got, want := bob.layer("ann"), ann.layer("ann"); !slices.Equal(got, want) {
		t.Errorf("bob's copy of ann's layer %v, want %v", got, want)
	}
	if r := bob.sync(); !r.Layers[0].Unchanged {
		t.Errorf("a second sync read ann's layer again: %+v", r.Layers)
	}
}

func TestACancelledSyncCompletesNextTime(t *testing.T) {
	_, ann, bob := sharedFolder(t)
	ann.label(seedLine, "West", "accusation")
	ann.sync()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Sync(ctx, bob.store, func(p SyncProgress) {
		if strings.HasPrefix(p.Step, "reading") {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled sync: %v", err)
	}
	if got := bob.layer("ann"); len(got) != 2 {
		t.Errorf("the cancelled sync changed bob's copy: %v", got)
	}
	bob.sync()
	if got, want := bob.layer("ann"), ann.layer("ann"); !slices.Equal(got, want) {
		t.Errorf("after the next sync bob sees %v, want %v", got, want)
	}
}

func TestAFolderInsideAnotherRepositoryIsNotCommittedTo(t *testing.T) {
	testkit.Tool(t, "git")
	withoutGitIdentity(t)
	t.Setenv("LC_ALL", "C")
	home := t.TempDir()
	git(t, home, "init", "--quiet")
	ann := newAnalyst(t, "ann")
	ann.importArticle(seedLine)
	ann.join(filepath.Join(home, "team"))
	if r := ann.sync(); r.Git != nil {
		t.Errorf("a team folder inside another repository was synced with git: %+v", r.Git)
	}
	if log, _ := exec.Command("git", "-C", home, "log", "--oneline").CombinedOutput(); !strings.Contains(string(log), "does not have any commits") {
		t.Errorf("the enclosing repository got commits:\n%s", log)
	}
}

// Each annotator's status of an article travels with their layer: ann's
// done reaches bob's store as hers, bob's own stays his, and his in
// progress comes back to ann without touching her done.
func TestStatusesTravelWithTheirLayer(t *testing.T) {
	dir := t.TempDir()
	ann, bob := newAnalyst(t, "ann"), newAnalyst(t, "bob")
	ann.join(dir)
	bob.join(dir)
	ann.importArticle(seedLine)
	ann.label(seedLine, "Lavrov", "accusation")
	status := func(a *analyst, of string) storage.Status {
		t.Helper()
		st, err := a.store.AnnotatorStatusOf(a.articleOf(seedLine).ID, of)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if err := ann.store.SetAnnotatorStatus(ann.articleOf(seedLine).ID, "ann", storage.StatusDone); err != nil {
		t.Fatal(err)
	}
	ann.sync()
	bob.sync()
	if got := status(bob, "ann"); got != storage.StatusDone {
		t.Errorf("in bob's store ann's status is %q, want done", got)
	}
	if got := status(bob, "bob"); got != storage.StatusNew {
		t.Errorf("ann's done became bob's own: %q", got)
	}
	if err := bob.store.SetAnnotatorStatus(bob.articleOf(seedLine).ID, "bob", storage.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	bob.sync()
	ann.sync()
	if got, own := status(ann, "bob"), status(ann, "ann"); got != storage.StatusInProgress || own != storage.StatusDone {
		t.Errorf("in ann's store bob is %q and ann %q, want in progress and done", got, own)
	}
}

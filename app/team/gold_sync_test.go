package team

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/storage"
)

// adjudicatedTeam is ann and bob labelling the seed line in dir, and carl
// adjudicating: gold holds what both made, and carl has synced it.
func adjudicatedTeam(t *testing.T, dir string) (ann, bob, carl *analyst) {
	t.Helper()
	ann, bob = newAnalyst(t, "ann"), newAnalyst(t, "bob")
	carl = &analyst{t: t, name: "carl", store: newAnalyst(t, "carl").store, adjudicator: true}
	ann.importArticle(seedLine)
	ann.label(seedLine, "Peskov denied the report", "denial")
	ann.label(seedLine, "Lavrov", "accusation")
	ann.join(dir)
	ann.sync()
	bob.join(dir)
	bob.sync()
	bob.label(seedLine, "Peskov denied the report", "denial")
	bob.label(seedLine, "praised", "praise")
	bob.sync()
	carl.join(dir)
	carl.sync()
	res, err := AdjudicateAgreed(carl.store, 2, nil)
	if err != nil || res.Added != 1 {
		t.Fatalf("carl adjudicates: %+v, %v; want the one claim both made", res, err)
	}
	if r := carl.sync(); !r.WroteGold || !r.Adjudicator {
		t.Errorf("carl's sync after adjudicating: %+v; want the gold layer written", r)
	}
	return ann, bob, carl
}

func TestGoldTravelsFromTheAdjudicatorThroughAPlainFolder(t *testing.T) {
	dir := t.TempDir()
	ann, bob, carl := adjudicatedTeam(t, dir)
	raw, err := os.ReadFile(filepath.Join(dir, "claims", "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if header, _, _ := strings.Cut(string(raw), "\n"); header != `{"kind":"layer","format":1,"annotator":"gold","written_by":"carl"}` {
		t.Errorf("the gold file's header is %s", header)
	}
	for _, a := range []*analyst{ann, bob} {
		r := a.sync()
		if r.WroteGold {
			t.Errorf("%s, who does not adjudicate, wrote the gold layer", a.name)
		}
		if got := a.layer(Gold); !slices.Equal(got, []string{"Peskov denied the report/denial"}) {
			t.Errorf("%s reads gold as %v", a.name, got)
		}
		if _, err := OpenAdjudication(a.store, a.articleOf(seedLine).ID, nil); err == nil || !strings.Contains(err.Error(), "--adjudicator") {
			t.Errorf("%s, who does not adjudicate, may adjudicate: %v", a.name, err)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "claims", "gold.jsonl")); string(after) != string(raw) {
		t.Error("a sync of a member who does not adjudicate changed claims/gold.jsonl")
	}
	// carl never reads gold back over his own, and his annotators' layers
	// come to him as to everyone.
	r := carl.sync()
	for _, l := range r.Layers {
		if l.Annotator == Gold {
			t.Errorf("carl read the gold layer he writes: %+v", l)
		}
	}
	st, err := Status(context.Background(), carl.store)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range st.Annotators {
		if a.Name == Gold && (!a.You || a.Claims != 1) {
			t.Errorf("carl's status of gold: %+v; want his, with 1 claim", a)
		}
	}
	if !st.Adjudicator {
		t.Error("carl's status does not say he adjudicates")
	}
}

// TestASecondAdjudicatorTakesOverAndTheFirstIsStopped: dana joins as
// adjudicator too; she takes carl's gold as hers, and carl's next sync
// leaves her file alone and says who writes it now.
func TestASecondAdjudicatorTakesOverAndTheFirstIsStopped(t *testing.T) {
	dir := t.TempDir()
	_, _, carl := adjudicatedTeam(t, dir)
	dana := &analyst{t: t, name: "dana", store: newAnalyst(t, "dana").store, adjudicator: true}
	dana.join(dir)
	if got := dana.layer(Gold); !slices.Equal(got, []string{"Peskov denied the report/denial"}) {
		t.Fatalf("dana took gold as %v", got)
	}
	dana.sync()
	if _, err := AdjudicateAgreed(dana.store, 1, nil); err != nil {
		t.Fatal(err)
	}
	dana.sync()
	gold := filepath.Join(dir, "claims", "gold.jsonl")
	raw, _ := os.ReadFile(gold)
	if !strings.Contains(string(raw), `"written_by":"dana"`) {
		t.Fatalf("dana's gold file: %s", raw)
	}
	// carl, unaware, adds to his gold and syncs.
	if _, err := carl.store.AddClaim(storage.Claim{ArticleID: carl.articleOf(seedLine).ID, Start: 0, End: 6, Label: "denial", Annotator: Gold}); err != nil {
		t.Fatal(err)
	}
	r, err := Sync(context.Background(), carl.store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Error(), "claims/gold.jsonl:1: written by dana, not by you") {
		t.Errorf("carl's sync after dana took over: problems %v", r.Problems)
	}
	if after, _ := os.ReadFile(gold); string(after) != string(raw) {
		t.Error("carl overwrote dana's gold")
	}
}

func TestAMemberWhoDoesNotAdjudicateMayNotBringOtherGold(t *testing.T) {
	dir := t.TempDir()
	adjudicatedTeam(t, dir)
	erin := newAnalyst(t, "erin")
	erin.importArticle(seedLine)
	erin.label(seedLine, "Lavrov", "accusation")
	if _, err := AdjudicateAgreed(erin.store, 1, nil); err != nil {
		t.Fatal(err)
	}
	err := Join(context.Background(), erin.store, dir, "erin", false)
	if err == nil || !strings.Contains(err.Error(), "this store holds 1 claim of gold") {
		t.Errorf("erin joins with gold of her own: %v", err)
	}
	if err := Join(context.Background(), erin.store, dir, "erin", true); err == nil || !strings.Contains(err.Error(), "claims/gold.jsonl") {
		t.Errorf("erin takes over a gold that differs from hers: %v", err)
	}
}

func TestGoldTravelsThroughABareGitRemote(t *testing.T) {
	remote, clone := bareRemote(t)
	ann := newAnalyst(t, "ann")
	carl := &analyst{t: t, name: "carl", store: newAnalyst(t, "carl").store, adjudicator: true}
	ann.importArticle(seedLine)
	ann.label(seedLine, "Lavrov", "accusation")
	ann.join(clone("a"))
	ann.sync()
	carl.join(clone("c"))
	carl.sync()
	if _, err := AdjudicateAgreed(carl.store, 1, nil); err != nil {
		t.Fatal(err)
	}
	if r := carl.sync(); !r.WroteGold || !r.Git.Committed || !r.Git.Pushed {
		t.Errorf("carl's sync of gold: %+v %+v", r, r.Git)
	}
	ann.sync()
	if got := ann.layer(Gold); !slices.Equal(got, []string{"Lavrov/accusation"}) {
		t.Errorf("ann reads gold through git as %v", got)
	}
	files := git(t, remote, "ls-tree", "-r", "--name-only", "HEAD")
	if !strings.Contains(files, "claims/gold.jsonl") {
		t.Errorf("the remote lacks gold:\n%s", files)
	}
	for _, author := range strings.Fields(git(t, remote, "log", "--format=%an", "--", "claims/gold.jsonl")) {
		if author != "carl" {
			t.Errorf("claims/gold.jsonl committed by %q, want carl alone", author)
		}
	}
}

// TestConflictCopiesAreReportedOnce: a Syncthing conflict copy is never
// read as a layer, is reported by the first sync that meets it, and is
// listed by team status for as long as it is there.
func TestConflictCopiesAreReportedOnce(t *testing.T) {
	dir, ann, _ := sharedFolder(t)
	copyName := "claims/bob.sync-conflict-20260101-120000-ABCDEFG.jsonl"
	conflict := filepath.Join(dir, filepath.FromSlash(copyName))
	bobs, err := os.ReadFile(filepath.Join(dir, "claims", "bob.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conflict, bobs, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, want := range [][]string{{copyName}, nil} {
		r := ann.sync()
		if !slices.Equal(r.Conflicts, want) {
			t.Errorf("sync %d reports conflicts %v, want %v", i+1, r.Conflicts, want)
		}
	}
	st, err := Status(context.Background(), ann.store)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.Conflicts, []string{copyName}) {
		t.Errorf("status lists conflicts %v", st.Conflicts)
	}
	for _, a := range st.Annotators {
		if strings.Contains(a.Name, "sync-conflict") {
			t.Errorf("the conflict copy is listed as an annotator: %+v", a)
		}
	}
	// Deleted, then made again: a new conflict, told again.
	if err := os.Remove(conflict); err != nil {
		t.Fatal(err)
	}
	if r := ann.sync(); len(r.Conflicts) != 0 {
		t.Errorf("a deleted conflict copy reported: %v", r.Conflicts)
	}
	if err := os.WriteFile(conflict, bobs, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := ann.sync(); !slices.Equal(r.Conflicts, []string{copyName}) {
		t.Errorf("a conflict copy made again is not reported: %v", r.Conflicts)
	}
}

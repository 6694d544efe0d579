package export

import (
	"bytes"
	"maps"
	"strings"
	"testing"

	"claimdesk/storage"
	"claimdesk/storage/storetest"
)

// testStore holds three articles: a done one with claims by two annotators
// in every default label, a new one with one claim, and a done one without.
func testStore(t *testing.T) *storage.Store {
	t.Helper()
	store := storetest.Open(t)
	add := func(text string, status storage.Status) storage.Article {
		a, _, err := store.AddArticle(storage.Article{Text: text, Title: storage.TitleFromText(text)})
		if err != nil {
			t.Fatal(err)
		}
		if err := store.SetArticleStatus(a.ID, status); err != nil {
			t.Fatal(err)
		}
		a.Status = status
		return a
	}
	claim := func(a storage.Article, quote, label, annotator string) {
		c := claimOn(t, 0, a.Text, quote, label)
		c.ArticleID, c.Annotator, c.Created = a.ID, annotator, fixedTime
		if _, err := store.AddClaim(c); err != nil {
			t.Fatal(err)
		}
	}
	done := add("Peskov denied it. Obama accused them. Putin praised Trump 👍🏽.", storage.StatusDone)
	claim(done, "Putin praised Trump 👍🏽", "praise", "Ben")
	claim(done, "Peskov denied it", "denial", "ana")
	claim(done, "Obama accused them", "accusation", "ana")
	fresh := add("A new article: nobody denied anything yet.", storage.StatusNew)
	claim(fresh, "nobody denied anything", "denial", "ben")
	add("A finished article without claims.", storage.StatusDone)
	return store
}

func TestCollect(t *testing.T) {
	store := testStore(t)
	tests := []struct {
		name           string
		filter         Filter
		articles       int
		claims         []string // labels, in order of export
		labels         []string
		wantErrContain string
	}{
		{name: "everything", articles: 3, claims: []string{"denial", "accusation", "praise", "denial"},
			labels: []string{"denial", "accusation", "praise"}},
		{name: "one label", filter: Filter{Labels: []string{"denial"}}, articles: 3,
			claims: []string{"denial", "denial"}, labels: []string{"denial"}},
		{name: "only done", filter: Filter{OnlyDone: true}, articles: 2,
			claims: []string{"denial", "accusation", "praise"}, labels: []string{"denial", "accusation", "praise"}},
		{name: "annotator ignores case", filter: Filter{Annotator: " BEN "}, articles: 3,
			claims: []string{"praise", "denial"}, labels: []string{"denial", "accusation", "praise"}},
		{name: "all filters", filter: Filter{Labels: []string{"praise", "denial"}, OnlyDone: true, Annotator: "ana"},
			articles: 2, claims: []string{"denial"}, labels: []string{"denial", "praise"}},
		{name: "unknown label", filter: Filter{Labels: []string{"denail"}}, wantErrContain: `unknown label "denail" (labels: denial, accusation, praise)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Collect(store, tc.filter)
			if tc.wantErrContain != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErrContain) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.wantErrContain)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, doc := range d.Docs {
				// Collect leaves the claims in the store until the export
				// reads them: read them as it does.
				text, claims, err := d.load(doc.Article.ID)
				if err != nil || text == "" || doc.Article.Text != "" {
					t.Fatalf("article %d: read back %d characters (%v); %d held", doc.Article.ID, len(text), err, len(doc.Article.Text))
				}
				for i, c := range claims {
					if c.ArticleID != doc.Article.ID || (i > 0 && claims[i-1].Start > c.Start) {
						t.Errorf("claim %d of article %d misplaced or out of text order", c.ID, doc.Article.ID)
					}
					got = append(got, c.Label)
				}
			}
			articles, claims := d.Count()
			if articles != tc.articles || claims != len(tc.claims) || strings.Join(got, ",") != strings.Join(tc.claims, ",") {
				t.Errorf("got %d articles, claims %v; want %d, %v", articles, got, tc.articles, tc.claims)
			}
			var labels []string
			for _, l := range d.Labels {
				labels = append(labels, l.Name)
			}
			if strings.Join(labels, ",") != strings.Join(tc.labels, ",") {
				t.Errorf("labels %v, want %v", labels, tc.labels)
			}
		})
	}
}

// TestCollectThenWrite exports what a real store holds, including a claim
// on an emoji, and checks the counts Write reports.
func TestCollectThenWrite(t *testing.T) {
	d, err := Collect(testStore(t), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// The same dataset with every text and claim read up front: a
	// store's export, which reads them as it goes, must write the same.
	whole := Dataset{Labels: d.Labels}
	for _, doc := range d.Docs {
		text, claims, err := d.load(doc.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		doc.Article.Text, doc.Claims, doc.stored, doc.storedBy = text, claims, 0, nil
		whole.Docs = append(whole.Docs, doc)
	}
	for _, f := range Formats() {
		dir, res := exportTo(t, d, Options{Format: f.Name})
		if res.Articles != 3 || res.Claims != 4 || res.Omitted != 0 {
			t.Errorf("%s: %+v", f.Name, res)
		}
		wholeDir, _ := exportTo(t, whole, Options{Format: f.Name})
		got, want := readTree(t, dir), readTree(t, wholeDir)
		if !maps.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("%s: exported from the store %v, from the whole dataset %v", f.Name, sortedNames(got), sortedNames(want))
		}
	}
}

func TestLabelsUsed(t *testing.T) {
	d := Dataset{
		Labels: []storage.Label{{Name: "denial", Colour: "#0072B2"}},
		Docs:   []Doc{{Claims: []storage.Claim{{Label: "denial"}, {Label: "rumour"}, {Label: "rumour"}}}},
	}
	got := d.labelsUsed()
	if len(got) != 2 || got[1].Name != "rumour" || got[1].Colour != storage.UnknownLabelColour {
		t.Errorf("labelsUsed() = %+v", got)
	}
}

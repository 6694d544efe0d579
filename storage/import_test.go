package storage

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// importCase is one item of a batch and what must become of it: landed
// with wantClaims claims, a duplicate of the article with id dupOf, or
// refused as invalid with a message holding every fragment.
type importCase struct {
	name       string
	item       ImportItem
	wantClaims int
	dupOf      uint64
	invalid    []string
}

func claim(start, end int, label string) Claim {
	return Claim{Start: start, End: end, Label: label, Speaker: "Peskov", Origin: OriginImported}
}

func TestImportArticlesEachItemOnItsOwn(t *testing.T) {
	s := openTestStore(t)
	existing := mustAddArticle(t, s, "Peskov denied it.")
	var changes []Change
	s.OnChange(func(c Change) { changes = append(changes, c) })

	// Stored articles get ids 2, 3, ... in item order: a refused item takes
	// no id, and a text refused earlier in the batch may still land later.
	cases := []importCase{
		{name: "good with claims", item: ImportItem{Article{Title: "Kremlin", Text: "The Kremlin denied the report."},
			[]Claim{claim(12, 18, "denial"), claim(4, 11, "accusation")}}, wantClaims: 2},
		{name: "stored already", item: ImportItem{Article{Text: "Peskov denied it."}, nil}, dupOf: existing.ID},
		{name: "unknown label", item: ImportItem{Article{Text: "Obama praised the plan."},
			[]Claim{claim(0, 5, "praise"), claim(6, 13, "gossip")}},
			invalid: []string{"claim 2 of 2", `label "gossip" does not exist`}},
		{name: "span past the end names the id it would get", item: ImportItem{Article{Text: "Short 😀 text."},
			[]Claim{claim(6, 40, "praise")}}, invalid: []string{"end 40 is past the end of article 3 (13 characters)"}},
		{name: "good, CRLF normalised", item: ImportItem{Article{Text: "Line one\r\nLine two\r\n"}, nil}},
		{name: "duplicate earlier in the batch", item: ImportItem{Article{Text: "The Kremlin denied the report."}, nil}, dupOf: 2},
		{name: "duplicate of a normalised one", item: ImportItem{Article{Text: "Line one\nLine two\n"}, nil}, dupOf: 3},
		{name: "no text", item: ImportItem{Article{Title: "blank", Text: " \n\t"}, nil}, invalid: []string{`"blank" has no text`}},
		{name: "claims on text normalisation changes", item: ImportItem{Article{Text: "Peskov\r\nsaid no."},
			[]Claim{claim(0, 6, "denial")}}, invalid: []string{"text changed by normalisation"}},
		{name: "unknown status", item: ImportItem{Article{Text: "Status text.", Status: "lost"}, nil}, invalid: []string{`unknown status "lost"`}},
		{name: "text of a refused item lands", item: ImportItem{Article{Text: "Obama praised the plan."},
			[]Claim{claim(0, 5, "praise")}}, wantClaims: 1},
		{name: "Arabic and emoji", item: ImportItem{Article{Text: "قال بيسكوف 😀 إن روسيا لم تتدخل."},
			[]Claim{claim(4, 10, "denial")}}, wantClaims: 1},
	}
	items := make([]ImportItem, len(cases))
	for i, c := range cases {
		items[i] = c.item
	}
	results, err := s.ImportArticles(items)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(cases) {
		t.Fatalf("%d results for %d items", len(results), len(cases))
	}
	nextID := existing.ID + 1
	var wantChanges []Change
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkImportResult(t, s, c, results[i], nextID)
		})
		if c.dupOf == 0 && c.invalid == nil {
			nextID++
			wantChanges = append(wantChanges, importChanges(results[i:i+1])...)
		}
	}
	checkChanges(t, changes, wantChanges)
	if sums, err := s.ArticleSummaries(); err != nil || len(sums) != int(nextID-1) {
		t.Errorf("ArticleSummaries = %d articles, %v; want %d", len(sums), err, nextID-1)
	}
}

// checkImportResult compares one result with its case and with what the
// store holds.
func checkImportResult(t *testing.T, s *Store, c importCase, r ImportResult, wantID uint64) {
	t.Helper()
	var dup *DuplicateError
	switch {
	case c.dupOf != 0:
		if !errors.As(r.Err, &dup) || dup.ExistingID != c.dupOf {
			t.Fatalf("Err = %v, want a duplicate of article %d", r.Err, c.dupOf)
		}
	case c.invalid != nil:
		wantErr(t, r.Err, ErrInvalid, c.invalid...)
	case r.Err != nil:
		t.Fatalf("Err = %v", r.Err)
	}
	if r.Err != nil {
		if r.Article.ID != 0 || r.Claims != nil {
			t.Errorf("a refused item reports %+v, %+v", r.Article, r.Claims)
		}
		return
	}
	if r.Article.ID != wantID || len(r.Claims) != c.wantClaims {
		t.Fatalf("article %d with %d claims, want %d with %d", r.Article.ID, len(r.Claims), wantID, c.wantClaims)
	}
	stored, err := s.Article(wantID)
	if err != nil || stored.Text != r.Article.Text || stored.SHA256 != HashText(stored.Text) {
		t.Fatalf("stored article %+v, %v; result %+v", stored, err, r.Article)
	}
	if r.Normalization.Changed() != (stored.Text != c.item.Article.Text) {
		t.Errorf("Normalization %v for %q stored as %q", r.Normalization, c.item.Article.Text, stored.Text)
	}
	claims, err := s.Claims(wantID)
	if err != nil || len(claims) != c.wantClaims {
		t.Fatalf("Claims = %d, %v", len(claims), err)
	}
	for _, a := range r.Claims {
		if q, _ := Slice(stored.Text, a.Start, a.End); a.ArticleID != wantID || a.Quote != q || a.ID == 0 {
			t.Errorf("claim %+v: quote %q is not %q or ids are wrong", a, a.Quote, q)
		}
	}
}

func checkChanges(t *testing.T, got, want []Change) {
	t.Helper()
	describe := func(cs []Change) string {
		parts := make([]string, len(cs))
		for i, c := range cs {
			parts[i] = fmt.Sprintf("%d:a%d/c%d", c.Kind, c.Article.ID, c.Claim.ID)
		}
		return strings.Join(parts, " ")
	}
	if g, w := describe(got), describe(want); g != w {
		t.Errorf("listeners heard\n%s\nwant\n%s", g, w)
	}
	if len(want) == 0 || want[0].Kind != ArticleAdded || want[1].Kind != ClaimAdded || want[0].Article.Claims != 2 {
		t.Errorf("want list does not start with an article and its claims: %s", describe(want))
	}
}

// TestImportArticlesIdsFollowOn checks that claim and article ids stay
// dense across a batch with refusals, as one call per article leaves them.
func TestImportArticlesIdsFollowOn(t *testing.T) {
	s := openTestStore(t)
	results, err := s.ImportArticles([]ImportItem{
		{Article{Text: "First text here."}, []Claim{claim(0, 5, "denial")}},
		{Article{Text: "Second text here."}, []Claim{claim(0, 6, "denial"), claim(0, 99, "denial")}},
		{Article{Text: "Third text here."}, []Claim{claim(0, 5, "praise"), claim(6, 10, "praise")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantErr(t, results[1].Err, ErrInvalid, "claim 2 of 2")
	first, third := results[0], results[2]
	if first.Article.ID != 1 || third.Article.ID != 2 || first.Claims[0].ID != 1 ||
		third.Claims[0].ID != 2 || third.Claims[1].ID != 3 {
		t.Errorf("ids: %+v, %+v", first, third)
	}
	if st, err := s.Stats(); err != nil || st.Articles != 2 || st.Claims != 3 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
}

func TestImportArticlesNothingToWrite(t *testing.T) {
	s := openTestStore(t)
	heard := 0
	s.OnChange(func(Change) { heard++ })
	results, err := s.ImportArticles(nil)
	if err != nil || len(results) != 0 {
		t.Fatalf("ImportArticles(nil) = %v, %v", results, err)
	}
	results, err = s.ImportArticles([]ImportItem{{Article: Article{Text: ""}}})
	if err != nil || len(results) != 1 {
		t.Fatalf("ImportArticles = %v, %v", results, err)
	}
	wantErr(t, results[0].Err, ErrInvalid, "has no text")
	if heard != 0 {
		t.Errorf("listeners heard %d changes of an import that stored nothing", heard)
	}
}

// TestImportArticlesWholeCallFails checks that a store that cannot be
// written fails the call, not the items, and stores and tells nothing.
func TestImportArticlesWholeCallFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	rw, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := OpenWith(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	heard := 0
	s.OnChange(func(Change) { heard++ })
	results, err := s.ImportArticles([]ImportItem{{Article: Article{Text: "one"}}, {Article: Article{Text: "two"}}})
	if err == nil || results != nil || heard != 0 {
		t.Fatalf("ImportArticles on a read-only store = %v, %v, %d changes heard", results, err, heard)
	}
	if errors.Is(err, ErrInvalid) {
		t.Errorf("a store that cannot be written is reported as bad input: %v", err)
	}
}

func TestImportArticleRefusesClaimsOnChangedText(t *testing.T) {
	s := openTestStore(t)
	raw := "Peskov\r\ndenied it."
	_, _, _, err := s.ImportArticle(Article{Text: raw}, []Claim{{Start: 7, End: 13, Label: "denial"}})
	wantErr(t, err, ErrInvalid, "text changed by normalisation", "1 CR/CRLF line end")

	text, _ := Normalize(raw)
	art, claims, norm, err := s.ImportArticle(Article{Text: text, Title: " Peskov "}, []Claim{{Start: 7, End: 13, Label: "denial"}})
	if err != nil || norm.Changed() || art.Title != "Peskov" || len(claims) != 1 || claims[0].Quote != "denied" || claims[0].ArticleID != art.ID {
		t.Fatalf("ImportArticle = %+v, %+v, %v, %v", art, claims, norm, err)
	}
	_, _, _, err = s.ImportArticle(Article{Text: "other text"}, []Claim{{Start: 0, End: 5, Label: "denial"}, {Start: 0, End: 50, Label: "denial"}})
	wantErr(t, err, ErrInvalid, "claim 2 of 2")
	if sums, _ := s.ArticleSummaries(); len(sums) != 1 {
		t.Errorf("a refused import left its article behind: %+v", sums)
	}
	_, _, err = s.AddArticle(Article{Text: " \n\t"})
	wantErr(t, err, ErrInvalid, "has no text")
	_, _, err = s.AddArticle(Article{Text: "x", Status: "lost"})
	wantErr(t, err, ErrInvalid, `unknown status "lost"`)
}

package storage

import (
	"path/filepath"
	"testing"
)

func TestReplaceLayerKeepsOtherLayersAndSameClaims(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it. Putin praised him. 日本 👍🏽")
	mine, err := s.AddClaims([]Claim{
		{ArticleID: art.ID, Start: 0, End: 6, Label: "denial", Annotator: "ann"},
		{ArticleID: art.ID, Start: 18, End: 23, Label: "praise", Annotator: "ann"},
	})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.AddClaim(Claim{ArticleID: art.ID, Start: 0, End: 6, Label: "denial", Annotator: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	var heard []ChangeKind
	s.OnChange(func(c Change) { heard = append(heard, c.Kind) })

	// ann's new layer: the first claim as it was, the second gone, a new one.
	got, err := s.ReplaceLayer("ann", []LayerArticle{{Article: Article{SHA256: art.SHA256}, Claims: []Claim{
		{Start: 0, End: 6, Label: "denial"},
		{Start: 37, End: 39, Label: "accusation", Speaker: "x"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	want := LayerReplacement{ClaimsAdded: 1, ClaimsRemoved: 1, ClaimsKept: 1}
	if got != want {
		t.Errorf("replacement %+v, want %+v", got, want)
	}
	claims, _ := s.Claims(art.ID)
	ids := map[uint64]string{}
	for _, c := range claims {
		ids[c.ID] = c.Annotator + ":" + c.Quote
	}
	if ids[mine[0].ID] != "ann:Peskov" || ids[other.ID] != "bob:Peskov" || len(claims) != 3 {
		t.Errorf("after the replacement the article holds %v; want ann's kept claim under its id, bob's untouched and ann's new one", ids)
	}
	if _, still := ids[mine[1].ID]; still {
		t.Error("the claim left out of the layer is still stored")
	}
	if len(heard) != 2 {
		t.Errorf("listeners heard %v, want one addition and one deletion", heard)
	}

	// The same layer again writes nothing.
	again, err := s.ReplaceLayer("ann", []LayerArticle{{Article: Article{SHA256: art.SHA256}, Claims: []Claim{
		{Start: 0, End: 6, Label: "denial"}, {Start: 37, End: 39, Label: "accusation", Speaker: "x"},
	}}})
	if err != nil || again.Changed() || again.ClaimsKept != 2 {
		t.Errorf("replacing a layer by itself: %+v, %v; want nothing changed", again, err)
	}

	// An empty layer removes every claim of it, in every article.
	if r, err := s.ReplaceLayer("ann", nil); err != nil || r.ClaimsRemoved != 2 {
		t.Errorf("empty layer: %+v, %v; want both of ann's claims removed", r, err)
	}
	if claims, _ := s.Claims(art.ID); len(claims) != 1 || claims[0].Annotator != "bob" {
		t.Errorf("left %+v, want only bob's claim", claims)
	}
}

func TestReplaceLayerAddsArticlesAndIsAllOrNothing(t *testing.T) {
	s := openTestStore(t)
	text := "Lavrov accused the West."
	layer := []LayerArticle{{Article: Article{Title: "From bob", SHA256: HashText(text), Text: text}, Claims: []Claim{
		{Start: 0, End: 6, Label: "accusation"},
	}}}
	r, err := s.ReplaceLayer("bob", layer)
	if err != nil || r.ArticlesAdded != 1 || r.ClaimsAdded != 1 {
		t.Fatalf("first copy of bob's layer: %+v, %v", r, err)
	}
	art, ok, _ := s.ArticleByHash(HashText(text))
	if !ok || art.Title != "From bob" {
		t.Fatalf("the article bob's layer brought: %+v, %v", art, ok)
	}

	// A refused claim leaves the previous copy whole.
	bad := []LayerArticle{{Article: Article{SHA256: art.SHA256}, Claims: []Claim{
		{Start: 0, End: 6, Label: "denial"}, {Start: 0, End: 99, Label: "denial"},
	}}}
	if _, err := s.ReplaceLayer("bob", bad); err == nil {
		t.Fatal("a claim past the end of the text was taken")
	}
	if claims, _ := s.Claims(art.ID); len(claims) != 1 || claims[0].Label != "accusation" {
		t.Errorf("after a refused replacement the store holds %+v; want the previous copy", claims)
	}

	for name, la := range map[string]LayerArticle{
		"no text":    {Article: Article{SHA256: HashText("elsewhere")}},
		"wrong hash": {Article: Article{SHA256: HashText("elsewhere"), Text: "something else"}},
	} {
		if _, err := s.ReplaceLayer("bob", []LayerArticle{la}); err == nil {
			t.Errorf("%s: the article was taken", name)
		}
	}
	if _, err := s.ReplaceLayer(" ", nil); err == nil {
		t.Error("a layer without a name was taken")
	}
}

func TestLayerListsEveryArticleWithTheAnnotatorsClaims(t *testing.T) {
	s := openTestStore(t)
	a := mustAddArticle(t, s, "Peskov denied it.")
	b := mustAddArticle(t, s, "Nobody said anything.")
	if _, err := s.AddClaims([]Claim{
		{ArticleID: a.ID, Start: 7, End: 13, Label: "denial", Annotator: "ann"},
		{ArticleID: a.ID, Start: 0, End: 6, Label: "denial", Annotator: "ann"},
		{ArticleID: a.ID, Start: 0, End: 6, Label: "praise", Annotator: "annie"},
		{ArticleID: a.ID, Start: 0, End: 6, Label: "praise", Note: `"annotator":"ann"`},
	}); err != nil {
		t.Fatal(err)
	}
	layer, err := s.Layer("ann")
	if err != nil {
		t.Fatal(err)
	}
	if len(layer) != 2 || layer[0].Article.ID != a.ID || layer[1].Article.ID != b.ID || layer[1].Article.Text == "" {
		t.Fatalf("layer lists %+v; want both articles, with their texts", layer)
	}
	got := layer[0].Claims
	if len(got) != 2 || got[0].Start != 0 || got[1].Start != 7 || got[0].Label != "denial" {
		t.Errorf("ann's claims %+v; want her two, in text order, and not annie's nor one whose note names her", got)
	}
}

func TestTeamMembership(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claims.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.TeamMembership(); ok || err != nil {
		t.Fatalf("a new store has a membership: %v %v", ok, err)
	}
	m := TeamMembership{Folder: " /shared/team ", Annotator: "ann", Imported: map[string]string{"bob": "abc"}}
	if err := s.SetTeamMembership(m); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTeamMembership(TeamMembership{Folder: "x"}); err == nil {
		t.Error("a membership without a name was taken")
	}
	s.Close()
	s, err = OpenWith(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, ok, err := s.TeamMembership()
	if !ok || err != nil || got.Folder != "/shared/team" || got.Annotator != "ann" || got.Imported["bob"] != "abc" {
		t.Errorf("membership read back %+v %v %v", got, ok, err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("check after joining: %v", err)
	}
}

package storage

import (
	"errors"
	"fmt"
	"testing"
)

func TestAddClaimValidation(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it. 日本 👍🏽")
	n := RuneLen(art.Text) // 23
	tests := []struct {
		name   string
		ann    Claim
		target error
		says   []string
	}{
		{"negative start", Claim{Start: -1, End: 6, Label: "denial"}, ErrInvalid, []string{"span -1–6", "start -1 is negative"}},
		{"empty span", Claim{Start: 4, End: 4, Label: "denial"}, ErrInvalid, []string{"span 4–4", "start must be before end"}},
		{"reversed span", Claim{Start: 6, End: 2, Label: "denial"}, ErrInvalid, []string{"span 6–2", "start must be before end"}},
		{"end past the text", Claim{Start: 20, End: n + 1, Label: "denial"}, ErrInvalid, []string{"end 24 is past the end", "23 characters"}},
		{"start past the text", Claim{Start: n + 2, End: n + 5, Label: "denial"}, ErrInvalid, []string{"start 25 is past the end", "23 characters"}},
		{"quote mismatch", Claim{Start: 0, End: 6, Quote: "Putin", Label: "denial"}, ErrInvalid, []string{`quote "Putin" is not the text at 0–6`, `which reads "Peskov"`}},
		{"quote off by one code point", Claim{Start: 21, End: 22, Quote: "👍🏽", Label: "praise"}, ErrInvalid, []string{"is not the text at 21–22", `reads "👍"`}},
		{"unknown label", Claim{Start: 0, End: 6, Label: "sarcasm"}, ErrInvalid, []string{`label "sarcasm" does not exist`, "denial"}},
		{"no label", Claim{Start: 0, End: 6}, ErrInvalid, []string{`label "" does not exist`}},
		{"unknown origin", Claim{Start: 0, End: 6, Label: "denial", Origin: "guessed"}, ErrInvalid, []string{`origin "guessed"`}},
		{"unknown article", Claim{ArticleID: 99, Start: 0, End: 6, Label: "denial"}, ErrNotFound, []string{"article 99"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.ann
			if a.ArticleID == 0 {
				a.ArticleID = art.ID
			}
			_, err := s.AddClaim(a)
			wantErr(t, err, tt.target, tt.says...)
		})
	}
	if claims, _ := s.Claims(art.ID); len(claims) != 0 {
		t.Errorf("refused claims were stored: %+v", claims)
	}
}

func TestAddClaimFillsAndTrims(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it. 日本 👍🏽")
	got, err := s.AddClaim(Claim{ArticleID: art.ID, Start: 21, End: 23, Label: "  praise "})
	if err != nil {
		t.Fatal(err)
	}
	if got.Quote != "👍🏽" || got.Label != "praise" || got.Origin != OriginManual || got.ID == 0 || got.Created.IsZero() || !got.Updated.Equal(got.Created) {
		t.Errorf("stored %+v; want the quote filled in, label trimmed, origin manual, id and times set", got)
	}
}

func TestAddClaimsBatchIsAllOrNothing(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "one two three")
	_, err := s.AddClaims([]Claim{
		{ArticleID: art.ID, Start: 0, End: 3, Label: "denial"},
		{ArticleID: art.ID, Start: 4, End: 7, Label: "praise"},
		{ArticleID: art.ID, Start: 8, End: 99, Label: "praise"},
	})
	wantErr(t, err, ErrInvalid, "claim 3 of 3", "end 99 is past the end")
	if claims, _ := s.Claims(art.ID); len(claims) != 0 {
		t.Errorf("a refused batch left %d claims behind", len(claims))
	}
	stored, err := s.AddClaims([]Claim{
		{ArticleID: art.ID, Start: 0, End: 3, Label: "denial"},
		{ArticleID: art.ID, Start: 4, End: 7, Label: "praise"},
	})
	if err != nil || len(stored) != 2 || stored[0].Quote != "one" || stored[1].Quote != "two" || stored[0].ID >= stored[1].ID {
		t.Errorf("AddClaims = %+v, %v", stored, err)
	}
}

func TestUpdateClaimValidates(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it.")
	a := mustAddClaim(t, s, art, "denied", "denial")

	moved := a
	moved.Start, moved.End = 0, 6
	_, err := s.UpdateClaim(moved)
	wantErr(t, err, ErrInvalid, `quote "denied" is not the text at 0–6`)

	moved.Quote = ""
	moved.Label = "accusation"
	got, err := s.UpdateClaim(moved)
	if err != nil || got.Quote != "Peskov" || !got.Created.Equal(a.Created) || got.Origin != a.Origin {
		t.Fatalf("UpdateClaim = %+v, %v", got, err)
	}
	other := mustAddArticle(t, s, "Another text.")
	got.ArticleID = other.ID
	_, err = s.UpdateClaim(got)
	wantErr(t, err, ErrInvalid, "belongs to article 1, not 2")
	_, err = s.UpdateClaim(Claim{ID: 99, ArticleID: art.ID, Start: 0, End: 1, Label: "denial"})
	wantErr(t, err, ErrNotFound, "claim 99")
}

func TestClaimsInTextOrder(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "aaa bbb ccc ddd")
	add := func(start, end int) uint64 {
		a, err := s.AddClaim(Claim{ArticleID: art.ID, Start: start, End: end, Label: "denial"})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	late := add(12, 15)
	short := add(4, 7)
	long := add(4, 11)
	first := add(0, 3)
	twin := add(4, 7)
	other := mustAddArticle(t, s, "another article")
	mustAddClaim(t, s, other, "another", "praise")

	claims, err := s.Claims(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint64{first, long, short, twin, late}
	if len(claims) != len(want) {
		t.Fatalf("Claims = %+v, want %d claims", claims, len(want))
	}
	for i, id := range want {
		if claims[i].ID != id {
			t.Errorf("claim %d is %d (%d–%d), want %d: by start, the longer first, then by id", i, claims[i].ID, claims[i].Start, claims[i].End, id)
		}
	}
}

func TestRestoreClaim(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it.")
	claim := mustAddClaim(t, s, art, "denied", "denial")

	_, err := s.RestoreClaim(claim)
	wantErr(t, err, ErrInvalid, "claim 1 exists already")
	removed, err := s.DeleteClaim(claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteClaim(claim.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	back, err := s.RestoreClaim(removed)
	if err != nil || back != claim {
		t.Fatalf("RestoreClaim = %+v, %v; want %+v", back, err, claim)
	}
	never := claim
	never.ID = 42
	_, err = s.RestoreClaim(never)
	wantErr(t, err, ErrInvalid, "claim id 42 was never issued")
	next := mustAddClaim(t, s, art, "Peskov", "accusation")
	if next.ID != 2 {
		t.Errorf("the next claim has id %d, want 2", next.ID)
	}
}

// TestForEachClaimBorrowed: the claims of an id range, in id order, as
// ForEachClaim reads them; fn can stop the walk, and its panic stays its
// own, not a damaged file.
func TestForEachClaimBorrowed(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, "Peskov denied it. Lavrov praised it.")
	for i := range 5 {
		if _, err := s.AddClaim(Claim{ArticleID: art.ID, Start: i, End: i + 3, Label: "denial", Speaker: fmt.Sprint("s", i)}); err != nil {
			t.Fatal(err)
		}
	}
	want := map[uint64]Claim{}
	_ = s.ForEachClaim(func(c Claim) error { want[c.ID] = c; return nil })
	var ids []uint64
	err := s.ForEachClaimBorrowed(2, 4, func(c *Claim) bool {
		ids = append(ids, c.ID)
		sameClaims(t, *c, want[c.ID])
		return true
	})
	if err != nil || fmt.Sprint(ids) != "[2 3 4]" {
		t.Errorf("ids 2–4: %v, %v", ids, err)
	}
	ids = nil
	_ = s.ForEachClaimBorrowed(1, 5, func(c *Claim) bool { ids = append(ids, c.ID); return c.ID < 2 })
	if fmt.Sprint(ids) != "[1 2]" {
		t.Errorf("stopped after 2: %v", ids)
	}
	if last, err := s.LastClaimID(); last != 5 || err != nil {
		t.Errorf("LastClaimID = %d, %v", last, err)
	}
	defer func() {
		if r := recover(); r != "caller's bug" {
			t.Errorf("recovered %v, want the caller's own panic", r)
		}
		if s.damage.Load() != nil {
			t.Error("the caller's panic was taken for damage")
		}
	}()
	_ = s.ForEachClaimBorrowed(1, 5, func(*Claim) bool { panic("caller's bug") })
}

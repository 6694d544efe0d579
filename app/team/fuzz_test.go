package team

import (
	"math"
	"testing"

	"claimdesk/storage"
)

// layersFromBytes reads fuzz input as claims: each 4 bytes are an
// annotator (a or b), a label of 3, a start and a length in a 64-code-point
// article (any past the end is cut there).
func layersFromBytes(data []byte) ([]storage.ArticleSummary, []storage.Claim) {
	arts := []storage.ArticleSummary{article(1, 64, storage.StatusNew), article(2, 64, storage.StatusDone)}
	var claims []storage.Claim
	for i := 0; i+4 <= len(data); i += 4 {
		who := []string{"a", "b"}[data[i]&1]
		id := uint64(1 + data[i]>>1&1)
		label := []string{"denial", "praise", "accusation"}[int(data[i+1])%3]
		start := int(data[i+2]) % 63
		end := min(64, start+1+int(data[i+3])%16)
		claims = append(claims, claim(who, id, start, end, label))
	}
	return arts, append(claims, claim("a", 1, 0, 1, "denial"), claim("b", 2, 0, 1, "denial"))
}

// FuzzAgreement checks on any layers that every measure is a number in its
// range, that the pair is symmetric, and that a layer against itself is 1.
func FuzzAgreement(f *testing.F) {
	f.Add([]byte{0, 0, 3, 5, 1, 0, 3, 5, 0, 1, 20, 9, 3, 2, 40, 3})
	f.Add([]byte{1, 1, 62, 15, 2, 2, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, claims := layersFromBytes(data)
		r, err := Agreement(NewSnapshot(arts, claims), AgreementOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p := r.Pairs[0]
		for what, s := range map[string]Score{"exact": p.ExactF1, "overlap": p.OverlapF1, "kappa": p.Kappa, "alpha": r.Krippendorff.Value, "fleiss": r.Fleiss.Value} {
			if s.Known && (math.IsNaN(s.Value) || s.Value < -1-1e-9 || s.Value > 1+1e-9) {
				t.Errorf("%s = %v", what, s.Value)
			}
		}
		var swapped, twin []storage.Claim
		for _, c := range claims {
			c.Annotator = map[string]string{"a": "z", "b": "y"}[c.Annotator]
			swapped = append(swapped, c)
			if c.Annotator == "z" { // a's claims, twice: as x and as w
				c.Annotator = "x"
				twin = append(twin, c)
				c.Annotator = "w"
				twin = append(twin, c)
			}
		}
		q := agreement(t, NewSnapshot(arts, swapped), AgreementOptions{}).Pairs[0]
		if p.Articles != q.Articles || p.ClaimsA != q.ClaimsB {
			t.Errorf("not symmetric: %+v vs %+v", p, q)
		}
		for what, pair := range map[string][2]Score{"exact": {p.ExactF1, q.ExactF1}, "overlap": {p.OverlapF1, q.OverlapF1}, "kappa": {p.Kappa, q.Kappa}} {
			if pair[0].Known != pair[1].Known || math.Abs(pair[0].Value-pair[1].Value) > 1e-12 {
				t.Errorf("%s not symmetric: %v vs %v", what, pair[0], pair[1])
			}
		}
		self := agreement(t, NewSnapshot(arts, twin), AgreementOptions{})
		for what, s := range map[string]Score{"exact": self.Pairs[0].ExactF1, "overlap": self.Pairs[0].OverlapF1, "kappa": self.Pairs[0].Kappa, "alpha": self.Krippendorff.Value, "fleiss": self.Fleiss.Value} {
			if !s.Known || math.Abs(s.Value-1) > 1e-9 {
				t.Errorf("a layer against itself: %s = %v", what, s)
			}
		}
	})
}

package team

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"claimdesk/app/testkit"
	"claimdesk/storage"
)

func sampleLayer() layerFile {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	text := "Peskov denied <it> & more."
	return layerOf("ann", []storage.LayerArticle{
		{Article: storage.Article{ID: 7, SHA256: storage.HashText(text), Text: text, Title: "T", Status: storage.StatusDone, Added: at,
			Meta: storage.Meta{"n": json.RawMessage(`3`), "tags": json.RawMessage(`["a","b"]`)}},
			Claims: []storage.Claim{
				{ID: 9, Start: 7, End: 13, Label: "denial", Quote: "denied", Speaker: "Peskov", Origin: storage.OriginManual, Created: at, Updated: at},
				{ID: 3, Start: 0, End: 6, Label: "praise", Quote: "Peskov", Note: "a \"note\"", Origin: storage.OriginImported, Created: at, Updated: at},
				{ID: 4, Start: 0, End: 6, Label: "denial", Quote: "Peskov", Origin: storage.OriginManual, Created: at, Updated: at},
				{ID: 5, Start: 14, End: 24, Label: "denial", Quote: "<it> & mor", Origin: storage.OriginManual, Created: at, Updated: at},
			}},
		{Article: storage.Article{ID: 2, SHA256: storage.HashText("another"), Text: "another", Title: "U", Status: storage.StatusNew, Added: at}},
	})
}

// The file is what people read in a diff: the golden file shows its shape.
func TestLayerFileGolden(t *testing.T) {
	data, err := sampleLayer().encode()
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, "testdata/layer.golden.jsonl", data)
}

func TestLayerFileRoundTripsAndIsStable(t *testing.T) {
	want := sampleLayer()
	data, err := want.encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeLayer("claims/ann.jsonl", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	again, err := got.encode()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Errorf("a layer read and written again changed:\n%s\n%s", data, again)
	}
	// Ids are the store's own: another store with the claims in another
	// order and under other ids writes the same bytes.
	shuffled := sampleLayer()
	c := withClaims(shuffled).Claims
	c[0].ID, c[1].ID, c[2].ID = 100, 50, 75
	c[0], c[2] = c[2], c[0]
	sortClaims(c)
	other, _ := shuffled.encode()
	if !bytes.Equal(data, other) {
		t.Errorf("the same claims under other ids wrote other bytes:\n%s\n%s", data, other)
	}
	gotClaims, wantClaims := withClaims(got).Claims, withClaims(want).Claims
	for j := range gotClaims {
		gotClaims[j].ID = wantClaims[j].ID // ids are not in the file
	}
	if !reflect.DeepEqual(gotClaims, wantClaims) {
		t.Errorf("the claims read back as %+v, want %+v", gotClaims, wantClaims)
	}
	if !strings.Contains(string(data), `"quote":"<it> & mor"`) {
		t.Errorf("the file escapes what it need not:\n%s", data)
	}
}

// withClaims is the article of a layer that has claims.
func withClaims(f layerFile) layerArticle {
	for _, a := range f.Articles {
		if len(a.Claims) > 0 {
			return a
		}
	}
	return layerArticle{}
}

func FuzzDecodeLayer(f *testing.F) {
	data, _ := sampleLayer().encode()
	f.Add(data)
	f.Add([]byte(`{"kind":"layer","format":1,"annotator":"x"}` + "\n" + `{"kind":"claim","start":-1}`))
	f.Add([]byte("\n\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		layer, err := decodeLayer("claims/x.jsonl", bytes.NewReader(data))
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != "claims/x.jsonl" {
				t.Fatalf("a refusal that names no file: %v", err)
			}
			return
		}
		for _, a := range layer.Articles {
			if len(a.Claims) != len(a.ClaimLines) {
				t.Fatal("claims without their lines")
			}
			for _, c := range a.Claims {
				if c.Start < 0 || c.End <= c.Start || strings.TrimSpace(c.Label) == "" {
					t.Fatalf("a claim the decoder should have refused: %+v", c)
				}
			}
		}
	})
}

// The buffer encode grows once holds the file, without reserving much
// more than it: the estimate stays between the file's size and twice it.
func TestLayerSizeEstimate(t *testing.T) {
	f := sampleLayer()
	data, err := f.encode()
	if err != nil {
		t.Fatal(err)
	}
	if est := f.sizeEstimate(); est < len(data) || est > 2*len(data) {
		t.Errorf("estimated %d bytes for a file of %d", est, len(data))
	}
}

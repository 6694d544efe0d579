package dataset

import (
	"strings"
	"testing"
)

// TestMetaClaimsInJSONArray: a .json array of doccano records reads
// meta.claims the same way, with each record's own line in the messages.
func TestMetaClaimsInJSONArray(t *testing.T) {
	data := `[
{"text":"Peskov denied it.","label":[[0,13,"denial"]],"meta":{"claims":[{"start":0,"end":13,"label":"denial","speaker":"Peskov"}]}},
{"text":"Obama said so.","label":[[0,5,"accusation"]],"meta":{"claims":[{"start":0,"end":4,"label":"accusation"}]}}
]`
	docs, problems, err := ParseBytes("claims.json", []byte(data))
	if err != nil || len(docs) != 2 {
		t.Fatalf("err %v, %d documents", err, len(docs))
	}
	if got := docs[0].Spans; len(got) != 1 || got[0].Speaker != "Peskov" {
		t.Errorf("first record's spans %+v, want Peskov as speaker", got)
	}
	if _, ok := docs[0].Meta["claims"]; ok {
		t.Error("meta.claims landed as article meta")
	}
	if len(problems) != 1 || problems[0].Line != 3 || !strings.Contains(problems[0].Message, "meta.claims[0]: no label triple [0, 4,") {
		t.Errorf("problems %v, want one about meta.claims[0] at line 3", problems)
	}
}

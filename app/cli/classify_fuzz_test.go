package cli

import (
	"encoding/json"
	"testing"

	"claimdesk/app/suggest"
)

func FuzzClassifyLine(f *testing.F) {
	f.Add(`{"text":"\"We never did it,\" he said.","spans":[{"start":1,"end":15}]}`)
	f.Add(`{"text":"Zoë 👍🏽","spans":[{"start":0,"end":3,"label":null}],"meta":{}}`)
	f.Add(`{"text":"x","spans":null}`)
	f.Add(`{"text":1}`)
	f.Add(`[1,2]`)
	model := suggest.BuildModel([]string{"denial", "praise"}, nil, suggest.English)
	f.Fuzz(func(t *testing.T, line string) {
		out, err := classifyLine([]byte(line), model)
		if err != nil {
			return
		}
		var record map[string]json.RawMessage
		if jerr := json.Unmarshal(out, &record); jerr != nil {
			t.Fatalf("output %q is not JSON: %v", out, jerr)
		}
		// Only the exact key "spans" is spans (encoding/json's struct
		// fields would match "Spans" too).
		var spans []struct {
			Label string  `json:"label"`
			Score float64 `json:"score"`
		}
		if raw, ok := record["spans"]; ok {
			if jerr := json.Unmarshal(raw, &spans); jerr != nil {
				t.Fatalf("spans of %q: %v", out, jerr)
			}
		}
		for _, s := range spans {
			if s.Label == "" || s.Score < 0 || s.Score > 1 {
				t.Fatalf("span without label or score in %q", out)
			}
		}
	})
}

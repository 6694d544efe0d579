package dataset

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestImportFidelity: nothing of a record changes or goes missing without
// a word. Each case is either kept (meta, annotator) or named in a warning
// or problem on the record's file and line.
func TestImportFidelity(t *testing.T) {
	const text = `Peskov said: "Russia never interfered."`
	tests := []struct {
		name      string
		line      string
		refused   string // a part of the problem that refuses the record
		meta      string // the article meta as JSON ("" for none)
		title     string
		annotator string   // of the first span
		spans     int      // spans stored
		warnings  []string // in order, each a part of one warning's message
	}{
		{
			name: "meta keeps its types and Claimdesk's names",
			line: `{"text":` + q(text) + `,"meta":{"n":3,"ok":true,"tags":["a"],"source":"AFP","status":"wire","article_id":"x-9","none":null}}`,
			meta: `{"article_id":"x-9","n":3,"none":null,"ok":true,"source":"AFP","status":"wire","tags":["a"]}`,
		},
		{
			name: "a Claimdesk export's own fields are taken out again",
			line: `{"id":7,"text":` + q(text) + `,"label":[],"meta":{"article_id":7,"title":"Mine","status":"done","source":"/a.txt","lang":"en",` +
				`"claimdesk":{"article_id":7,"title":"Peskov's denial","status":"done","source":"/a.txt"},"claims":[]}}`,
			meta:  `{"id":7,"lang":"en","title":"Mine"}`,
			title: "Peskov's denial",
		},
		{
			name:     "doccano relations are kept with a word, Comments kept",
			line:     `{"text":` + q(text) + `,"entities":[{"id":1,"start_offset":0,"end_offset":6,"label":"PER"}],"relations":[{"id":1,"from_id":1,"to_id":1,"type":"said"}],"Comments":["check"]}`,
			meta:     `{"Comments":["check"],"relations":[{"id":1,"from_id":1,"to_id":1,"type":"said"}]}`,
			spans:    1,
			warnings: []string{`1 relation kept as article meta "relations"`},
		},
		{
			name:      "Prodigy's _annotator_id is the annotator; tokens are left to be recomputed",
			line:      `{"text":` + q(text) + `,"spans":[{"start":0,"end":6,"label":"PER","token_start":0,"token_end":0}],"tokens":[{"text":"Peskov","start":0,"end":6,"id":0}],"_annotator_id":"claims-ana","_input_hash":12,"answer":"accept"}`,
			meta:      `{"_annotator_id":"claims-ana","_input_hash":12,"answer":"accept"}`,
			annotator: "claims-ana",
			spans:     1,
		},
		{
			name:      "annotator wins over _annotator_id",
			line:      `{"text":` + q(text) + `,"spans":[{"start":0,"end":6,"label":"PER"}],"annotator":"ben","_annotator_id":"claims-ana"}`,
			meta:      `{"_annotator_id":"claims-ana"}`,
			annotator: "ben",
			spans:     1,
		},
		{
			name:     "a field whose name the meta holds",
			line:     `{"id":1,"text":` + q(text) + `,"Comments":[],"meta":{"id":"A-1","Comments":"none"}}`,
			meta:     `{"Comments":"none","id":"A-1"}`,
			warnings: []string{`"Comments" is not kept: the article's meta has its own "Comments"`, `"id" is not kept: the article's meta has its own "id"`},
		},
		{
			name:    "NUL written as a JSON escape",
			line:    `{"text":"Peskov\u0000 said it."}`,
			refused: `NUL character (\u0000) at character 6`,
		},
		{
			name:     "a lone surrogate",
			line:     `{"text":"Peskov \ud83d said it. \ud83d\udc4d \\ud800"}`,
			warnings: []string{`"text" holds 1 lone surrogate escape`},
		},
		{
			name:     "a low surrogate alone, and a high one at the end",
			line:     `{"text":"\udc4d Peskov said it \ud83d"}`,
			warnings: []string{`"text" holds 2 lone surrogate escapes`},
		},
		{
			name:     "a repeated text",
			line:     `{"text":"first","title":"T","text":` + q(text) + `}`,
			title:    "T",
			warnings: []string{`"text" appears more than once; the last one is used`},
		},
		{
			name:     "a span ending inside e plus a combining accent",
			line:     `{"text":"Cafe\u0301 owners denied it.","spans":[{"start":0,"end":4,"label":"PER"}]}`,
			spans:    1,
			warnings: []string{"spans[0]: span 0–4 ends inside the character \"e\u0301\" (one character of several code points); kept as the file gives it"},
		},
		{
			name:     "a span starting inside 👩‍💻",
			line:     `{"text":"The 👩‍💻 denied it.","label":[[5,16,"denial"]]}`,
			spans:    1,
			warnings: []string{`label[0]: span 5–16 starts inside the character "👩\u200d💻"`},
		},
		{
			name:  "a span around the whole 👩‍💻 cuts nothing",
			line:  `{"text":"The 👩‍💻 denied it.","label":[[4,7,"denial"]]}`,
			spans: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, problems, err := ParseBytes("fidelity.jsonl", []byte(tt.line+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			for _, p := range problems {
				if p.File != "fidelity.jsonl" || p.Line != 1 {
					t.Errorf("problem at %s, want fidelity.jsonl:1: %s", Location(p.File, p.Line), p.Message)
				}
				if !p.Warning {
					if tt.refused == "" || !strings.Contains(p.Message, tt.refused) {
						t.Errorf("refused: %s, want %q", p.Message, tt.refused)
					}
					continue
				}
				warnings = append(warnings, p.Message)
			}
			if tt.refused != "" {
				if len(docs) != 0 || len(problems) == 0 {
					t.Fatalf("%d documents, problems %v; want the record refused", len(docs), problems)
				}
				return
			}
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1 (problems %v)", len(docs), problems)
			}
			d := docs[0]
			if got, want := metaJSON(d.Meta), cmpOr(tt.meta, "{}"); got != want {
				t.Errorf("meta %s\nwant %s", got, want)
			}
			if tt.title != "" && d.Title != tt.title {
				t.Errorf("title %q, want %q", d.Title, tt.title)
			}
			if len(d.Spans) != tt.spans {
				t.Fatalf("%d spans, want %d", len(d.Spans), tt.spans)
			}
			if tt.annotator != "" && d.Spans[0].Annotator != tt.annotator {
				t.Errorf("annotator %q, want %q", d.Spans[0].Annotator, tt.annotator)
			}
			if len(warnings) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %q", warnings, tt.warnings)
			}
			for i, w := range warnings {
				if !strings.Contains(w, tt.warnings[i]) {
					t.Errorf("warning %q, want it to say %q", w, tt.warnings[i])
				}
			}
		})
	}
}

func cmpOr(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// TestDisplayName: a name that holds what a terminal would act on is
// quoted, any other shown as it is.
func TestDisplayName(t *testing.T) {
	for name, want := range map[string]string{
		"corpus/ä 東京.jsonl":  "corpus/ä 東京.jsonl",
		"a\nfailed    b.txt": `"a\nfailed    b.txt"`,
		"\x1b[2Jx.txt":       `"\x1b[2Jx.txt"`,
		"evil\u202etxt.exe":  `"evil\u202etxt.exe"`,
		"bad\xffbyte.txt":    `"bad\xffbyte.txt"`,
	} {
		if got := DisplayName(name); got != want {
			t.Errorf("DisplayName(%q) = %s, want %s", name, got, want)
		}
	}
	if got := Location("a\nb.jsonl", 3); got != `"a\nb.jsonl":3` {
		t.Errorf("Location = %s", got)
	}
}

// FuzzObjectMembers: the quick member count agrees with a full decode, so a
// repeated name is never missed and never made up.
func FuzzObjectMembers(f *testing.F) {
	for _, s := range []string{`{"text":"a","text":"b"}`, `{"a":{"b":1,"b":2},"c":"x:y\"}"}`, `{"t":[":",{"u":1}],"v":"\\"}`, `{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var obj map[string]json.RawMessage
		if json.Unmarshal([]byte(raw), &obj) != nil || obj == nil {
			return
		}
		dec := json.NewDecoder(strings.NewReader(raw))
		_, _ = dec.Token()
		members := 0
		for dec.More() {
			_, _ = dec.Token()
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				t.Fatal("a valid object stopped decoding")
			}
			members++
		}
		if got := topLevelMembers([]byte(raw)); got != members {
			t.Errorf("topLevelMembers = %d, decoding counts %d", got, members)
		}
		_, repeated, err := readObject([]byte(raw))
		if err != nil || (len(repeated) > 0) != (members > len(obj)) {
			t.Errorf("repeated %q with %d members and %d names (err %v)", repeated, members, len(obj), err)
		}
	})
}

// FuzzLoneSurrogates: a string JSON writes from valid text has none; each
// lone escape added after it is counted.
func FuzzLoneSurrogates(f *testing.F) {
	f.Add("Peskov 👍 said \\u", uint16(0xd83d))
	f.Add("", uint16(0xdc00))
	f.Fuzz(func(t *testing.T, s string, unit uint16) {
		raw, _ := json.Marshal(s)
		if n := loneSurrogates(raw); n != 0 {
			t.Fatalf("%s: %d lone surrogates in valid text", raw, n)
		}
		if unit < 0xd800 || unit >= 0xe000 {
			return
		}
		lone := append(raw[:len(raw)-1:len(raw)-1], fmt.Sprintf(`\u%04x x"`, unit)...)
		if n := loneSurrogates(lone); n != 1 {
			t.Errorf("%s: %d lone surrogates, want 1", lone, n)
		}
	})
}

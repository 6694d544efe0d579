package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Query
	}{
		{"", Query{}},
		{"   \t\n", Query{}},
		{"trump putin praise", Query{Words: []string{"trump", "putin", "praise"}}},
		{"label:denial", Query{Label: "denial"}},
		{"peskov label:denial nato", Query{Words: []string{"peskov", "nato"}, Label: "denial"}},
		{"speaker:peskov target:nato article:kremlin annotator:anna",
			Query{Speaker: "peskov", Target: "nato", Article: "kremlin", Annotator: "anna"}},
		{`speaker:"dmitry peskov" denied`, Query{Words: []string{"denied"}, Speaker: "dmitry peskov"}},
		{`speaker:"dmitry   peskov"x`, Query{Words: []string{"x"}, Speaker: "dmitry peskov"}},
		{`speaker:"dmitry pes`, Query{Speaker: "dmitry pes"}}, // still typing
		{`"praised trump" putin`, Query{Words: []string{"praised trump", "putin"}}},
		{`"unclosed phrase`, Query{Words: []string{"unclosed phrase"}}},
		{`"" x`, Query{Words: []string{"x"}}},
		{"Label:Denial SPEAKER:Peskov", Query{Label: "Denial", Speaker: "Peskov"}},
		{"label:denial label:praise", Query{Label: "praise"}}, // the last value counts
		{"label:denial label:", Query{}},
		{"speaker:", Query{}},
		{"http://example.org foo:bar", Query{Words: []string{"http://example.org", "foo:bar"}}},
		{`"label:denial"`, Query{Words: []string{"label:denial"}}},
		{"label::x", Query{Label: ":x"}},
		{`speaker:a"b`, Query{Speaker: `a"b`}},
		{"يقول label:denial", Query{Words: []string{"يقول"}, Label: "denial"}},
		{"a\u00a0b", Query{Words: []string{"a", "b"}}}, // no-break space separates
	} {
		if got := ParseQuery(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseQuery(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
}

func TestQueryString(t *testing.T) {
	for _, tc := range []struct {
		q    Query
		want string
	}{
		{Query{}, ""},
		{Query{Words: []string{"a", "b c"}, Speaker: "dmitry peskov", Label: "denial"},
			`a "b c" label:denial speaker:"dmitry peskov"`},
		{Query{Words: []string{"label:x"}}, `"label:x"`},
		{Query{Words: []string{"foo:x"}}, `foo:x`},
	} {
		if got := tc.q.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestQueryEmpty(t *testing.T) {
	if !ParseQuery(" speaker: ").Empty() || ParseQuery("x").Empty() || ParseQuery("target:x").Empty() {
		t.Error("Empty is wrong")
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"", "trump putin praise", `speaker:"dmitry peskov" label:denial`, `"a b" "c`,
		"label:", `article:"`, `x:"y z"`, "\xff\x00 label:\xfe", `"label:x"`, "Annotator:Anna",
		`speaker:""`, "a\u2028b", `""label:x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		for _, w := range q.Words {
			if w == "" || w != strings.Join(strings.Fields(w), " ") || !utf8.ValidString(w) {
				t.Fatalf("ParseQuery(%q): bad word %q", s, w)
			}
		}
		// The canonical form reads back as the same query.
		text := q.String()
		if again := ParseQuery(text); !reflect.DeepEqual(again, q) {
			t.Fatalf("ParseQuery(%q) = %#v; its String %q parses as %#v", s, q, text, again)
		}
		// Searching never fails, whatever was typed.
		ix := NewIndex()
		ix.Put(Entry{ID: 1, Quote: s, Speaker: s})
		if _, err := ix.Search(s, 5); err != nil {
			t.Fatal(err)
		}
		MatchTitles(s, []string{s})
	})
}

package suggest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"claimdesk/seeds"
)

// found is what a test expects of a candidate.
type found struct {
	quote, speaker, target, cue string
	kind                        Kind
}

func statementsOf(t *testing.T, text string) []found {
	t.Helper()
	runes := []rune(text)
	ss, err := findStatements(context.Background(), runes, English)
	if err != nil {
		t.Fatal(err)
	}
	var out []found
	for _, s := range ss {
		out = append(out, found{string(runes[s.span.Start:s.span.End]), s.speaker, s.target, s.cue, s.kind})
	}
	return out
}

func TestCandidatePatterns(t *testing.T) {
	cases := []struct {
		name, text string
		want       []found
	}{
		{"speaker after the quote", `"We never interfered in anyone's elections," Kremlin spokesman Dmitry Peskov said.`,
			[]found{{"We never interfered in anyone's elections", "Kremlin spokesman Dmitry Peskov", "", "said", KindQuote}}},
		{"verb before the speaker", `"We never interfered in anyone's elections," said Dmitry Peskov, the Kremlin spokesman.`,
			[]found{{"We never interfered in anyone's elections", "Dmitry Peskov", "", "said", KindQuote}}},
		{"speaker before the quote", `Peskov told reporters: "We have never interfered and never will."`,
			[]found{{"We have never interfered and never will.", "Peskov", "", "told", KindQuote}}},
		{"interrupted by he said", "Peskov denied the report. \"We never interfered,\" he said, \"and we never will.\"",
			[]found{
				{"Peskov denied the report", "Peskov", "", "denied", KindReported},
				{`We never interfered," he said, "and we never will.`, "Peskov", "", "said", KindQuote},
			}},
		{"stance verb with target", `Putin praised Trump as "a very striking man, unquestionably talented".`,
			[]found{{"a very striking man, unquestionably talented", "Putin", "Trump", "praised", KindQuote}}},
		{"reported speech", "The Kremlin on Wednesday denied Moscow was interfering in the election.",
			[]found{{"The Kremlin on Wednesday denied Moscow was interfering in the election", "Kremlin", "Moscow", "denied", KindReported}}},
		{"accusation", "Obama accused Russia of hacking the party's emails.",
			[]found{{"Obama accused Russia of hacking the party's emails", "Obama", "Russia", "accused", KindReported}}},
		{"multi-word cue", "The Kremlin had already shrugged off the accusations as absurd.",
			[]found{{"The Kremlin had already shrugged off the accusations as absurd", "Kremlin", "", "shrugged off", KindReported}}},
		{"common-noun subject", "The ministry rejected the figures.",
			[]found{{"The ministry rejected the figures", "ministry", "", "rejected", KindReported}}},
		{"quote standing alone continues the speaker", "Peskov said the report was wrong.\n\"Moscow has carefully avoided any actions of that kind.\"",
			[]found{
				{"Peskov said the report was wrong", "Peskov", "", "said", KindReported},
				{"Moscow has carefully avoided any actions of that kind.", "Peskov", "", "", KindQuote},
			}},
		{"he resolved to the last named speaker", "Obama told NBC about the hack. \"The Russians hack our systems,\" he said.",
			[]found{
				{"Obama told NBC about the hack", "Obama", "", "told", KindReported},
				{"The Russians hack our systems", "Obama", "", "said", KindQuote},
			}},
		{"they is left unnamed", `"We were never told about the plan," they said.`,
			[]found{{"We were never told about the plan", "", "", "said", KindQuote}}},
		{"curly quotes and guillemets", "“We never interfered,” Peskov said. «Nous n'avons jamais interféré du tout», a-t-il dit.",
			[]found{{"We never interfered", "Peskov", "", "said", KindQuote}}},

		// Negatives.
		{"question", "Did Peskov deny that Russia interfered?", nil},
		{"quoted question asked by the reporter", `Did Peskov say "we never interfered in the election"?`, nil},
		{"hypothetical if", "If Peskov denied the report, nobody would believe him.", nil},
		{"hypothetical would", "Peskov would deny any involvement.", nil},
		{"headline", "Kremlin Denies Interfering in U.S. Election Campaign", nil},
		{"scare quotes", `The so-called "peace plan" was published on Monday.`, nil},
		{"no speech verb", "Russia was involved in a hack of Democratic National Committee emails.", nil},
		{"unattributed quote in a sentence", `The phrase "interference in internal affairs" appears four times in the report.`, nil},
		{"a quote standing alone with nobody before it", `"Moscow has carefully avoided any actions."`, nil},
		{"unclosed quote", `Peskov said "we never interfered and never will.`, []found{{`Peskov said "we never interfered and never will`, "Peskov", "", "said", KindReported}}},
		{"Arabic", "قال المتحدث باسم الكرملين إن روسيا لم تتدخل.", nil},
		{"CJK with corner quotes", "佩斯科夫说：「俄罗斯从未干涉。」", nil},
		{"emoji and combining marks", "Zoë 👍🏽 said nothing. Café owners praised the 🇺🇦 flag.",
			[]found{{"Café owners praised the 🇺🇦 flag", "Café owners", "", "praised", KindReported}}},
		{"empty", "", nil},
		{"blank lines", "\n\n  \n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := statementsOf(t, c.text)
			if len(got) != len(c.want) {
				t.Fatalf("got %d candidates %+v, want %d %+v", len(got), got, len(c.want), c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("candidate %d\n got %+v\nwant %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// The seed article's claims an analyst labels first: Peskov's denials,
// Obama's accusation and the praise Putin and Trump exchanged, each with
// its speaker, found by an empty store's model (the lexicon's prior).
func TestSeedArticleCandidates(t *testing.T) {
	text := []rune(seeds.Articles()[0].Text)
	m := BuildModel([]string{"denial", "accusation", "praise"}, nil, English)
	cands, err := m.Candidates(context.Background(), 1, text, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ quotePart, label, speakerPart string }{
		{"Russia has never interfered", "denial", "Peskov"},
		{"Moscow has carefully avoided", "denial", "Peskov"},
		{"you need at the very least to be precise", "denial", "Peskov"},
		{"the Russians hack our systems", "accusation", "Obama"},
		{"a very striking man, unquestionably talented", "praise", "Putin"},
		{"strong leader, a powerful leader", "praise", "Trump"},
	}
	for _, w := range want {
		ok := false
		for _, c := range cands {
			if strings.Contains(c.Quote, w.quotePart) {
				ok = true
				if c.Label != w.label || !strings.Contains(c.Speaker, w.speakerPart) {
					t.Errorf("%q: got %s by %q, want %s by %s", w.quotePart, c.Label, c.Speaker, w.label, w.speakerPart)
				}
				if string(text[c.Start:c.End]) != c.Quote {
					t.Errorf("%q: quote does not match its offsets", c.Quote)
				}
			}
		}
		if !ok {
			t.Errorf("no candidate holds %q", w.quotePart)
		}
	}
	for _, c := range cands {
		if c.Speaker == "Kremlin" && c.Target == "Moscow" {
			return
		}
	}
	t.Errorf("the Kremlin's denial lacks its speaker or target: %+v", cands)
}

func TestCandidatesCancelled(t *testing.T) {
	// ~10 MB in one line: the search must stop inside a line too.
	big := []rune(strings.Repeat("\"We never interfered in anything,\" Peskov said. ", 200_000))
	ctx, cancel := context.WithCancel(context.Background())
	m := BuildModel([]string{"denial"}, nil, English)
	done := make(chan error, 1)
	go func() {
		_, err := m.Candidates(ctx, 1, big, nil, nil)
		done <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("cancelled candidate search went on")
	}
}

func TestRejectedAndClaimedSpansLeftOut(t *testing.T) {
	text := []rune("\"We never interfered,\" Peskov said. \"The hack was theirs,\" Obama said. \"He is a strong leader,\" Trump said.")
	m := BuildModel([]string{"denial", "accusation", "praise"}, nil, English)
	all, _ := m.Candidates(context.Background(), 7, text, nil, nil)
	if len(all) != 3 {
		t.Fatalf("want 3 candidates, got %+v", all)
	}
	rejected := NewRejectedSpans()
	rejected.Reject(7, all[0].Start, all[0].End)
	claims := claimsAt(7, all[1].Start+2, all[1].Start+5)
	left, _ := m.Candidates(context.Background(), 7, text, claims, rejected)
	if len(left) != 1 || left[0].Start != all[2].Start {
		t.Fatalf("want only the third candidate, got %+v", left)
	}
	other, _ := m.Candidates(context.Background(), 8, text, nil, rejected)
	if len(other) != 3 {
		t.Errorf("a rejection in article 7 hid a candidate of article 8: %+v", other)
	}
}

// A text without line breaks is read in pieces cut after sentences: every
// statement of it is still found, with offsets into the whole text.
func TestLongLineInPieces(t *testing.T) {
	const n = 6_000 // 300 KB, pieces of maxLineRunes
	sentence := "\"We never interfered in anything,\" Peskov said. "
	text := []rune(strings.Repeat(sentence, n))
	m := BuildModel([]string{"denial", "praise"}, nil, English)
	cands, err := m.Candidates(context.Background(), 1, text, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != n {
		t.Fatalf("%d candidates in %d statements", len(cands), n)
	}
	for _, c := range cands {
		if string(text[c.Start:c.End]) != c.Quote || c.Speaker != "Peskov" {
			t.Fatalf("candidate %+v", c)
		}
	}
}

func FuzzCandidates(f *testing.F) {
	f.Add("\"We never interfered,\" Peskov said, \"and never will.\"")
	f.Add("Putin praised Trump as \"a very striking man\".\n\"Moscow avoided it all.\"")
	f.Add("“«„「\"”»“」 he said, she told. If X would deny?")
	f.Add(seeds.Articles()[0].Text)
	labelled := BuildModel([]string{"denial", "praise"}, []Example{
		{ClaimID: 1, ArticleID: 9, Quote: "we never interfered in anything at all", Label: "denial", Speaker: "Peskov"},
	}, English)
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		cands, err := labelled.Candidates(context.Background(), 1, text, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			if c.Start < 0 || c.End > len(text) || c.Start >= c.End || string(text[c.Start:c.End]) != c.Quote {
				t.Fatalf("bad candidate %+v in %q", c, s)
			}
			if c.Score < 0 || c.Score > 1 {
				t.Fatalf("score %v", c.Score)
			}
		}
		labelled.Suggest(text, len(text)/3, len(text)/2)
	})
}

func TestAbove(t *testing.T) {
	cands := []Candidate{{Start: 0, Score: 0.9}, {Start: 5, Score: 0.4}, {Start: 9, Score: 0.5}}
	got := Above(cands, 0.5)
	if len(got) != 2 || got[0].Start != 0 || got[1].Start != 9 {
		t.Errorf("Above 0.5: %+v", got)
	}
	if len(Above(cands, 1.1)) != 0 || len(Above(nil, 0)) != 0 {
		t.Error("Above kept too much")
	}
}

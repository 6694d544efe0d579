// Command scalestore writes the corpora the scale benchmarks import: news-like
// articles in doccano JSONL, every sentence labelled as a claim, and the same
// quotes one a line in a text file for fzf. scripts/scale-bench imports the
// JSONL with `claimdesk import` and times claimdesk against fzf.
//
//	go run ./scripts/scalestore -articles 1000 -claims 100000 -out DIR
//
// The output is the same for the same flags (a seeded generator), so numbers
// measured on two machines are measured on the same text.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

var (
	speakers = []string{
		"Dmitry Peskov", "Sergei Lavrov", "Maria Zakharova", "Vladimir Putin", "Donald Trump",
		"Antony Blinken", "Volodymyr Zelensky", "Olaf Scholz", "Emmanuel Macron", "Ursula von der Leyen",
		"Jens Stoltenberg", "Xi Jinping", "Wang Yi", "Recep Tayyip Erdoğan", "Benjamin Netanyahu",
		"Keir Starmer", "Kamala Harris", "Viktor Orbán", "Andrzej Duda", "Mark Rutte",
	}
	targets = []string{
		"NATO", "the European Union", "Ukraine", "Russia", "the United States", "China", "the Kremlin",
		"the White House", "Kyiv", "Moscow", "Washington", "Brussels", "the Pentagon", "the IAEA",
		"the United Nations", "Gazprom", "the opposition", "Western media", "Germany", "Poland",
	}
	verbs = []string{
		"said", "denied", "accused", "praised", "claimed", "rejected", "warned", "insisted",
		"dismissed", "welcomed", "condemned", "suggested", "admitted", "confirmed", "alleged",
	}
	past = []string{
		"violated", "supported", "undermined", "sabotaged", "financed", "provoked", "ignored",
		"escalated", "negotiated", "blocked", "planned", "staged", "orchestrated", "fabricated",
	}
	adjectives = []string{
		"new", "illegal", "unprecedented", "so-called", "hostile", "peaceful", "military",
		"economic", "nuclear", "secret", "massive", "limited", "provocative", "baseless",
	}
	nouns = []string{
		"sanctions", "talks", "attack", "offensive", "ceasefire", "agreement", "elections",
		"referendum", "pipeline", "grain deal", "weapons deliveries", "drone strikes", "troops",
		"propaganda", "disinformation", "investigation", "negotiations", "summit", "exercises",
	}
	places = []string{
		"in Donbas", "near Kharkiv", "in the Black Sea", "on the border", "in Crimea", "in Gaza",
		"at the summit in Vilnius", "in Brussels", "at the UN Security Council", "near Bakhmut",
	}
	fillers = []string{
		"according to a statement published on Monday", "without providing any evidence",
		"in an interview with state television", "speaking to reporters in Moscow",
		"despite repeated warnings from allies", "as talks resumed in Geneva",
		"in a post on Telegram", "at a press briefing", "citing unnamed officials",
	}
	labels = []string{"denial", "accusation", "praise"}
)

type generator struct{ rng *rand.Rand }

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *generator) sentence() string {
	speaker := g.pick(speakers)
	surname := speaker[strings.LastIndexByte(speaker, ' ')+1:]
	parts := []string{surname, g.pick(verbs), "that", g.pick(targets), "had", g.pick(past),
		"the", g.pick(adjectives), g.pick(nouns), g.pick(places)}
	if g.rng.IntN(2) == 0 {
		parts = append(parts, "and", g.pick(past), g.pick(targets))
	}
	if g.rng.IntN(3) > 0 {
		parts = append(parts, ",", g.pick(fillers))
	}
	return strings.ReplaceAll(strings.Join(parts, " "), " ,", ",") + "."
}

func (g *generator) title(n int) string {
	return fmt.Sprintf("%s %s %s over %s (%d)", g.pick(targets), g.pick(verbs), g.pick(adjectives), g.pick(nouns), n)
}

// record is one doccano JSONL line: the text and a [start, end, label]
// triple, in code points, per sentence.
type record struct {
	Title string  `json:"title"`
	Text  string  `json:"text"`
	Label [][]any `json:"label"`
}

func main() {
	articles := flag.Int("articles", 1000, "how many `N` articles")
	claims := flag.Int("claims", 100000, "how many `N` claims in all, one per sentence")
	out := flag.String("out", "", "the `DIR` to write corpus.jsonl and quotes.txt into")
	flag.Parse()
	if *out == "" || *articles < 1 || *claims < *articles {
		fmt.Fprintln(os.Stderr, "usage: scalestore -articles N -claims M -out DIR (M >= N >= 1)")
		os.Exit(2)
	}
	if err := write(*out, *articles, *claims); err != nil {
		fmt.Fprintln(os.Stderr, "scalestore:", err)
		os.Exit(1)
	}
}

func write(dir string, articles, claims int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	corpus, err := os.Create(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		return err
	}
	defer corpus.Close()
	quotes, err := os.Create(filepath.Join(dir, "quotes.txt"))
	if err != nil {
		return err
	}
	defer quotes.Close()
	cw, qw := bufio.NewWriter(corpus), bufio.NewWriter(quotes)
	enc := json.NewEncoder(cw)
	enc.SetEscapeHTML(false)
	g := &generator{rng: rand.New(rand.NewPCG(uint64(articles), uint64(claims)))}
	for a := range articles {
		// Spread the claims evenly: the first articles take the remainder.
		n := claims / articles
		if a < claims%articles {
			n++
		}
		rec := record{Title: g.title(a + 1)}
		var text strings.Builder
		offset := 0
		for s := range n {
			sentence := g.sentence()
			if s > 0 {
				sep := " "
				if s%5 == 0 {
					sep = "\n\n" // paragraphs
				}
				text.WriteString(sep)
				offset += len(sep)
			}
			length := utf8.RuneCountInString(sentence)
			rec.Label = append(rec.Label, []any{offset, offset + length, g.pick(labels)})
			text.WriteString(sentence)
			offset += length
			fmt.Fprintln(qw, sentence)
		}
		rec.Text = text.String()
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	if err := cw.Flush(); err != nil {
		return err
	}
	return qw.Flush()
}

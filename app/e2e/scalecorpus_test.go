package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// writeScaleCorpus writes a spans JSONL of articles news articles, every
// sentence of each a claim (claimsEach of them) with a label, speaker and
// target, for measuring the window on a big store: `claimdesk import` of
// it builds the store. The same seed gives the same corpus. The first
// article's title is scaleFirstTitle; every sentence names a speaker, a
// verb and a noun from small lists, so a query like "peskov sanctions"
// finds claims in every article.
func writeScaleCorpus(path string, articles, claimsEach int, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	type span struct {
		Start   int    `json:"start"`
		End     int    `json:"end"`
		Label   string `json:"label"`
		Speaker string `json:"speaker"`
		Target  string `json:"target"`
	}
	enc := json.NewEncoder(out)
	for a := range articles {
		var text strings.Builder
		spans := make([]span, 0, claimsEach)
		for c := range claimsEach {
			switch {
			case c > 0 && c%4 == 0:
				text.WriteString("\n\n") // paragraphs of four sentences, as news has
			case c > 0:
				text.WriteString(" ")
			}
			speaker, target := pick(scaleSpeakers), pick(scaleTargets)
			// ASCII only: byte offsets are the code points the format asks for.
			sentence := fmt.Sprintf("%s %s that %s had %s the %s %s %s.", speaker, pick(scaleVerbs), target,
				pick(scalePast), pick(scaleAdjectives), pick(scaleNouns), pick(scalePlaces))
			start := text.Len()
			text.WriteString(sentence)
			spans = append(spans, span{start, text.Len(), scaleLabels[rng.IntN(len(scaleLabels))], speaker, target})
		}
		title := scaleFirstTitle
		if a > 0 {
			title = "Report " + strconv.Itoa(a+1) + ": " + pick(scaleTargets) + " and the " + pick(scaleNouns)
		}
		record := struct {
			Title string `json:"title"`
			Text  string `json:"text"`
			Spans []span `json:"spans"`
		}{title, text.String(), spans}
		if err := enc.Encode(record); err != nil {
			f.Close()
			return err
		}
	}
	if err := out.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// scaleFirstTitle is the title of the scale corpus's first article, the
// one a new window opens on.
const scaleFirstTitle = "Report 1: the first of many"

var (
	scaleLabels   = []string{"denial", "accusation", "praise"}
	scaleSpeakers = []string{"Dmitry Peskov", "Sergei Lavrov", "Maria Zakharova", "Antony Blinken",
		"Olaf Scholz", "Emmanuel Macron", "Jens Stoltenberg", "Wang Yi", "Keir Starmer", "Kaja Kallas"}
	scaleTargets = []string{"NATO", "the European Union", "Ukraine", "Russia", "the United States", "China",
		"the Kremlin", "Brussels", "the Pentagon", "the United Nations", "Western media", "Poland"}
	scaleVerbs = []string{"said", "denied", "claimed", "insisted", "warned", "alleged", "stressed", "argued"}
	scalePast  = []string{"violated", "supported", "undermined", "sabotaged", "financed", "provoked",
		"ignored", "escalated", "blocked", "staged", "fabricated", "leaked"}
	scaleAdjectives = []string{"new", "illegal", "hostile", "secret", "massive", "provocative", "baseless", "historic"}
	scaleNouns      = []string{"sanctions", "talks", "ceasefire", "agreement", "pipeline", "grain deal",
		"drone strikes", "propaganda", "negotiations", "summit", "blockade", "aid package", "peace plan"}
	scalePlaces = []string{"in Donbas", "near Kharkiv", "in the Black Sea", "on the border", "in Crimea",
		"last week", "at the summit", "behind closed doors"}
)

// TestWriteScaleCorpus writes the scale corpus where CLAIMDESK_SCALE_CORPUS
// says, for measuring by hand (README, Window at scale):
//
//	CLAIMDESK_SCALE_CORPUS=/tmp/scale.jsonl CLAIMDESK_SCALE_ARTICLES=1000 go test -run TestWriteScaleCorpus ./app/e2e/
func TestWriteScaleCorpus(t *testing.T) {
	path := os.Getenv("CLAIMDESK_SCALE_CORPUS")
	if path == "" {
		t.Skip("set CLAIMDESK_SCALE_CORPUS to a path (and CLAIMDESK_SCALE_ARTICLES, default 1000, of 100 claims each)")
	}
	articles := 1000
	if n := os.Getenv("CLAIMDESK_SCALE_ARTICLES"); n != "" {
		var err error
		if articles, err = strconv.Atoi(n); err != nil || articles < 1 {
			t.Fatalf("CLAIMDESK_SCALE_ARTICLES=%q: want a number of articles, at least 1", n)
		}
	}
	if err := writeScaleCorpus(path, articles, 100, 1); err != nil {
		t.Fatal(err)
	}
}

package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// newsGen makes realistic claims for tests and benchmarks: news-like
// sentences built from word lists, with speakers, targets, labels, notes,
// annotators and article titles, the way analysts' data looks.
type newsGen struct {
	rng *rand.Rand
}

func newNewsGen(seed uint64) *newsGen {
	return &newsGen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

var (
	genSpeakers = []string{
		"Dmitry Peskov", "Sergei Lavrov", "Maria Zakharova", "Vladimir Putin", "Donald Trump",
		"Antony Blinken", "Volodymyr Zelensky", "Olaf Scholz", "Emmanuel Macron", "Ursula von der Leyen",
		"Jens Stoltenberg", "Xi Jinping", "Wang Yi", "Recep Tayyip Erdoğan", "Benjamin Netanyahu",
		"Keir Starmer", "Kamala Harris", "Viktor Orbán", "Andrzej Duda", "Mark Rutte",
		"Josep Borrell", "Ali Khamenei", "Narendra Modi", "Lula da Silva", "Alexander Lukashenko",
		"Ramzan Kadyrov", "Dmytro Kuleba", "Annalena Baerbock", "Kaja Kallas", "Gabrielius Landsbergis",
	}
	genTargets = []string{
		"NATO", "the European Union", "Ukraine", "Russia", "the United States", "China", "the Kremlin",
		"the White House", "Kyiv", "Moscow", "Washington", "Brussels", "the Pentagon", "the IAEA",
		"the United Nations", "Wagner", "Gazprom", "the opposition", "Western media", "the BBC",
		"Germany", "France", "Poland", "the Baltic states", "Iran", "Israel", "Hamas", "Turkey",
		"the G7", "the OSCE",
	}
	genVerbs = []string{
		"said", "denied", "accused", "praised", "claimed", "rejected", "warned", "insisted",
		"dismissed", "welcomed", "condemned", "suggested", "admitted", "confirmed", "alleged",
		"stressed", "argued", "threatened", "promised", "blamed",
	}
	genPast = []string{
		"violated", "supported", "undermined", "sabotaged", "financed", "provoked", "ignored",
		"escalated", "negotiated", "blocked", "planned", "staged", "orchestrated", "welcomed",
		"exaggerated", "fabricated", "leaked", "approved", "delayed", "threatened",
	}
	genAdjectives = []string{
		"new", "illegal", "unprecedented", "so-called", "hostile", "peaceful", "military",
		"economic", "nuclear", "secret", "massive", "limited", "provocative", "baseless",
		"humanitarian", "strategic", "reckless", "historic", "coordinated", "false",
	}
	genNouns = []string{
		"sanctions", "talks", "attack", "offensive", "ceasefire", "agreement", "elections",
		"referendum", "pipeline", "grain deal", "weapons deliveries", "drone strikes", "troops",
		"propaganda", "disinformation", "investigation", "negotiations", "summit", "exercises",
		"blockade", "mobilisation", "aid package", "peace plan", "energy crisis", "refugees",
		"cyberattack", "embargo", "border", "security guarantees", "reparations",
	}
	genPlaces = []string{
		"in Donbas", "near Kharkiv", "in the Black Sea", "on the border", "in Crimea", "in Gaza",
		"at the summit in Vilnius", "in Brussels", "in the Baltic", "at the UN Security Council",
		"in Zaporizhzhia", "near Bakhmut", "in Transnistria", "in the Arctic", "in Belgrade",
	}
	genFillers = []string{
		"according to a statement published on Monday", "without providing any evidence",
		"in an interview with state television", "speaking to reporters in Moscow",
		"despite repeated warnings from allies", "as talks resumed in Geneva",
		"calling the reports absurd", "in a post on Telegram", "at a press briefing",
		"citing unnamed officials", "amid rising tensions", "for the second time this week",
	}
	genLabels     = []string{"denial", "accusation", "praise"}
	genAnnotators = []string{"anna", "ben", "chloé", "dmitri", "eva", ""}
	genNotes      = []string{
		"", "", "", "check the source", "repeated from TASS", "translated from Russian",
		"context: briefing", "see earlier claim", "contradicts official data", "hedged wording",
	}
)

func (g *newsGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// sentence is one claim quote, 12 to 35 words long.
func (g *newsGen) sentence() string {
	speaker := g.pick(genSpeakers)
	surname := speaker[strings.LastIndexByte(speaker, ' ')+1:]
	parts := []string{surname, g.pick(genVerbs), "that", g.pick(genTargets), "had", g.pick(genPast),
		"the", g.pick(genAdjectives), g.pick(genNouns), g.pick(genPlaces)}
	if g.rng.IntN(2) == 0 {
		parts = append(parts, "and", g.pick(genPast), g.pick(genTargets))
	}
	if g.rng.IntN(3) > 0 {
		parts = append(parts, ",", g.pick(genFillers))
	}
	s := strings.Join(parts, " ")
	s = strings.ReplaceAll(s, " ,", ",")
	return s + "."
}

func (g *newsGen) title() string {
	return fmt.Sprintf("%s %s %s over %s", g.pick(genTargets), g.pick(genVerbs), g.pick(genAdjectives), g.pick(genNouns))
}

// entries makes n claims spread over n/20 articles, updated over a year.
func (g *newsGen) entries(n int) []Entry {
	titles := make([]string, n/20+1)
	for i := range titles {
		titles[i] = g.title()
	}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Entry, n)
	for i := range out {
		art := g.rng.IntN(len(titles))
		quote := g.sentence()
		out[i] = Entry{
			ID: uint64(i + 1), ArticleID: uint64(art + 1), ArticleTitle: titles[art],
			Quote: quote, Label: g.pick(genLabels), Speaker: g.pick(genSpeakers), Target: g.pick(genTargets),
			Note: g.pick(genNotes), Annotator: g.pick(genAnnotators),
			Start: i * 7, End: i*7 + len([]rune(quote)),
			Updated: base.Add(time.Duration(g.rng.IntN(365*24*3600)) * time.Second),
		}
	}
	return out
}

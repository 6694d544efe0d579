package suggest

// resolvePronoun gives "he" or "she" the last named speaker; "they" and
// "it" are left unnamed, since the last speaker is seldom what they mean.
func resolvePronoun(s *statement, lastSpeaker string) {
	if !s.pronoun {
		return
	}
	if (s.speaker == "he" || s.speaker == "she") && lastSpeaker != "" {
		s.speaker = lastSpeaker
		return
	}
	s.speaker = ""
	s.conf = min(s.conf, confidenceNoSpeaker)
}

// attributionFound is a cue verb with the speaker and target it names.
type attributionFound struct {
	cue, speaker, target  string
	pronoun, hypothetical bool
	subjectAfter          bool // "said Peskov"
}

// attribution finds the cue verb of a zone (the words of a sentence
// outside its quotes) and its subject: the name before the verb, or after
// it ("said Peskov"). nearestLast scans from the end, for the words
// before a quote, where the verb nearest to the quote governs it.
func (p *paragraph) attribution(zone []word, nearestLast bool) (attributionFound, bool) {
	var fallback attributionFound
	found := false
	for k := range zone {
		i := k
		if nearestLast {
			i = len(zone) - 1 - k
		}
		if zone[i].punct {
			continue
		}
		cue, n := p.cues.verbAt(zone, i)
		if cue == "" {
			continue
		}
		a := attributionFound{cue: cue}
		a.hypothetical = p.hypotheticalBefore(zone, i)
		a.speaker, a.pronoun = p.subjectBefore(zone, i)
		if a.speaker == "" && !a.pronoun {
			a.speaker, a.pronoun = p.subjectAfter(zone[min(i+n, len(zone)):])
			a.subjectAfter = a.speaker != "" || a.pronoun
		} else if p.cues.Verbs[cue] != "" {
			a.target, _ = nounPhrase(skipDeterminers(zone[min(i+n, len(zone)):], p.cues), p.cues, p.text)
		}
		if a.speaker != "" || a.pronoun {
			return a, true
		}
		if !found {
			fallback, found = a, true
		}
	}
	return fallback, found
}

// hypotheticalBefore reports "if", "would", "could" … among the three
// words before the verb at i: a statement imagined, not made.
func (p *paragraph) hypotheticalBefore(zone []word, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if zone[j].punct {
			break
		}
		if p.cues.hypothetical[zone[j].lower] {
			return true
		}
	}
	return false
}

// subjectBefore walks back from the verb at i over time words and
// auxiliaries ("on Wednesday", "has repeatedly") to the name before them:
// capitalised words and titles ("Kremlin spokesman Dmitry Peskov"), and
// lower-case words before those when they reach back to the start of the
// clause ("opposition leader Marta Ruiz", after a comma).
func (p *paragraph) subjectBefore(zone []word, i int) (string, bool) {
	j := i - 1
	for skipped := 0; j >= 0 && skipped < 5 && !zone[j].punct && p.cues.subjectSkip[zone[j].lower]; skipped++ {
		j--
	}
	if j < 0 || zone[j].punct {
		return "", false
	}
	if p.cues.pronouns[zone[j].lower] {
		return zone[j].lower, true
	}
	end := j + 1
	for j >= 0 && !zone[j].punct && (zone[j].capital || p.cues.titles[zone[j].lower]) {
		j--
	}
	k := j
	for k >= 0 && j-k < maxModifierWords && !zone[k].punct && !p.cues.hypothetical[zone[k].lower] && !p.cues.isVerb(zone[k].lower) {
		k--
	}
	if k < 0 || zone[k].punct {
		j = k
	}
	if name := phrase(zone[j+1:end], p.cues, p.text); name != "" {
		return name, false
	}
	return p.commonSubject(zone, i), false
}

// commonSubject reads a subject without a name that opens its clause with
// an article: "The league", "A ministry spokesman", "The delegation of the
// largest emitter" (at most maxCommonSubjectWords words).
func (p *paragraph) commonSubject(zone []word, verb int) string {
	j := verb - 1
	for j >= 0 && verb-j <= maxCommonSubjectWords && !zone[j].punct && !p.cues.isVerb(zone[j].lower) && !p.cues.hypothetical[zone[j].lower] {
		j--
	}
	if j >= 0 && !zone[j].punct || j+1 >= verb || !p.cues.determiners[zone[j+1].lower] || p.cues.pronouns[zone[verb-1].lower] {
		return ""
	}
	ws := zone[j+2 : verb]
	for len(ws) > 0 && p.cues.subjectSkip[ws[len(ws)-1].lower] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return ""
	}
	return string(p.text[ws[0].start:ws[len(ws)-1].end])
}

const maxCommonSubjectWords = 7

// maxModifierWords bounds the lower-case words taken before a name.
const maxModifierWords = 3

// subjectAfter reads the name after a verb that comes first ("said
// Karin Lund, who led", "said port authority chief Lars Dahl."): the words
// up to the next mark, if a capitalised one ends them.
func (p *paragraph) subjectAfter(ws []word) (string, bool) {
	if len(ws) > 0 && p.cues.pronouns[ws[0].lower] {
		return ws[0].lower, true
	}
	n := 0
	for n < len(ws) && n < 6 && !ws[n].punct && (n == 0 || !p.cues.subjectSkip[ws[n].lower]) {
		n++
	}
	for n > 0 && !ws[n-1].capital {
		n--
	}
	return phrase(ws[:n], p.cues, p.text), false
}

// nounPhrase reads the name at the start of ws: capitalised words and
// titles ("Kremlin spokesman Dmitry Peskov"), or a pronoun.
func nounPhrase(ws []word, cues *Cues, text []rune) (string, bool) {
	if len(ws) == 0 || ws[0].punct {
		return "", false
	}
	if cues.pronouns[ws[0].lower] {
		return ws[0].lower, true
	}
	n := 0
	for n < len(ws) && !ws[n].punct && (ws[n].capital || cues.titles[ws[n].lower]) && !cues.subjectSkip[ws[n].lower] {
		n++
	}
	return phrase(ws[:n], cues, text), false
}

func skipDeterminers(ws []word, cues *Cues) []word {
	for len(ws) > 0 && cues.determiners[ws[0].lower] {
		ws = ws[1:]
	}
	return ws
}

// phrase is the text of a name's words, without a leading determiner or
// title-less joiner ("of") and only if a capitalised word names someone.
func phrase(ws []word, cues *Cues, text []rune) string {
	for len(ws) > 0 && (cues.determiners[ws[0].lower] || ws[0].lower == "of" || ws[0].lower == "for") {
		ws = ws[1:]
	}
	for len(ws) > 0 && (ws[len(ws)-1].lower == "of" || ws[len(ws)-1].lower == "for") {
		ws = ws[:len(ws)-1]
	}
	named := false
	for _, w := range ws {
		named = named || w.capital
	}
	if !named {
		return ""
	}
	return string(text[ws[0].start:ws[len(ws)-1].end])
}

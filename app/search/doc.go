// Package search is Claimdesk's fuzzy index over every past claim: the engine
// behind the Ctrl+K palette, the article-list filter and `claimdesk search`.
//
// # What matches
//
// A claim is searched through its fields: quote, label, speaker, target,
// note, annotator and article title. A query is free words plus field
// filters:
//
//	trump putin praise                 every word must match, in any order
//	label:denial speaker:peskov        filters combine with words
//	speaker:"dmitry peskov"            quoted values may hold spaces
//	"praised trump"                    a quoted phrase is one word
//
// Each free word must match one of the fields the way github.com/sahilm/fuzzy
// matches it: its characters appear in that field in order, not necessarily
// together, ignoring case by Unicode simple folding. Different words may
// match different fields, but a word is not matched across fields: over the
// joined fields of a claim nearly any short word would be found somewhere,
// letter by letter.
//
// The package does not call fuzzy.Find for every candidate, because that
// cannot answer a keystroke over 100,000 claims within one frame. It runs an
// exact restatement of fuzzy.Find's rule (subsequence in match.go) over text
// folded once at indexing, and calls fuzzy.Find to mark the matched
// characters of the results shown. Tests check that both find the same.
//
// Filter values (label:, speaker:, target:, article: for the title,
// annotator:) match as case-insensitive substrings of their field, not
// fuzzily: a field is short, so a fuzzy value such as label:a would let nearly
// everything through, while a substring is what people expect when they name
// a speaker. An empty value (speaker:) filters nothing; when a key is given
// twice, the last value counts.
//
// # Ranking
//
// Per word, an occurrence as a whole word counts most, then as the start of a
// word, then anywhere inside one; a word whose characters are only scattered
// counts nothing. A word the claim's quote holds earns a point more than one
// found only in its other fields or its article's title, so that among
// claims whose words are found equally well, those that say them come
// first. Words whose first occurrences come in the order they were typed
// earn a small bonus. Ties go to the most recently updated claim, then
// the higher id. A query with no words lists the claims its filters allow,
// newest first. Result.Score is this score.
//
// # Speed
//
// Every candidate carries bit masks of the characters it holds, of those that
// start its words and of its one-letter words: a candidate lacking a letter
// of the query is skipped before any matching, and a one-letter word is
// ranked without reading the text. The candidates are split across all
// cores, and only the best results are kept (a bounded heap).
//
// A Session, one per search box, remembers the claims that matched recent
// queries, with their scores word by word. A query that narrows one of them
// (the usual case while typing: a word grows, a word or a filter is added)
// is answered from those claims alone, evaluating only the words that
// changed; a word that grew by a letter resumes its match where the shorter
// word's ended. A candidate whose score cannot beat the worst result kept
// so far, judged from its scores alone (a word found only inside words
// stays inside as it grows, one only scattered stays scattered), is passed
// on unread, and a later query resumes it from the scores it has. Any
// change of the index drops what a Session remembers, so an answer is
// never stale.
package search

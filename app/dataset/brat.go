package dataset

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/transform"
)

// parseBratFiles reads a brat pair from disk: annPath and the .txt of the
// same name. The types of the visual.conf brat would use for it (in its
// folder or one above) are mapped back to the label names written there.
func parseBratFiles(annPath string, opts BratOptions) ([]Document, []Problem, error) {
	txtPath := siblingWithExt(annPath, ".txt")
	if !fileExists(txtPath) {
		return nil, nil, Problem{File: annPath, Message: "no " + txtPath + " next to it: a brat .ann file is read with the .txt of the same name"}
	}
	text, err := readArticleFile(txtPath, false)
	if err != nil {
		return nil, nil, err
	}
	ann, err := readArticleFile(annPath, true)
	if err != nil {
		return nil, nil, err
	}
	if conf, ok := bratVisualConf(filepath.Dir(annPath)); ok {
		if opts.LabelNames == nil {
			opts.LabelNames = BratLabelNames(conf)
		}
		if opts.Annotator == "" {
			opts.Annotator = BratAnnotator(conf)
		}
	}
	return ParseBratWith(txtPath, annPath, text, ann, opts)
}

// readArticleFile reads a file of at most MaxArticleFileSize bytes.
func readArticleFile(path string, emptyOK bool) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, FileProblem(path, err)
	}
	if !(emptyOK && info.Size() == 0) {
		if err := checkSize(formatBrat, info.Size()); err != nil {
			return nil, FileProblem(path, err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, FileProblem(path, err)
	}
	return data, nil
}

// BratOptions tell ParseBratWith how to read a corpus's types, events and
// relations. The zero value reads with the defaults.
type BratOptions struct {
	// SpeakerRoles and TargetRoles name the event roles, relation roles
	// and relation types whose span is the speaker or the target of the
	// claims an event or relation links it to; case does not matter, nor a
	// number ending a role (Source2). Empty means DefaultSpeakerRoles and
	// DefaultTargetRoles.
	SpeakerRoles, TargetRoles []string
	// TriggerLabels are the types (or the label names they map back to)
	// whose event triggers are claims of their own; in any case. Other
	// spans that are only an event's trigger are not claims: they mark the
	// event, and usually repeat a span of its own. The importer passes the
	// FROM names of --map.
	TriggerLabels []string
	// LabelNames maps brat types to label names (BratLabelNames); nil
	// leaves types as they are. ParseFile reads it from visual.conf.
	LabelNames map[string]string
	// Annotator is whose claims the pair holds, when a Claimdesk export's
	// visual.conf names the annotator of its collection (BratAnnotator);
	// ParseFile reads it from there. brat's files carry no annotator.
	Annotator string
}

// DefaultSpeakerRoles and DefaultTargetRoles are the role names of
// attribution and opinion corpora: Source–Cue–Content events (PARC),
// Agent in event corpora, Holder–Target in opinion corpora (MPQA).
var (
	DefaultSpeakerRoles = []string{"Source", "Speaker", "Agent", "Holder"}
	DefaultTargetRoles  = []string{"Target"}
)

// ParseBrat parses a brat standoff pair with the default BratOptions.
func ParseBrat(textName, annName string, text, ann []byte) ([]Document, []Problem, error) {
	return ParseBratWith(textName, annName, text, ann, BratOptions{})
}

// ParseBratWith parses a brat standoff pair: the article text (the .txt)
// and its annotations (the .ann). Offsets count code points of the .txt as
// brat reads it (a UTF-8 byte-order mark counts, CRs count); when a T line's
// quote shows another count was used, that is detected and reported.
// Text-bound annotations (T) become spans; fragments, in any order, that
// touch or are separated only by white space or line breaks make one span,
// and the quote is checked as brat checks it (the fragments' texts in the
// order listed, joined by a space). AnnotatorNotes in the form
// ParseBratNote reads, and notes or attributes named Speaker, Target or
// Note, fill those fields; so do events and relations (see BratOptions).
// Problems name the .ann line. An empty .ann is an article without claims.
func ParseBratWith(textName, annName string, text, ann []byte, opts BratOptions) ([]Document, []Problem, error) {
	if err := checkSize(formatBrat, int64(len(text))); err != nil {
		return nil, nil, FileProblem(textName, err)
	}
	if len(ann) > MaxArticleFileSize {
		return nil, nil, FileProblem(annName, checkSize(formatBrat, int64(len(ann))))
	}
	raw, fromUTF16, err := articleText(text)
	if err != nil {
		return nil, nil, FileProblem(textName, err)
	}
	if strings.TrimSpace(raw) == "" {
		return nil, nil, Problem{File: textName, Message: "no text"}
	}
	annText, err := decodeAnn(ann)
	if err != nil {
		return nil, nil, FileProblem(annName, err)
	}
	spans, problems := parseAnn(annName, annText, raw, opts)
	d := draft{file: annName, source: textName, text: raw, spans: spans, bomConsumed: fromUTF16}
	doc, more, err := d.finish()
	if err != nil {
		return nil, nil, err
	}
	return []Document{doc}, sortProblems(append(problems, more...)), nil
}

// decodeAnn decodes a .ann file; a byte-order mark there belongs to the
// file, not to any annotation.
func decodeAnn(ann []byte) (string, error) {
	if hasUTF16BOM(ann) {
		var err error
		if ann, _, err = transform.Bytes(utf16Decoder(), ann); err != nil {
			return "", fmt.Errorf("decoding UTF-16: %w", err)
		}
	}
	ann = bytes.TrimPrefix(ann, bomUTF8)
	if err := checkText(ann, false); err != nil {
		return "", err
	}
	return string(ann), nil
}

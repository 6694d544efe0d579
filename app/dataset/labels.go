package dataset

import (
	"fmt"
	"regexp"
	"strings"

	"claimdesk/storage"
)

// newLabelColours are given to labels that arrive with the data, in order:
// the rest of the Okabe–Ito palette (the defaults take its blue, vermillion
// and bluish green), then Paul Tol's "muted" scheme; both stay apart for
// people with colour-blindness. Colours some label has are passed over.
var newLabelColours = []string{
	"#E69F00", "#56B4E9", "#F0E442", "#CC79A7", "#000000",
	"#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
	"#DDCC77", "#CC6677", "#882255", "#AA4499",
}

// maxLabelName is the store's limit for a label's name, in characters.
const maxLabelName = 64

var whiteSpaceRun = regexp.MustCompile(`\s+`)

// labelResolver maps the labels that arrive with the data to the store's:
// through the user's LabelMap, to an existing label of the same name (in any
// case), or to a new label it creates.
type labelResolver struct {
	store    *storage.Store
	mapping  map[string]string // incoming name -> existing label
	existing map[string]string // lower-cased name -> name
	colours  map[string]bool
	said     map[string]bool // incoming names already reported
	created  int             // labels created so far
	// report returns where to write what the resolver did: the report
	// entries of the file being imported, which wait for its articles.
	report func() *Report
}

func newLabelResolver(store *storage.Store, labelMap map[string]string, report func() *Report) (*labelResolver, error) {
	labels, err := store.Labels()
	if err != nil {
		return nil, fmt.Errorf("reading labels: %w", err)
	}
	lr := &labelResolver{store: store, mapping: map[string]string{}, existing: map[string]string{},
		colours: map[string]bool{}, said: map[string]bool{}, report: report}
	for _, l := range labels {
		lr.existing[strings.ToLower(l.Name)] = l.Name
		lr.colours[strings.ToUpper(l.Colour)] = true
	}
	for from, to := range labelMap {
		name, ok := lr.existing[strings.ToLower(strings.TrimSpace(to))]
		if !ok {
			return nil, fmt.Errorf("label map %s=%s: there is no label %q (%w)", from, to, to, storage.ErrNotFound)
		}
		lr.mapping[strings.ToLower(strings.TrimSpace(from))] = name
	}
	return lr, nil
}

// resolve returns the stored label for an incoming one, creating it when
// needed; where names change, the report says so once per name.
func (lr *labelResolver) resolve(incoming, file string) (string, error) {
	in := strings.TrimSpace(incoming)
	if name, ok := lr.lookup(in); ok {
		lr.tell(in, name, file, "imported as the existing label %q")
		return name, nil
	}
	valid := validLabelName(in)
	if name, ok := lr.lookup(valid); ok {
		lr.tell(in, name, file, "imported as the existing label %q (label names have no white space and at most 64 characters)")
		return name, nil
	}
	colour := lr.nextColour()
	err := lr.store.AddLabel(storage.Label{Name: valid, Colour: colour, Description: "came with " + file})
	if err != nil {
		return "", fmt.Errorf("label %q cannot be created: %w", in, err)
	}
	lr.existing[strings.ToLower(valid)] = valid
	lr.colours[colour] = true
	lr.created++
	out := lr.report()
	out.CreatedLabels = append(out.CreatedLabels, valid)
	lr.tell(in, valid, file, "created as %q (label names have no white space and at most 64 characters)")
	return valid, nil
}

func (lr *labelResolver) lookup(name string) (string, bool) {
	key := strings.ToLower(name)
	if to, ok := lr.mapping[key]; ok {
		return to, true
	}
	to, ok := lr.existing[key]
	return to, ok
}

// tell reports a label that arrives under another name, once; the user's
// own mappings and exact matches need no word.
func (lr *labelResolver) tell(in, name, file, format string) {
	if in == name || lr.said[in] {
		return
	}
	if _, mapped := lr.mapping[strings.ToLower(in)]; mapped {
		return
	}
	lr.said[in] = true
	out := lr.report()
	out.Warnings = append(out.Warnings, Problem{File: file, Warning: true,
		Message: fmt.Sprintf("label %q ", in) + fmt.Sprintf(format, name)})
}

func (lr *labelResolver) nextColour() string {
	for _, c := range newLabelColours {
		if !lr.colours[c] {
			return c
		}
	}
	return newLabelColours[lr.created%len(newLabelColours)]
}

// validLabelName turns white space into "_" and cuts the name to the
// store's limit, since brat and CoNLL cannot carry either.
func validLabelName(name string) string {
	name = whiteSpaceRun.ReplaceAllString(strings.TrimSpace(name), "_")
	if r := []rune(name); len(r) > maxLabelName {
		name = string(r[:maxLabelName])
	}
	return name
}

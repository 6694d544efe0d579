package importer

import (
	"fmt"
	"strings"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// labelResolver maps the labels that arrive with the data to the store's:
// through the user's LabelMap, to an existing label of the same name (in any
// case), or to a new label it creates.
type labelResolver struct {
	store    *storage.Store
	mapping  map[string]string // incoming name -> existing label
	existing map[string]string // lower-cased name -> name
	labels   []storage.Label   // every label, to pick a new one's colour
	said     map[string]bool   // incoming names already reported
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
		labels: labels, said: map[string]bool{}, report: report}
	for _, l := range labels {
		lr.existing[strings.ToLower(l.Name)] = l.Name
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

// nameRule explains why an incoming label was renamed: it states what
// storage.LabelName makes of a name.
var nameRule = fmt.Sprintf(" (label names have no white space and at most %d characters)", storage.MaxLabelName)

// resolve returns the stored label for an incoming one, creating it when
// needed; where names change, the report says so once per name.
func (lr *labelResolver) resolve(incoming, file string) (string, error) {
	in := strings.TrimSpace(incoming)
	if name, ok := lr.lookup(in); ok {
		lr.tell(in, name, file, "imported as the existing label %q")
		return name, nil
	}
	valid := storage.LabelName(in)
	if name, ok := lr.lookup(valid); ok {
		lr.tell(in, name, file, "imported as the existing label %q"+nameRule)
		return name, nil
	}
	label := storage.Label{Name: valid, Colour: storage.NextLabelColour(lr.labels), Description: "came with " + file}
	if err := lr.store.AddLabel(label); err != nil {
		return "", fmt.Errorf("label %q cannot be created: %w", in, err)
	}
	lr.existing[strings.ToLower(valid)] = valid
	lr.labels = append(lr.labels, label)
	out := lr.report()
	out.CreatedLabels = append(out.CreatedLabels, valid)
	lr.tell(in, valid, file, "created as %q"+nameRule)
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
	out.Warnings = append(out.Warnings, dataset.Problem{File: file, Warning: true,
		Message: fmt.Sprintf("label %q ", in) + fmt.Sprintf(format, name)})
}

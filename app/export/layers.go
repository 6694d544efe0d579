package export

import (
	"maps"
	"slices"
	"sort"

	"claimdesk/storage"
)

// layer is one annotator's claims on one article, in text order.
type layer struct {
	annotator string
	claims    []storage.Claim
}

// layersOf splits an article's claims by annotator, the analyst with no
// name first and then by name, so every export lists layers the same way.
// Formats that hold one annotation per annotator (Label Studio) or one
// collection per annotator (brat) are written from it.
func layersOf(claims []storage.Claim) []layer {
	byName := map[string][]storage.Claim{}
	for _, c := range claims {
		byName[c.Annotator] = append(byName[c.Annotator], c)
	}
	out := make([]layer, 0, len(byName))
	for name, cs := range byName {
		out = append(out, layer{annotator: name, claims: cs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].annotator < out[j].annotator })
	return out
}

// annotatorsOf lists the annotators of every claim in the parts, sorted.
func annotatorsOf(parts []part) []string {
	seen := map[string]bool{}
	for _, p := range parts {
		for _, d := range p.docs {
			for _, c := range d.Claims {
				seen[c.Annotator] = true
			}
			for _, name := range d.storedBy {
				seen[name] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

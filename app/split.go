package app

import (
	"fmt"
	"strconv"
	"strings"

	"claimdesk/app/export"
)

// parseSplitText reads "80/10/10" and a seed; empty means no split.
func parseSplitText(text, seedText string) (export.Split, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return export.Split{}, nil
	}
	parts := strings.Split(text, "/")
	if len(parts) != 3 {
		return export.Split{}, fmt.Errorf("split %q: write three percentages, train/dev/test, e.g. 80/10/10", text)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 {
			return export.Split{}, fmt.Errorf("split %q: %q is not a percentage", text, p)
		}
		n[i] = v
	}
	if n[0]+n[1]+n[2] != 100 {
		return export.Split{}, fmt.Errorf("split %q adds up to %d, not 100", text, n[0]+n[1]+n[2])
	}
	seed, err := strconv.ParseInt(strings.TrimSpace(seedText), 10, 64)
	if err != nil {
		return export.Split{}, fmt.Errorf("seed %q is not a whole number", seedText)
	}
	return export.Split{Train: n[0], Dev: n[1], Test: n[2], Seed: seed}, nil
}

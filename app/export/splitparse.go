package export

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSplit reads a split as people write it, "80/10/10" (train/dev/test
// percentages); "" means no split. The command line and the window share it.
func ParseSplit(text string, seed int64) (Split, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Split{}, nil
	}
	parts := strings.Split(text, "/")
	if len(parts) != 3 {
		return Split{}, fmt.Errorf("split %q: want three percentages TRAIN/DEV/TEST, e.g. 80/10/10", text)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 {
			return Split{}, fmt.Errorf("split %q: %q is not a percentage", text, p)
		}
		n[i] = v
	}
	s := Split{Train: n[0], Dev: n[1], Test: n[2], Seed: seed}
	if sum := n[0] + n[1] + n[2]; sum != 100 {
		return Split{}, fmt.Errorf("split %q adds up to %d, not 100", text, sum)
	}
	return s, nil
}

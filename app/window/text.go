package window

import (
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

// oneLine folds white space so a multi-line quote fits a list row.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

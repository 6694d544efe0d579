// Package posixlocale keeps Fyne quiet under the C/POSIX locale that
// servers, containers and CI machines run with. Fyne reads the locale while
// its packages initialise and logs "Error parsing user locale C" for every
// run, which would land on the stderr of every command-line call.
//
// Go initialises packages in import-path order once their dependencies are
// ready; this package depends only on os and strings and its path sorts
// before fyne.io, so its init runs before Fyne's. Import it from main for
// its side effect.
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	if IsPOSIX(Effective(os.Getenv)) {
		// LANGUAGE is read first by the locale lookup and only chooses
		// message translations, so nothing else changes.
		_ = os.Setenv("LANGUAGE", "en")
	}
}

// Effective is the locale that message lookup uses: the first set of
// LANGUAGE, LC_ALL, LC_MESSAGES and LANG.
func Effective(getenv func(string) string) string {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// IsPOSIX reports whether locale is the C/POSIX locale (or none), which
// names no language.
func IsPOSIX(locale string) bool {
	name, _, _ := strings.Cut(locale, ".")
	return name == "" || name == "C" || name == "POSIX"
}

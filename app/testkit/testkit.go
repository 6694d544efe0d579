// Package testkit holds what the tests of several packages share: golden
// files with one -update flag and diffs a person can read, and the outside
// checkers (python3) that a test may only skip on a developer's machine,
// never under CI.
package testkit

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pmezard/go-difflib/difflib"
)

// update rewrites golden files instead of comparing with them:
// go test ./... -update
var update = flag.Bool("update", false, "rewrite golden files with what the code produces now")

// Updating reports whether this run rewrites golden files.
func Updating() bool { return *update }

// Golden compares got with the file at path, or writes it there under
// -update. A difference is printed line by line, - for the golden file
// and + for what the code produced.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (-golden +now; go test -update if the change is meant):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff shows two texts line by line; line ends and tabs are made visible,
// since the formats differ by them too.
func Diff(want, got string) string {
	visible := strings.NewReplacer("\r", `\r`, "\t", `\t`)
	d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: difflib.SplitLines(visible.Replace(want)), B: difflib.SplitLines(visible.Replace(got)),
		FromFile: "golden", ToFile: "now", Context: 3,
	})
	if err != nil {
		return err.Error()
	}
	return d
}

// Python returns the path of python3. Missing, it skips the test on a
// developer's machine but fails it under CI (CI=true), where make test has
// installed it: a check that silently does not run is no check.
func Python(t testing.TB) string {
	t.Helper()
	return Tool(t, "python3")
}

// Tool returns the path of a program make test installs (python3, git).
// Missing, it skips the test on a developer's machine but fails it under
// CI (CI=true).
func Tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is needed under CI (make test installs it): %v", name, err)
	}
	t.Skipf("%s not found (%v); this check runs in CI", name, err)
	return ""
}

// PythonWith returns the path of a python3 that imports module (a Debian
// package such as python3-nltk, in the Makefile's deps). The python3 first
// on the PATH may be another installation (pyenv, a virtual environment)
// without Debian's packages, so Debian's own is tried after it. Missing,
// it skips the test on a developer's machine but fails it under CI, like
// Python.
func PythonWith(t testing.TB, module string) string {
	t.Helper()
	var tried []string
	for _, py := range []string{Python(t), debianPython} {
		out, err := exec.Command(py, "-c", "import "+module).CombinedOutput()
		if err == nil {
			return py
		}
		tried = append(tried, fmt.Sprintf("%s: %v %s", py, err, strings.TrimSpace(string(out))))
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("no python3 imports %s under CI (make deps installs it):\n%s", module, strings.Join(tried, "\n"))
	}
	t.Skipf("no python3 imports %s; this check runs in CI", module)
	return ""
}

// debianPython is where Debian installs python3, and with it the python3-*
// packages the Makefile's deps install.
const debianPython = "/usr/bin/python3"

//go:embed brat_check.py
var bratCheck string

// CheckBrat reads every .ann under dir with brat's own rules for type
// names, configuration lines, line ends and fragments (brat_check.py, run
// by python3) and returns how many T lines it checked; the test fails on
// the first thing brat would flag or lose.
func CheckBrat(t testing.TB, dir string) int {
	t.Helper()
	cmd := exec.Command(Python(t), "-", dir)
	cmd.Stdin = strings.NewReader(bratCheck)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("brat's rules: %v\n%s", err, out)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("brat_check.py said %q", out)
	}
	return n
}

package testkit

import (
	"os"
	"os/exec"
	"testing"
)

// PythonModule returns the path of a python3 that imports module (e.g.
// "sklearn", from Debian's python3-sklearn). Missing, it skips the test on
// a developer's machine but fails it under CI, where make deps installs it.
func PythonModule(t testing.TB, module string) string {
	t.Helper()
	python := Python(t)
	out, err := exec.Command(python, "-c", "import "+module).CombinedOutput()
	if err == nil {
		return python
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("python3 module %s is needed under CI (make deps installs it): %v\n%s", module, err, out)
	}
	t.Skipf("python3 module %s not found; this check runs in CI", module)
	return ""
}

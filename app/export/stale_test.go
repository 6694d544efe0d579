package export

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// swapHolders lists the hidden folders a brat export into root stages in,
// beside root.
func swapHolders(t *testing.T, root string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(root), holderPrefix(root)+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// stagingFolders lists the staging folders in root.
func stagingFolders(t *testing.T, root string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(root, stagePrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// TestStagingHelperProcess is not a test: TestKilledExportIsSweptLiveOneKept
// runs the test binary with it as an export that stops after its first
// article, its files half staged, and waits there until it is killed.
func TestStagingHelperProcess(t *testing.T) {
	root, ready := os.Getenv("CLAIMDESK_STAGING_ROOT"), os.Getenv("CLAIMDESK_STAGING_READY")
	if root == "" || ready == "" {
		t.Skip("runs only as the helper process of TestKilledExportIsSweptLiveOneKept")
	}
	opts := Options{Format: "brat", Progress: func(done, _ int) {
		if done == 1 {
			if err := os.WriteFile(ready, nil, 0o644); err != nil {
				t.Error(err)
			}
			select {} // hold the export here until killed
		}
	}}
	_, err := Write(context.Background(), fixture(t), root, opts)
	t.Fatalf("the export was to wait until killed; it returned %v", err)
}

// TestKilledExportIsSweptLiveOneKept: an export running in another process
// keeps its staging folder while other exports write into the same folder;
// once it is killed with SIGKILL, the next export removes what it left.
func TestKilledExportIsSweptLiveOneKept(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs flock")
	}
	root := filepath.Join(t.TempDir(), "brat")
	ready := filepath.Join(t.TempDir(), "ready")
	helper := exec.Command(os.Args[0], "-test.run=^TestStagingHelperProcess$", "-test.count=1")
	helper.Env = append(os.Environ(), "CLAIMDESK_STAGING_ROOT="+root, "CLAIMDESK_STAGING_READY="+ready)
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			_ = helper.Process.Kill()
			_ = helper.Wait()
		}
	})
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the helper export did not reach its first article in a minute")
		}
	}
	live := swapHolders(t, root)
	if len(live) != 1 {
		t.Fatalf("the helper's staging folders: %v, want one", live)
	}
	if half := readTree(t, live[0]); len(half) < 2 {
		t.Fatalf("the helper staged %v; the test needs half-written files", sortedNames(half))
	}

	opts := Options{Format: "brat"}
	if _, err := Write(context.Background(), fixture(t), root, opts); err != nil {
		t.Fatal(err)
	}
	if got := swapHolders(t, root); len(got) != 1 || got[0] != live[0] {
		t.Fatalf("a running export's staging folder was touched: %v, want %v", got, live)
	}

	if err := helper.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()
	killed = true
	if _, err := Write(context.Background(), fixture(t), root, opts); err != nil {
		t.Fatal(err)
	}
	if got := swapHolders(t, root); len(got) != 0 {
		t.Errorf("the killed export's staging folder is still there: %v", got)
	}
}

// TestStaleStagingFolders: which folders a sweep removes, by their owner
// file and their age. Locks are taken in this process on a file of their
// own: flock locks belong to an open file, so they conflict here too.
func TestStaleStagingFolders(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs flock")
	}
	old := time.Now().Add(-2 * ownerlessAge)
	tests := []struct {
		name    string
		owner   string // content of the owner file; "-" for none
		locked  bool
		aged    bool // every file and the folder last changed long ago
		removed bool
	}{
		{"owner gone, lock free", "claimdesk export, process 1\n", false, false, true},
		{"owner running", "claimdesk export, process 1\n", true, false, false},
		{"owner running for long", "claimdesk export, process 1\n", true, true, false},
		{"owner file just created, not yet locked", "", false, false, false},
		{"owner killed before it locked", "", false, true, true},
		{"no owner file, written by an older Claimdesk long ago", "-", false, true, true},
		{"no owner file, new", "-", false, false, false},
	}
	root := t.TempDir()
	dirs := map[string]string{}
	for _, tc := range tests {
		dir, err := os.MkdirTemp(root, stagePrefix+"*")
		if err != nil {
			t.Fatal(err)
		}
		dirs[tc.name] = dir
		staged := filepath.Join(dir, stagedDir, "0001-half.txt")
		if err := os.MkdirAll(filepath.Dir(staged), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(staged, []byte("half a"), 0o644); err != nil {
			t.Fatal(err)
		}
		if tc.owner != "-" {
			if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(tc.owner), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if tc.locked {
			f, err := os.Open(filepath.Join(dir, ownerFile))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			if err := lockOwner(f); err != nil {
				t.Fatal(err)
			}
		}
		if tc.aged {
			for _, p := range []string{staged, filepath.Dir(staged), filepath.Join(dir, ownerFile), dir} {
				_ = os.Chtimes(p, old, old)
			}
		}
	}
	not := filepath.Join(root, "claimdesk-export-not-ours")
	if err := os.Mkdir(not, 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.Chtimes(not, old, old)

	if _, err := Write(context.Background(), fixture(t), filepath.Join(root, "out.csv"), Options{Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		_, err := os.Stat(dirs[tc.name])
		if gone := os.IsNotExist(err); gone != tc.removed {
			t.Errorf("%s: removed %v, want %v", tc.name, gone, tc.removed)
		}
	}
	if _, err := os.Stat(not); err != nil {
		t.Errorf("a folder of another name was removed: %v", err)
	}
}

// TestOwnerFileSaysWho: a person who finds a staging folder learns which
// process is writing it; the export removes it, owner file and all.
func TestOwnerFileSaysWho(t *testing.T) {
	root := t.TempDir()
	o, err := newOutput(root)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(o.stage, ownerFile))
	if err != nil || !strings.Contains(string(data), "claimdesk export, process ") {
		t.Errorf("owner file: %q, %v", data, err)
	}
	o.abort()
	if got := stagingFolders(t, root); len(got) != 0 {
		t.Errorf("abort left %v", got)
	}
}

// An export killed between the two renames that swap a brat folder in
// leaves the analyst's previous folder inside its holder and none at the
// destination: the next export puts it back before anything else.
func TestKilledSwapPutsThePreviousFolderBack(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs flock")
	}
	root := filepath.Join(t.TempDir(), "brat")
	if _, err := Write(context.Background(), fixture(t), root, Options{Format: "brat"}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, root)
	holder := filepath.Join(filepath.Dir(root), holderPrefix(root)+"killed")
	if err := os.Mkdir(holder, 0o755); err != nil {
		t.Fatal(err)
	}
	owner, err := claimStage(holder)
	if err != nil {
		t.Fatal(err)
	}
	owner.Close() // its process is gone: the lock with it
	if err := os.Rename(root, filepath.Join(holder, previousName)); err != nil {
		t.Fatal(err)
	}

	sweepStaleSwaps(root, "")
	if got := readTree(t, root); len(got) != len(before) {
		t.Fatalf("after the sweep %s holds %v, want the previous export back", root, sortedNames(got))
	}
	if left := swapHolders(t, root); len(left) != 0 {
		t.Errorf("the killed export's holder is still there: %v", left)
	}
}

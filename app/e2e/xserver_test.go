package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// display is one Xvfb server owned by a test.
type display struct {
	t      *testing.T
	name   string
	saving sync.WaitGroup // screenshots being written
}

func startXvfb(t *testing.T) *display { t.Helper(); return startXvfbSized(t, "1280x800") }

// startXvfbSized starts a server whose one screen is size ("1024x700").
func startXvfbSized(t *testing.T, size string) *display {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool", "xwd"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run `make deps`", tool)
		}
	}
	for n := 91; n < 140; n++ {
		if displayInUse(n) {
			continue
		}
		name := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", name, "-screen", "0", size+"x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// SIGTERM lets Xvfb remove its socket and lock file; killed, it
		// leaves them behind and the display looks taken to the next run.
		t.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() })
		d := &display{t: t, name: name}
		t.Cleanup(d.saving.Wait)
		if d.waitReady() {
			return d
		}
	}
	t.Fatal("no free X display for Xvfb")
	return nil
}

// displayInUse reports whether X display n has a live server. A socket
// and lock file left by a server that was killed are removed, so that
// interrupted runs do not use up the displays.
func displayInUse(n int) bool {
	socket, lock := fmt.Sprintf("/tmp/.X11-unix/X%d", n), fmt.Sprintf("/tmp/.X%d-lock", n)
	if _, err := os.Stat(socket); err != nil {
		return false
	}
	raw, err := os.ReadFile(lock)
	if err != nil {
		return true // someone else's server, or one starting: leave it
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil || syscall.Kill(pid, 0) == nil {
		return true
	}
	_ = os.Remove(socket)
	_ = os.Remove(lock)
	return false
}

// waitReady waits for the server's socket, which appears once it accepts
// clients.
func (d *display) waitReady() bool {
	socket := "/tmp/.X11-unix/X" + strings.TrimPrefix(d.name, ":")
	for range 100 {
		if _, err := os.Stat(socket); err == nil {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// xdotool runs one xdotool command on the display and returns its output.
func (d *display) xdotool(args ...string) string {
	d.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
	out, err := cmd.CombinedOutput()
	if err != nil {
		d.t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// windowWait is how long window waits for a window to be shown: far longer
// than a start-up takes, yet a window that never comes fails the test with
// the app's log instead of hanging it until go test's own deadline.
const windowWait = 60 * time.Second

// window waits until a window whose name contains name is shown, and
// returns its id (the first, should there be several).
func (d *display) window(name string) string {
	d.t.Helper()
	for deadline := time.Now().Add(windowWait); ; time.Sleep(100 * time.Millisecond) {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
		cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
		// Exit status 1 with no output is "none yet".
		if out, _ := cmd.Output(); len(strings.Fields(string(out))) > 0 {
			return strings.Fields(string(out))[0]
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("no window named %q was shown within %v", name, windowWait)
		}
	}
}

// quit presses Ctrl+Q in win.
func (d *display) quit(win string) {
	d.t.Helper()
	d.closingKey(win, "ctrl+q")
}

// closingKey presses a key that closes win. The app may close the window
// before xdotool has sent the key's release, which xdotool reports as
// BadWindow: that is the key working, not a failure.
func (d *display) closingKey(win, key string) {
	d.t.Helper()
	cmd := exec.Command("xdotool", "key", "--window", win, key)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
	if out, err := cmd.CombinedOutput(); err != nil && !strings.Contains(string(out), "BadWindow") {
		d.t.Fatalf("xdotool key %s: %v\n%s", key, err, out)
	}
}

// screenshot captures the whole screen, keeps a PNG under dir for people
// to look at (written in the background, waited for when the test ends),
// and returns the pixels.
func (d *display) screenshot(dir, name string) image.Image {
	d.t.Helper()
	img := d.grab()
	d.saving.Add(1)
	go func() {
		defer d.saving.Done()
		var out bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if enc.Encode(&out, img) == nil {
			_ = os.WriteFile(filepath.Join(dir, name+".png"), out.Bytes(), 0o644)
		}
	}()
	return img
}

// grab takes a screenshot without keeping it, for a test that waits for
// the screen to change.
func (d *display) grab() image.Image {
	d.t.Helper()
	cmd := exec.Command("xwd", "-root", "-silent")
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
	raw, err := cmd.Output()
	if err != nil {
		d.t.Fatalf("screenshot: %v", err)
	}
	img, err := decodeXWD(raw)
	if err != nil {
		d.t.Fatalf("screenshot: %v", err)
	}
	return img
}

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
	screen string         // the file Xvfb keeps the screen in, an XWD dump
	saving sync.WaitGroup // screenshots being written
}

func startXvfb(t *testing.T) *display { t.Helper(); return startXvfbSized(t, "1280x800") }

// startXvfbSized starts a server whose one screen is size ("1024x700").
func startXvfbSized(t *testing.T, size string) *display {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run `make deps`", tool)
		}
	}
	for n := 91; n < 140; n++ {
		if displayInUse(n) {
			continue
		}
		name := fmt.Sprintf(":%d", n)
		// -noreset: by default the server resets whenever its last client
		// leaves (a readiness probe, the one app of a test quitting), and an
		// app connecting meanwhile fails with "Failed to open display".
		// -fbdir: the screen is a file, which grab reads; -nocursor: the
		// pointer is drawn into that file, over what a test reads.
		fbdir := t.TempDir()
		cmd := exec.Command("Xvfb", name, "-screen", "0", size+"x24", "-nolisten", "tcp", "-noreset",
			"-fbdir", fbdir, "-nocursor")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		// SIGTERM lets Xvfb remove its socket and lock file; killed, it
		// leaves them behind and the display looks taken to the next run.
		t.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGTERM); <-exited })
		d := &display{t: t, name: name, screen: filepath.Join(fbdir, "Xvfb_screen0")}
		t.Cleanup(d.saving.Wait)
		if d.waitReady(cmd.Process.Pid, exited) {
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

// waitReady waits until the display is served by our Xvfb, pid, and takes
// clients. A socket alone is not enough: another server may hold the
// display (ours then exits, "server is already active"), or be leaving
// it, and an app started then finds no display and crashes.
func (d *display) waitReady(pid int, exited <-chan struct{}) bool {
	n := strings.TrimPrefix(d.name, ":")
	for range 100 {
		select {
		case <-exited:
			return false
		default:
		}
		raw, err := os.ReadFile("/tmp/.X" + n + "-lock")
		if err == nil && strings.TrimSpace(string(raw)) == strconv.Itoa(pid) {
			probe := exec.Command("xdotool", "getdisplaygeometry")
			probe.Env = append(os.Environ(), "DISPLAY="+d.name)
			if probe.Run() == nil {
				return true
			}
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
		if ids := d.windowsNamed(name); len(ids) > 0 {
			return ids[0]
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("no window named %q was shown within %v", name, windowWait)
		}
	}
}

// windowGone waits until no window whose name contains name is shown. The
// X server drops an ended process's windows a moment after it ends, and
// an X client id freed so is given to the next process: a test looking
// for the next process's window could otherwise find the one just closed.
func (d *display) windowGone(name string) {
	d.t.Helper()
	for deadline := time.Now().Add(windowWait); len(d.windowsNamed(name)) > 0; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			d.t.Fatalf("a window named %q was still shown after %v", name, windowWait)
		}
	}
}

// windowsNamed lists the shown windows whose name contains name.
func (d *display) windowsNamed(name string) []string {
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
	out, _ := cmd.Output() // exit status 1 with no output: none
	return strings.Fields(string(out))
}

// quit presses Ctrl+Q in win.
func (d *display) quit(win string) {
	d.t.Helper()
	d.closingKey(win, "ctrl+q")
}

// closingKey presses a key that closes win. The app may close the window
// before xdotool has sent the key's release, which xdotool reports as
// BadWindow: that is the key working, not a failure. The key is then still
// down in the X server, which repeats it into whichever window gets the
// focus next: a held Escape closed the next process's problem window the
// moment the window before it went away. So it is released here.
func (d *display) closingKey(win, key string) {
	d.t.Helper()
	cmd := exec.Command("xdotool", "key", "--window", win, key)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	if !strings.Contains(string(out), "BadWindow") {
		d.t.Fatalf("xdotool key %s: %v\n%s", key, err, out)
	}
	d.xdotool("keyup", key)
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
// the screen to change. It reads the file Xvfb keeps its screen in: no
// process to start and no request for the server to answer, so a look
// takes a few milliseconds even while the app keeps both cores busy,
// where starting xwd took 20–75 ms then and decoding its dump 24 more,
// and a test waiting for the screen sees a change when it comes. The server draws into the file as
// it is read: a read unlike the next one raced a draw, and is read again.
func (d *display) grab() image.Image {
	d.t.Helper()
	raw, err := os.ReadFile(d.screen)
	for try := 0; err == nil && try < 5; try++ {
		var again []byte
		if again, err = os.ReadFile(d.screen); err == nil && bytes.Equal(raw, again) {
			break
		}
		raw = again
	}
	if err != nil {
		d.t.Fatalf("screenshot: %v", err)
	}
	img, err := decodeXWD(raw)
	if err != nil {
		d.t.Fatalf("screenshot: %v", err)
	}
	return img
}

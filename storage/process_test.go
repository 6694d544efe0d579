package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Tests that need a second process re-run this test binary, limited to
// their own test, with the child's role in the environment.
const (
	envChildRole = "CLAIMDESK_STORAGE_TEST_CHILD"
	envChildDB   = "CLAIMDESK_STORAGE_TEST_DB"
)

func childCommand(ctx context.Context, test, role, path string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), envChildRole+"="+role, envChildDB+"="+path)
	return cmd
}

// startChild starts the child process role of test on path: its standard
// output is read through the reader returned, its standard error kept in
// the builder.
func startChild(ctx context.Context, t *testing.T, test, role, path string) (*exec.Cmd, *bufio.Reader, *strings.Builder) {
	t.Helper()
	cmd := childCommand(ctx, test, role, path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &strings.Builder{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewReader(stdout), stderr
}

// killChildAfter starts the child process role of test on path, waits for
// its first line (it has begun), lets it run for delay and kills it. It
// returns what the child wrote on standard error.
func killChildAfter(t *testing.T, test, role, path string, delay time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd, stdout, stderr := startChild(ctx, t, test, role, path)
	_, _ = stdout.ReadString('\n')
	time.Sleep(delay)
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	return stderr.String()
}

// TestSecondProcessIsLockedOut opens a store and has a second process try
// the same file: it must get "another claimdesk is using PATH" after the
// one-second lock timeout, never hang.
func TestSecondProcessIsLockedOut(t *testing.T) {
	if os.Getenv(envChildRole) == "open" {
		started := time.Now()
		s, err := Open(os.Getenv(envChildDB))
		if err == nil {
			s.Close()
		}
		fmt.Printf("child: after %v: %v\n", time.Since(started).Round(time.Millisecond), err)
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	openCheckedStore(t, path)

	// Far more than the lock timeout: reaching it means the child hung.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := childCommand(ctx, "TestSecondProcessIsLockedOut", "open", path).Output()
	if ctx.Err() != nil {
		t.Fatalf("the second process hung on the lock: %v", ctx.Err())
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	want := "another claimdesk is using " + path
	if !strings.Contains(string(out), want) {
		t.Fatalf("the second process said %q, want %q", out, want)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))
}

func TestSecondOpenInProcessIsLockedOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	openCheckedStore(t, path)
	_, err := OpenWith(path, Options{Timeout: 50 * time.Millisecond})
	wantErr(t, err, ErrLocked, "another claimdesk is using "+path)
	_, err = OpenWith(path, Options{Timeout: 50 * time.Millisecond, ReadOnly: true})
	wantErr(t, err, ErrLocked, path)
}

// TestAcknowledgedWritesSurviveKill has a child process add claims one
// transaction each, printing every id AddClaim returned, and kills it
// with SIGKILL mid-stream, three times over. After each kill every
// acknowledged claim must be in the file, and Check (tx.Check included)
// must find nothing wrong.
func TestAcknowledgedWritesSurviveKill(t *testing.T) {
	if os.Getenv(envChildRole) == "writer" {
		writeUntilKilled(os.Getenv(envChildDB))
		return
	}
	path := newClosedStore(t)
	acked := map[uint64]string{}
	for round := range 3 {
		for id, span := range killWriter(t, path, 150) {
			acked[id] = span
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopening after the kill: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("round %d: Check after the kill: %v", round, err)
		}
		for id, span := range acked {
			a, err := s.Claim(id)
			if err != nil || fmt.Sprintf("%d-%d", a.Start, a.End) != span {
				t.Errorf("round %d: acknowledged claim %d (%s) is lost: %+v, %v", round, id, span, a, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d acknowledged claims survived three kills", len(acked))
}

// killWriter runs a writer child, kills it once it has acknowledged n
// claims, and returns every claim it acknowledged before it died.
func killWriter(t *testing.T, path string, n int) map[uint64]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, r, stderr := startChild(ctx, t, "TestAcknowledgedWritesSurviveKill", "writer", path)
	acked := map[uint64]string{}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			// A line cut short by the kill was never acknowledged.
			if !errors.Is(err, io.EOF) {
				t.Errorf("reading the child: %v", err)
			}
			break
		}
		var id uint64
		var span string
		if _, err := fmt.Sscanf(line, "ack %d %s\n", &id, &span); err != nil {
			continue // the test framework's own output
		}
		acked[id] = span
		if len(acked) == n {
			if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
				t.Fatal(err)
			}
		}
	}
	err := cmd.Wait()
	if len(acked) < n {
		t.Fatalf("the writer stopped after %d claims: %v\n%s", len(acked), err, stderr.String())
	}
	return acked
}

// writeUntilKilled is the child: it adds claims, one transaction each, and
// acknowledges each on stdout only after AddClaim returned.
func writeUntilKilled(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	text := "Peskov denied it."
	for i := 0; i < 1_000_000; i++ {
		start := i % 10
		end := start + 1 + i%(len(text)-start)
		a, err := s.AddClaim(Claim{ArticleID: 1, Start: start, End: end, Label: "denial", Note: fmt.Sprint("write ", i)})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("ack %d %d-%d\n", a.ID, a.Start, a.End)
	}
	os.Exit(2) // never killed: the parent reports it
}

// TestBulkImportKilled has a child process import batches of articles,
// 50 claims each, acknowledging each batch once ImportArticles returned,
// and kills it mid-stream, three times over: the store then opens, checks
// clean (its summaries recounted from the claims), and holds every
// acknowledged article with all its claims and nothing half-written.
func TestBulkImportKilled(t *testing.T) {
	if os.Getenv(envChildRole) == "importer" {
		importUntilKilled(os.Getenv(envChildDB))
		return
	}
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	openTestStoreAt(t, path).Close()
	acked := map[uint64]bool{}
	for round := range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := childCommand(ctx, "TestBulkImportKilled", "importer", path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(stdout)
		for batches := 0; batches < 5; {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("round %d: the importer stopped: %v", round, err)
			}
			for _, field := range strings.Fields(strings.TrimPrefix(line, "ack ")) {
				var id uint64
				if _, err := fmt.Sscan(field, &id); err == nil && strings.HasPrefix(line, "ack ") {
					acked[id] = true
				}
			}
			if strings.HasPrefix(line, "ack ") {
				batches++
			}
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		cancel()
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("round %d: check: %v", round, err)
		}
		summaries, err := s.ArticleSummaries()
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range summaries {
			if a.Claims != 50 {
				t.Errorf("round %d: article %d has %d claims, not 50", round, a.ID, a.Claims)
			}
			delete(acked, a.ID)
		}
		for id := range acked {
			t.Errorf("round %d: acknowledged article %d is lost", round, id)
		}
		st, _ := s.Stats()
		if st.Claims != 50*len(summaries) {
			t.Errorf("round %d: stats count %d claims over %d articles", round, st.Claims, len(summaries))
		}
		s.Close()
		t.Logf("round %d: %d articles, %d claims after the kill", round, len(summaries), st.Claims)
	}
}

// importUntilKilled is the child: batches of 10 articles of 50 claims,
// each acknowledged with its article ids once stored.
func importUntilKilled(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sentence := "Peskov denied that the sanctions had worked. "
	for batch := 0; ; batch++ {
		var items []ImportItem
		for a := range 10 {
			text := fmt.Sprintf("Batch %d article %d (pid %d).\n", batch, a, os.Getpid())
			var claims []Claim
			for range 50 {
				start := RuneLen(text)
				text += sentence
				claims = append(claims, Claim{Start: start, End: start + RuneLen(sentence) - 1, Label: "denial", Origin: OriginImported})
			}
			items = append(items, ImportItem{Article: Article{Text: text}, Claims: claims})
		}
		results, err := s.ImportArticles(items)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		line := "ack"
		for _, r := range results {
			if r.Err != nil {
				fmt.Fprintln(os.Stderr, r.Err)
				os.Exit(1)
			}
			line += fmt.Sprint(" ", r.Article.ID)
		}
		fmt.Println(line)
	}
}

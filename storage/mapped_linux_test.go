package storage

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestReleaseMappedGivesThePagesBack reads a store of a few megabytes,
// which brings its file's pages into the process, and releases them: the
// map of the file then holds next to nothing resident, and what is read
// afterwards reads as before.
func TestReleaseMappedGivesThePagesBack(t *testing.T) {
	s := openTestStore(t)
	text := strings.Repeat("The ministry denied every report of the talks. ", 80_000) // 3.8 MB
	a := mustAddArticle(t, s, text)
	read := func() {
		t.Helper()
		got, err := s.Article(a.ID)
		if err != nil || got.Text != text {
			t.Fatalf("the article reads back %d bytes (%v), want %d", len(got.Text), err, len(text))
		}
	}
	read()
	if before := mappedResident(t, s.Path()); before < 3<<20 {
		t.Fatalf("after reading the article, %d KB of the file are resident: the test reads too little to tell", before>>10)
	}
	if err := s.ReleaseMapped(); err != nil {
		t.Fatal(err)
	}
	if after := mappedResident(t, s.Path()); after > 64<<10 {
		t.Errorf("after ReleaseMapped, %d KB of the file are still resident", after>>10)
	}
	read()
}

// mappedResident is how many bytes of path's memory maps in this process
// are resident (/proc/self/smaps).
func mappedResident(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var total int64
	inFile := false
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-"): // a mapping's header line
			inFile = len(fields) >= 6 && fields[5] == path
		case inFile && fields[0] == "Rss:":
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			total += kb << 10
		}
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedText is the seed article the window opens on first start.
func seedText(b *testing.B) []rune {
	names, _ := filepath.Glob("../../seeds/*.txt")
	if len(names) == 0 {
		b.Fatal("no seed article in ../../seeds")
	}
	data, err := os.ReadFile(names[0])
	if err != nil {
		b.Fatal(err)
	}
	return []rune(string(data))
}

// megabyte is about 1 MB of the seed article over and over, in paragraphs,
// as the article view's benchmarks use.
func megabyte(b *testing.B) []rune {
	seed := string(seedText(b))
	return []rune(strings.Repeat(seed+"\n", (1<<20)/len(seed)+1))
}

func BenchmarkWords(b *testing.B) {
	for _, tc := range []struct {
		name string
		text func(*testing.B) []rune
	}{{"seed", seedText}, {"1MB", megabyte}} {
		b.Run(tc.name, func(b *testing.B) {
			text := tc.text(b)
			b.SetBytes(int64(len(string(text))))
			for b.Loop() {
				Words(text)
			}
		})
	}
}

// BenchmarkWordAt is one snap of a drag, at offsets spread over 1 MB.
func BenchmarkWordAt(b *testing.B) {
	text := megabyte(b)
	i := 0
	for b.Loop() {
		WordAt(text, i*7919%len(text))
		i++
	}
}

// BenchmarkGraphemeBoundaries asks about every offset of 1 MB, as a walk
// cluster by cluster does.
func BenchmarkGraphemeBoundaries(b *testing.B) {
	text := megabyte(b)
	b.SetBytes(int64(len(string(text))))
	for b.Loop() {
		for i := 0; i < len(text); i = GraphemeEnd(text, i) {
		}
	}
}

// BenchmarkIsWordRune is the per-rune test search runs over folded text.
func BenchmarkIsWordRune(b *testing.B) {
	text := megabyte(b)
	b.SetBytes(int64(len(string(text))))
	for b.Loop() {
		n := 0
		for _, r := range text {
			if IsWordRune(r) {
				n++
			}
		}
	}
}

package dataset

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Size limits. Files are read into memory (JSONL a line at a time), so the
// limits keep a mistaken pick (a disk image, a video) from exhausting it;
// they sit far above any real article or annotation corpus.
const (
	// MaxArticleFileSize bounds a file that holds one article: .txt, .md,
	// .html and both files of a brat pair. The longest news features run to
	// a few hundred KiB of text; 50 MiB leaves room for pages heavy with
	// inline markup.
	MaxArticleFileSize = 50 << 20
	// MaxCorpusFileSize bounds a JSONL corpus or a Label Studio JSON export,
	// which hold many articles. JSONL is read a line at a time; Label Studio
	// JSON is one value and is read whole.
	MaxCorpusFileSize = 512 << 20
	// MaxRecordSize bounds one JSONL line, which is one article with its
	// spans: the same as an article file.
	MaxRecordSize = MaxArticleFileSize
)

// sniffSize is how much of a corpus is checked for binary content before
// its lines are parsed (as much as git looks at); article files are checked
// whole.
const sniffSize = 8 << 10

// maxFileSize is the limit for a file of the given format.
func maxFileSize(f format) int64 {
	if f == formatJSONL || f == formatJSON {
		return MaxCorpusFileSize
	}
	return MaxArticleFileSize
}

// checkSize refuses an empty file and one above the limit of its format.
func checkSize(f format, size int64) error {
	switch limit := maxFileSize(f); {
	case size == 0:
		return fmt.Errorf("empty file")
	case size > limit:
		return fmt.Errorf("file is %s (%d bytes), above the %s limit for %s files", humanSize(size), size, humanSize(limit), f)
	}
	return nil
}

// checkText refuses data that is not text: NUL bytes never occur in text
// (but fill binary files and UTF-16 written without a byte-order mark), and
// when most non-ASCII characters are invalid UTF-8 the file is binary or in
// a legacy encoding, where replacing them with U+FFFD would ruin the
// article. Stray invalid bytes (fewer than 1 in 200 characters) pass and
// become U+FFFD in storage.Normalize, and the report says so.
// partial says data is a prefix, whose last character may be cut.
func checkText(data []byte, partial bool) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return fmt.Errorf("not a text file: it holds NUL bytes (binary data, or UTF-16 without a byte-order mark)")
	}
	if partial && len(data) > utf8.UTFMax {
		data = data[:len(data)-utf8.UTFMax]
	}
	invalid, nonASCII, chars := 0, 0, 0
	for i := 0; i < len(data); chars++ {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		nonASCII++
		if r == utf8.RuneError && size == 1 {
			invalid++
		}
		i += size
	}
	if invalid > 0 && invalid*2 > nonASCII && invalid*200 > chars {
		return fmt.Errorf("not UTF-8 text: %d of %d non-ASCII characters are invalid UTF-8 (a binary file, or text in a legacy encoding such as Latin-1: save it as UTF-8)", invalid, nonASCII)
	}
	return nil
}

// humanSize renders a byte count the way file managers do.
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	value, prefix := float64(n), "KMGTPE"
	i := -1
	for value >= unit && i < len(prefix)-1 {
		value /= unit
		i++
	}
	if value == float64(int64(value)) {
		return fmt.Sprintf("%d %ciB", int64(value), prefix[i])
	}
	return fmt.Sprintf("%.1f %ciB", value, prefix[i])
}

package dataset

import "fmt"

// Size limits. Files are read into memory (JSONL a line at a time), so the
// limits keep a mistaken pick (a disk image, a video) from exhausting it;
// they sit far above any real article or labeled corpus.
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
	// MaxDocumentFileSize bounds a PDF or Word file: one article, but
	// photographs and embedded fonts make such files far bigger than
	// their text. They are read whole into memory.
	MaxDocumentFileSize = 200 << 20
)

// sniffSize is how much of a corpus is checked for binary content before
// its lines are parsed (as much as git looks at); article files are checked
// whole.
const sniffSize = 8 << 10

// maxFileSize is the limit for a file of the given format.
func maxFileSize(f format) int64 {
	switch f {
	case formatJSONL, formatJSON:
		return MaxCorpusFileSize
	case formatPDF, formatWord, formatODT:
		return MaxDocumentFileSize
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

// checkExtractedText bounds the text taken out of a PDF or Word file by
// the limit of an article file: a document may be bigger than its text,
// never its text bigger than an article.
func checkExtractedText(text string) error {
	if len(text) > MaxArticleFileSize {
		return fmt.Errorf("its text is %s, above the %s limit for an article", humanSize(int64(len(text))), humanSize(MaxArticleFileSize))
	}
	return nil
}

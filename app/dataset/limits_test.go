package dataset

import (
	"strings"
	"testing"
)

func TestCheckSize(t *testing.T) {
	tests := []struct {
		f       format
		size    int64
		refused string
	}{
		{formatText, 0, "empty file"},
		{formatText, MaxArticleFileSize, ""},
		{formatHTML, MaxArticleFileSize + 1, "above the 50 MiB limit for HTML files"},
		{formatJSONL, MaxArticleFileSize + 1, ""},
		{formatJSON, MaxCorpusFileSize + 1, "above the 512 MiB limit for JSON files"},
	}
	for _, tt := range tests {
		err := checkSize(tt.f, tt.size)
		if (err == nil) != (tt.refused == "") || err != nil && !strings.Contains(err.Error(), tt.refused) {
			t.Errorf("checkSize(%s, %d) = %v, want %q", tt.f, tt.size, err, tt.refused)
		}
	}
}

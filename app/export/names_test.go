package export

import "testing"

func TestDocFileStem(t *testing.T) {
	tests := []struct {
		id    uint64
		title string
		want  string
	}{
		{1, "Kremlin Denies Interfering", "0001-kremlin-denies-interfering"},
		{12, "../../etc/passwd", "0012-etc-passwd"},
		{3, "CON", "0003-con"},
		{4, "إقرأ هذا الخبر", "0004"},
		{5, "", "0005"},
		{123456, "Zoë's café — ✓", "123456-zo-s-caf"},
		{7, "Kremlin Denies Interfering in U.S. Election Campaign after a long day", "0007-kremlin-denies-interfering-in-u-s"},
		{8, "Supercalifragilisticexpialidociousandevenlongerwords", "0008-supercalifragilisticexpialidociousandeve"},
	}
	for _, tc := range tests {
		if got := docFileStem(tc.id, tc.title); got != tc.want {
			t.Errorf("docFileStem(%d, %q) = %q, want %q", tc.id, tc.title, got, tc.want)
		}
	}
}

func TestUniqueStem(t *testing.T) {
	used := map[string]bool{}
	got := []string{uniqueStem(used, "0000"), uniqueStem(used, "0000"), uniqueStem(used, "0000")}
	if got[0] != "0000" || got[1] != "0000-2" || got[2] != "0000-3" {
		t.Errorf("uniqueStem gave %q", got)
	}
}

package export

import (
	"reflect"
	"testing"
)

// TestUTF16Offsets: an emoji outside the Basic Multilingual Plane takes two
// UTF-16 units, as JavaScript's String.length counts; combining marks,
// CJK and the ZWJ between emoji take one each.
func TestUTF16Offsets(t *testing.T) {
	tests := []struct {
		text string
		want []int // utf16At of every code point and the end
	}{
		{"abc", []int{0, 1, 2, 3}},
		{"東京e\u0301", []int{0, 1, 2, 3, 4}},
		{"a👍🏽b", []int{0, 1, 3, 5, 6}},
		{"👨\u200d👩", []int{0, 2, 3, 5}},
	}
	for _, tc := range tests {
		ix := newTextIndex(tc.text)
		var got []int
		for r := 0; r <= ix.Len(); r++ {
			got = append(got, ix.utf16At(r))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.text, got, tc.want)
		}
	}
}

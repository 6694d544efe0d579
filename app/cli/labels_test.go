package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/storage"
)

func TestLabelsAddPicksWhatTheFlagsLeaveOut(t *testing.T) {
	tests := []struct {
		name   string
		before [][]string // commands run first on the new store
		args   []string
		code   int
		says   string
		want   storage.Label // stored afterwards; zero when nothing is
	}{
		{
			name: "no flags: the first free colour and hotkey",
			args: []string{"labels", "add", "speculation"},
			says: "added label speculation: colour #CC79A7, hotkey 4",
			want: storage.Label{Name: "speculation", Colour: "#CC79A7", Hotkey: "4"},
		},
		{
			name:   "no flags after another label: the next ones",
			before: [][]string{{"labels", "add", "rumour"}},
			args:   []string{"labels", "add", "speculation"},
			says:   "added label speculation: colour #997700, hotkey 5",
			want:   storage.Label{Name: "speculation", Colour: "#997700", Hotkey: "5"},
		},
		{
			name: "explicit colour wins",
			args: []string{"labels", "add", "speculation", "--colour", "#123456"},
			says: "added label speculation: colour #123456, hotkey 4",
			want: storage.Label{Name: "speculation", Colour: "#123456", Hotkey: "4"},
		},
		{
			name: "explicit hotkey wins",
			args: []string{"labels", "add", "speculation", "--hotkey", "s", "--description", "Guesses."},
			says: "added label speculation: colour #CC79A7, hotkey s",
			want: storage.Label{Name: "speculation", Colour: "#CC79A7", Hotkey: "s", Description: "Guesses."},
		},
		{
			name: "empty hotkey gives none",
			args: []string{"labels", "add", "speculation", "--hotkey", ""},
			says: "added label speculation: colour #CC79A7, no hotkey",
			want: storage.Label{Name: "speculation", Colour: "#CC79A7"},
		},
		{
			name: "every key 1-9 taken gives none",
			before: [][]string{
				{"labels", "add", "l4"}, {"labels", "add", "l5"}, {"labels", "add", "l6"},
				{"labels", "add", "l7"}, {"labels", "add", "l8"}, {"labels", "add", "l9"},
			},
			args: []string{"labels", "add", "speculation"},
			says: "added label speculation: colour #BB5566, no hotkey",
			want: storage.Label{Name: "speculation", Colour: "#BB5566"},
		},
		{
			name: "a taken hotkey is refused",
			args: []string{"labels", "add", "speculation", "--hotkey", "1"},
			code: ExitFailure,
			says: `hotkey 1 is taken by label "denial"`,
		},
		{
			name: "a bad colour is refused",
			args: []string{"labels", "add", "speculation", "--colour", "red"},
			code: ExitFailure,
			says: `label "speculation": colour "red" is not of the form #RRGGBB`,
		},
		{
			name: "an existing name is refused",
			args: []string{"labels", "add", "denial"},
			code: ExitFailure,
			says: `label "denial" exists already`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			for _, args := range tc.before {
				if r := claimdesk(t, db, args...); r.code != ExitOK {
					t.Fatalf("%v: %d %q", args, r.code, r.stderr)
				}
			}
			r := claimdesk(t, db, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.says) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", r.code, r.stderr, tc.code, tc.says)
			}
			if got := storedLabel(t, db, "speculation"); got != tc.want {
				t.Errorf("stored %+v, want %+v", got, tc.want)
			}
		})
	}
}

// storedLabel reads the label called name back from the store, or the zero
// Label when there is none.
func storedLabel(t *testing.T, db, name string) storage.Label {
	t.Helper()
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	labels, err := s.Labels()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range labels {
		if l.Name == name {
			return l
		}
	}
	return storage.Label{}
}

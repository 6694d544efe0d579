package dataset

import (
	"fmt"
	"slices"
	"testing"
)

// TestParseBratLinkOptions: role names are configurable, and a trigger
// type named in TriggerLabels (or the label it maps to) is a claim that
// gets the event's speaker too.
func TestParseBratLinkOptions(t *testing.T) {
	text := "Peskov said it was false."
	ann := "T1\tWho 0 6\tPeskov\nT2\tSay 7 11\tsaid\nT3\tWhat 12 24\tit was false\n" +
		"E1\tSay:T2 Sayer:T1 Message:T3\n"
	tests := []struct {
		name string
		opts BratOptions
		want []string
	}{
		{"defaults know no Sayer", BratOptions{}, []string{"0-6 Who  ", "12-24 What  "}},
		{"Sayer is a speaker role", BratOptions{SpeakerRoles: []string{"sayer"}},
			[]string{"0-6 Who  ", "12-24 What Peskov "}},
		{"the trigger is a claim", BratOptions{SpeakerRoles: []string{"Sayer"}, TriggerLabels: []string{"say"}},
			[]string{"0-6 Who  ", "7-11 Say Peskov ", "12-24 What Peskov "}},
		{"by the label it maps to", BratOptions{TargetRoles: []string{"Sayer"}, TriggerLabels: []string{"utterance"},
			LabelNames: map[string]string{"Say": "utterance"}},
			[]string{"0-6 Who  ", "7-11 utterance  Peskov", "12-24 What  Peskov"}},
	}
	for _, tc := range tests {
		docs, _, err := ParseBratWith("a.txt", "a.ann", []byte(text), []byte(ann), tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range docs[0].Spans {
			got = append(got, fmt.Sprintf("%d-%d %s %s %s", s.Start, s.End, s.Label, s.Speaker, s.Target))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: spans %q, want %q", tc.name, got, tc.want)
		}
	}
}

package posixlocale

import "testing"

func TestIsPOSIX(t *testing.T) {
	tests := map[string]bool{
		"": true, "C": true, "C.UTF-8": true, "POSIX": true,
		"en_US.UTF-8": false, "de_DE": false, "ar_EG.UTF-8": false, "Cy_GB": false,
	}
	for locale, want := range tests {
		if got := IsPOSIX(locale); got != want {
			t.Errorf("IsPOSIX(%q) = %v, want %v", locale, got, want)
		}
	}
}

func TestEffectiveFollowsLookupOrder(t *testing.T) {
	env := map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}
	if got := Effective(func(k string) string { return env[k] }); got != "de_DE.UTF-8" {
		t.Errorf("LC_MESSAGES should win over LANG, got %q", got)
	}
	env["LANGUAGE"] = "fr"
	if got := Effective(func(k string) string { return env[k] }); got != "fr" {
		t.Errorf("LANGUAGE should win, got %q", got)
	}
}

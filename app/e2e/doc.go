// Package e2e drives the real claimdesk binary in a real X window under
// Xvfb with xdotool, the way an analyst uses it, and checks the screen and
// the exported data. It runs when CLAIMDESK_E2E=1 (make test sets it).
package e2e

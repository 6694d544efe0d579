// Command claimdesk labels claims in news articles. With no command it opens
// the annotation window; with one (claimdesk --help lists them) it works on
// the store without a display. This file only wires the two together.
package main

import (
	_ "embed"
	"os"

	"claimdesk/app/cli"
	_ "claimdesk/app/posixlocale" // before Fyne reads the locale
	"claimdesk/app/window"
	"claimdesk/storage"
)

// fyneApp is FyneApp.toml, carried in the binary so that its ID, version
// and migrations hold wherever the binary is installed.
//
//go:embed FyneApp.toml
var fyneApp []byte

func main() {
	os.Exit(cli.Run(&cli.Env{
		Args:       os.Args[1:],
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		OpenWindow: openWindow,
	}))
}

func openWindow(path string, open func() (*storage.Store, error)) error {
	return window.Run(path, open, fyneApp)
}

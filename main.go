// Command claimdesk labels claims in news articles. With no command it opens
// the annotation window; with one (claimdesk --help lists them) it works on
// the store without a display. This file only wires the two together.
package main

import (
	"os"

	"claimdesk/app/cli"
	_ "claimdesk/app/posixlocale" // before Fyne reads the locale
	"claimdesk/app/window"
)

func main() {
	os.Exit(cli.Run(&cli.Env{
		Args:       os.Args[1:],
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		OpenWindow: window.Run,
	}))
}

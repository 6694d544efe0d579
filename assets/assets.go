// Package assets embeds Claimdesk's icon and other resources in the binary.
package assets

import (
	_ "embed"
)

// IconPNG is the application icon, 256×256.
//
//go:embed icon.png
var IconPNG []byte

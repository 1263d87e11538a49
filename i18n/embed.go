// Package i18n embeds the message catalogs (zh-Hans.toml, en.toml).
package i18n

import "embed"

// FS holds the catalogs.
//
//go:embed *.toml
var FS embed.FS

// Package formulas embeds the formula files; go:embed cannot reach "..",
// so the files' own folder holds this.
package formulas

import "embed"

// FS holds every <category>.yaml.
//
//go:embed *.yaml
var FS embed.FS

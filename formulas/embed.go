// Package formulas embeds the formula files; go:embed cannot reach "..",
// so the files' own folder holds this.
package formulas

import "embed"

// FS holds every <category>.yaml and catalog.snap, their parsed form
// (rewritten by go generate after any change to a .yaml file).
//
//go:generate go run ../internal/tools/snapshot
//go:embed *.yaml catalog.snap
var FS embed.FS

// Snapshot is catalog.snap again, as a string the program reads in place
// (reading it from FS would copy it first).
//
//go:embed catalog.snap
var Snapshot string

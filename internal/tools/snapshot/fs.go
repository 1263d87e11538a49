package main

import (
	"io/fs"

	"github.com/cntax/cntax/internal/catalog"
)

// withoutSnapshot hides catalog.snap so loading parses the YAML itself.
type withoutSnapshot struct{ fs.FS }

func (w withoutSnapshot) Open(name string) (fs.File, error) {
	if name == catalog.SnapshotName {
		return nil, fs.ErrNotExist
	}
	return w.FS.Open(name)
}

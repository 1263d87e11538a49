package tui

import (
	"io/fs"

	"github.com/cntax/cntax/formulas"
	i18nfs "github.com/cntax/cntax/i18n"
)

func formulasFS() fs.FS { return formulas.FS }
func i18nFS() fs.FS     { return i18nfs.FS }

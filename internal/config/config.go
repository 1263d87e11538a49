// Package config keeps what the user chose across runs (language, last
// date) in $XDG_CONFIG_HOME/cntax/config.toml, and names the state directory
// for history and practice stats ($XDG_STATE_HOME/cntax). Writes are atomic:
// a crash leaves the old file or the new one, never half of each.
package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// Config is the saved choices.
type Config struct {
	Lang string `toml:"lang,omitempty"` // zh, en, both
	Date string `toml:"date,omitempty"` // last date picked in the TUI, YYYY-MM-DD
}

// Env reads the environment; injected so tests never touch the real home.
type Env func(string) string

func home(getenv Env) string {
	if h := getenv("HOME"); h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}

// Dir is $XDG_CONFIG_HOME/cntax (default ~/.config/cntax).
func Dir(getenv Env) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "cntax")
	}
	return filepath.Join(home(getenv), ".config", "cntax")
}

// StateDir is $XDG_STATE_HOME/cntax (default ~/.local/state/cntax).
func StateDir(getenv Env) string {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "cntax")
	}
	return filepath.Join(home(getenv), ".local", "state", "cntax")
}

// Path of the config file.
func Path(getenv Env) string { return filepath.Join(Dir(getenv), "config.toml") }

// Load reads the config; a missing file is an empty config. A file that
// does not parse is reported, and the caller carries on with defaults.
func Load(getenv Env) (Config, error) {
	var c Config
	b, err := os.ReadFile(Path(getenv))
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if err := toml.Unmarshal(b, &c); err != nil {
		return Config{}, err
	}
	return c, nil
}

// Save writes the config atomically.
func Save(getenv Env, c Config) error {
	b, err := toml.Marshal(c)
	if err != nil {
		return err
	}
	return WriteAtomic(Path(getenv), b)
}

// WriteAtomic writes b to path through a temporary file in the same
// directory and a rename, so a crash leaves the old file or the new one.
// The file is created private (0600: the state holds salaries) and keeps
// its mode when rewritten. A symbolic link is followed deliberately (a
// user may keep the file in a synced folder): the target is replaced and
// the link stays; a link whose target cannot be resolved is refused, never
// replaced by a regular file. Temporary files left by a killed write are
// removed on the next one.
func WriteAtomic(path string, b []byte) error {
	path, err := resolve(path)
	if err != nil {
		return err
	}
	dir, base := filepath.Dir(path), filepath.Base(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	removeStale(dir, base)
	mode := fs.FileMode(0o600)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+base+tmpMark+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteNew writes b to path only if no file has that name, atomically: an
// error satisfying errors.Is(err, fs.ErrExist) says the name is taken and
// nothing was written.
func WriteNew(path string, b []byte) error {
	dir, base := filepath.Dir(path), filepath.Base(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	removeStale(dir, base)
	tmp, err := os.CreateTemp(dir, "."+base+tmpMark+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	if err := tmp.Close(); werr == nil {
		werr = err
	}
	if werr != nil {
		return werr
	}
	// A hard link fails when the name exists, where a rename would replace.
	err = os.Link(tmp.Name(), path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	// No hard links here (some network and FAT file systems): create the
	// name exclusively and write in place.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// tmpMark names our temporary files, so that cleaning up never touches a
// file of someone else's.
const tmpMark = ".cntax-tmp-"

// staleAfter: a temporary file this old belongs to a write that was
// killed; a younger one may be another program's write in progress.
const staleAfter = time.Minute

func removeStale(dir, base string) {
	old, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".*"))
	for _, p := range old {
		rest := strings.TrimPrefix(filepath.Base(p), "."+base)
		// ours, or an earlier version's (CreateTemp's random digits)
		ours := strings.HasPrefix(rest, tmpMark) || strings.Trim(rest[1:], "0123456789") == ""
		if st, err := os.Lstat(p); ours && err == nil && st.Mode().IsRegular() && time.Since(st.ModTime()) > staleAfter {
			os.Remove(p)
		}
	}
}

func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`)
	if filepath.Separator == '\\' {
		return s // no escaping on windows; our names have no glob characters
	}
	return r.Replace(s)
}

// resolve follows path's symbolic links to the file they name.
func resolve(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", &LinkError{Path: path, Err: err}
	}
	return target, nil
}

// LinkError refuses to write through a symbolic link that leads nowhere.
type LinkError struct {
	Path string
	Err  error
}

func (e *LinkError) Error() string {
	return e.Path + " is a symbolic link that cannot be followed; it was left as it is: " + e.Err.Error()
}

func (e *LinkError) Unwrap() error { return e.Err }

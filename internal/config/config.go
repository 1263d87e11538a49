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
// directory and a rename.
func WriteAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
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

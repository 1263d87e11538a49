package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	i18nfs "github.com/cntax/cntax/i18n"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
)

func cats(t *testing.T) map[i18n.Lang]*i18n.Catalog {
	t.Helper()
	c, err := i18n.Load(i18nfs.FS)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Every key exists in both catalogs, with the same placeholders, and no
// value is empty.
func TestParity(t *testing.T) {
	c := cats(t)
	zh, en := c[i18n.ZH], c[i18n.EN]
	for _, pair := range [][2]*i18n.Catalog{{zh, en}, {en, zh}} {
		for _, k := range pair[0].Keys() {
			// source.* words a formula file's source text for one language
			// only: where there is none the file's text is shown, which is
			// what an English reader gets (the maintainers' glosses).
			if strings.HasPrefix(k, "source.") && pair[0] == zh {
				continue
			}
			if !pair[1].Has(k) {
				t.Errorf("%q is in %s but not in %s", k, pair[0].Lang, pair[1].Lang)
			}
		}
	}
	for _, k := range zh.Keys() {
		a, _ := zh.Raw(k)
		b, ok := en.Raw(k)
		if !ok {
			continue
		}
		if strings.TrimSpace(a) == "" && k != "ui.sentence_sep" {
			t.Errorf("%q is empty in zh-Hans", k)
		}
		if strings.TrimSpace(b) == "" && k != "ui.sentence_sep" {
			t.Errorf("%q is empty in en", k)
		}
		if pa, pb := i18n.Placeholders(a), i18n.Placeholders(b); !slices.Equal(pa, pb) {
			t.Errorf("%q placeholders differ: zh %v, en %v", k, pa, pb)
		}
	}
}

// Every function of the expression language has a word in both catalogs.
func TestFunctionWords(t *testing.T) {
	c := cats(t)
	for _, l := range i18n.Langs {
		for _, fn := range append(formula.Functions(), "and", "or", "not", "true", "false") {
			if !c[l].Has(i18n.FuncKey(fn)) {
				t.Errorf("%s: no %s", l, i18n.FuncKey(fn))
			}
		}
	}
}

// keyLiteral matches the string literals in Go code that are catalog keys.
var keyLiteral = regexp.MustCompile(`^(ui|err|accept|kind|help|tui|practice|fn)\.[a-z0-9_.]+$`)

// fileName matches literals that look like keys but are file names.
var fileName = regexp.MustCompile(`\.(json|jsonl|toml|yaml|md|csv)$`)

// Every key literal used in the code exists (keys built by concatenation,
// like "err.input."+code, are checked by the tests of their packages).
func TestKeysUsedInCodeExist(t *testing.T) {
	c := cats(t)
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !keyLiteral.MatchString(s) || strings.HasSuffix(s, ".") || fileName.MatchString(s) {
				return true
			}
			for _, l := range i18n.Langs {
				if !c[l].Has(s) {
					t.Errorf("%s: key %q is not in %s", fset.Position(lit.Pos()), s, l)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDetect(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name, flag, saved string
		env               func(string) string
		want              i18n.Mode
	}{
		{"unset", "", "", env(), i18n.ModeZH},
		{"C", "", "", env("LANG", "C"), i18n.ModeZH},
		{"POSIX", "", "", env("LC_ALL", "POSIX"), i18n.ModeZH},
		{"C.UTF-8", "", "", env("LANG", "C.UTF-8"), i18n.ModeZH},
		{"zh_CN.UTF-8", "", "", env("LANG", "zh_CN.UTF-8"), i18n.ModeZH},
		{"zh_TW", "", "", env("LANG", "zh_TW.UTF-8"), i18n.ModeZH},
		{"en_US", "", "", env("LANG", "en_US.UTF-8"), i18n.ModeEN},
		{"de", "", "", env("LANG", "de_DE.UTF-8"), i18n.ModeEN},
		{"LC_ALL wins", "", "", env("LC_ALL", "en_GB.UTF-8", "LANG", "zh_CN.UTF-8"), i18n.ModeEN},
		{"LC_ALL=C skipped", "", "", env("LC_ALL", "C", "LC_MESSAGES", "en_US", "LANG", "zh_CN"), i18n.ModeEN},
		{"LC_MESSAGES before LANG", "", "", env("LC_MESSAGES", "zh_CN.UTF-8", "LANG", "en_US.UTF-8"), i18n.ModeZH},
		{"saved beats env", "", "both", env("LANG", "en_US.UTF-8"), i18n.ModeBoth},
		{"flag beats saved", "en", "zh", env("LANG", "zh_CN"), i18n.ModeEN},
		{"bad saved ignored", "", "klingon", env("LANG", "en_US"), i18n.ModeEN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := i18n.Detect(tt.flag, tt.saved, tt.env)
			if err != nil || got != tt.want {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	if _, err := i18n.Detect("fr", "", env()); err == nil {
		t.Error("--lang fr must be refused")
	}
}

func TestFill(t *testing.T) {
	if got := i18n.Fill("{a} and {b.c}", "a", "1", "b.c", "2"); got != "1 and 2" {
		t.Error(got)
	}
	c := cats(t)
	if got := c[i18n.EN].T("no.such.key"); got != "⟦no.such.key⟧" {
		t.Error(got)
	}
}

func TestCatalogFilesAreFlat(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("..", "..", "i18n", "*.toml"))
	if err != nil || len(names) < 2 {
		t.Fatal(names, err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "[") {
				t.Errorf("%s:%d: tables are not allowed; keep keys flat and quoted", filepath.Base(name), i+1)
			}
		}
	}
}

// A tax's messages may live in a part file (vat.zh-Hans.toml); the parts
// merge into one catalog per language, and a key defined in two files is
// an error naming the second place.
func TestLoadParts(t *testing.T) {
	fsys := fstest.MapFS{
		"zh-Hans.toml":      {Data: []byte("\"a\" = \"甲\"\n")},
		"b.zh-Hans.toml":    {Data: []byte("\"b\" = \"乙\"\n")},
		"en.toml":           {Data: []byte("\"a\" = \"A\"\n")},
		"b.en.toml":         {Data: []byte("\"b\" = \"B\"\n")},
		"other.toml":        {Data: []byte("\"x\" = \"ignored\"\n")},
		"c.zh-Hans.toml.md": {Data: []byte("not a catalog")},
	}
	c, err := i18n.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if c[i18n.ZH].T("b") != "乙" || c[i18n.EN].T("b") != "B" || c[i18n.EN].Has("x") {
		t.Fatalf("parts not merged: %v %v", c[i18n.ZH].Keys(), c[i18n.EN].Keys())
	}
	fsys["c.en.toml"] = &fstest.MapFile{Data: []byte("\"a\" = \"again\"\n")}
	_, err = i18n.Load(fsys)
	if err == nil || !strings.Contains(err.Error(), `i18n/c.en.toml:1:7: key "a" is defined twice`) {
		t.Fatalf("duplicate across files: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"zh-Hans.toml": {Data: []byte("\"a\" = \"x\"\n\"a\" = \"y\"\n\"b\" = 3\n[t]\n\"c\" = \"z\n")},
		"en.toml":      {Data: []byte("\"a\" = \"x\"\n")},
	}
	_, err := i18n.Load(fsys)
	for _, want := range []string{
		`i18n/zh-Hans.toml:2:7: key "a" is defined twice`,
		`i18n/zh-Hans.toml:3:1: key "b": the value must be a string`,
		`i18n/zh-Hans.toml:4:2: tables are not allowed`,
		`i18n/zh-Hans.toml:5:9: basic strings cannot have new lines`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte("\"a.b\" = \"x {n}\"\n# c\n\"d\" = 'lit'\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		i18n.Load(fstest.MapFS{"zh-Hans.toml": {Data: b}, "en.toml": {Data: b}})
	})
}

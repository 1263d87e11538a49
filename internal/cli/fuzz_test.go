package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// checkOutput holds for every run, whatever the input: a known exit code
// (never an internal error: bad input is the user's), and no control
// character from the input on the terminal.
func checkOutput(t *testing.T, in, out, stderr string, code int) {
	t.Helper()
	if code != ExitOK && code != ExitUsage {
		t.Fatalf("%q: exit %d: %s", in, code, stderr)
	}
	if bad := controls(out + stderr); bad != "" {
		t.Fatalf("%q: control bytes %s in\n%s%s", in, bad, out, stderr)
	}
	if code == ExitUsage && stderr == "" {
		t.Fatalf("%q: refused without a word", in)
	}
}

// FuzzBatch: the batch CSV reader on any file. Run long by hand:
// go test ./internal/cli -run '^$' -fuzz FuzzBatch -fuzztime 10m
func FuzzBatch(f *testing.F) {
	for _, s := range []string{
		"sales,input_tax\n100000,8000\n11.3万,\n",
		"\ufeffsales\n\"1,000\"\n",
		"date,sales\n2018-06-01,100000\nbad,1\n",
		"sales,input_tax\n1,000,500\n",
		"sales,input_tax\n113000\n",
		"sales\n\"unterminated\n",
		"sales\n=HYPERLINK(\"x\")\n",
		"sales\x1b]52;c;aGk=\x07\n1\n",
		"sales\n\r\n\n  \n1\r\n",
		"sales,sales\n1,2\n",
		"",
		"\n",
		"sales\n" + strings.Repeat("9", 5000) + "\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, in string, keepGoing bool) {
		args := []string{"batch", "vat.general", "-", "--lang", "both"}
		if keepGoing {
			args = append(args, "--keep-going")
		}
		out, stderr, code := run(t, in, args...)
		checkOutput(t, in, out, stderr, code)
		if out == "" {
			return
		}
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("%q: output ends inside a row: %q", in, out)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%q: our CSV does not read back: %v\n%s", in, err, out)
		}
		for i, rec := range recs[1:] {
			for j, v := range rec {
				if j > 0 && v != "" && strings.ContainsRune("=+@\t\r", rune(v[0])) {
					t.Fatalf("%q: row %d cell %d would run as a formula: %q", in, i+2, j, v)
				}
			}
		}
		jout, jerr, jcode := run(t, in, append(args, "--format", "json")...)
		checkOutput(t, in, jout, jerr, jcode)
		for _, line := range strings.Split(strings.TrimSuffix(jout, "\n"), "\n") {
			if line != "" && !json.Valid([]byte(line)) {
				t.Fatalf("%q: not JSON: %q", in, line)
			}
		}
	})
}

// FuzzCalcArgs: calc's name=value parsing on any argument. Run long by
// hand: go test ./internal/cli -run '^$' -fuzz FuzzCalcArgs -fuzztime 10m
func FuzzCalcArgs(f *testing.F) {
	for _, s := range []string{
		"sales=113000", "sales＝11.3万", "sales=", "=1", "sales", "sales=1=2", " sales =1",
		"sales=¥113,000", "rate=13%", "rate=vat.rate.low", "rate=1", "input_tax=-1",
		"sales=1e9999", "sales=NaN", "sales=0x10", "sales=１１３０００", "\x1b]0;t\x07=1",
		"sales=\u202e1", "sales=" + strings.Repeat("9", 400),
	} {
		f.Add(s, "input_tax=8000")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, id := range []string{"vat.general", "iit.business"} {
			out, stderr, code := run(t, "", "calc", id, a, b, "--format", "json", "--lang", "both")
			checkOutput(t, a+" "+b, out, stderr, code)
			if code == ExitOK && !json.Valid([]byte(out)) {
				t.Fatalf("%q %q: not JSON: %s", a, b, out)
			}
		}
		app := &app{}
		raw, err := app.pairs([]string{a, b})
		if err == nil {
			for k := range raw {
				if k == "" || k != strings.TrimSpace(k) {
					t.Fatalf("%q %q: name %q", a, b, k)
				}
			}
		}
	})
}

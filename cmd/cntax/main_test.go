package main

import (
	"bytes"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for cntax itself: run with
// CNTAX_TEST_AS_MAIN=1 it is the program, with every package initialised in
// the same order as the real binary (the order is what this package tests).
func TestMain(m *testing.M) {
	if os.Getenv("CNTAX_TEST_AS_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// scriptCmd is this binary run as cntax under script(1): a pseudo-terminal
// whose other end never answers a query, as in an IDE pane or a CI runner.
func scriptCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("script(1) with -c and -e is util-linux")
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	line := shellQuote(self)
	for _, a := range args {
		line += " " + shellQuote(a)
	}
	cmd := exec.Command(script, "-qfec", line, "/dev/null")
	home := t.TempDir()
	// A terminal that claims xterm colours: the kind termenv queries.
	cmd.Env = append(os.Environ(), "CNTAX_TEST_AS_MAIN=1", "TERM=xterm-256color",
		"COLORTERM=", "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_STATE_HOME="+home)
	return cmd
}

// silentPty runs cntax args under a silent terminal and returns what it
// wrote and how long it took.
func silentPty(t *testing.T, args ...string) (string, time.Duration) {
	t.Helper()
	cmd := scriptCmd(t, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		t.Fatalf("cntax %v: %v\n%s", args, err, out.String())
	}
	return out.String(), took
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// oscBackgroundQuery is what termenv writes to ask for the background (OSC 11).
const oscBackgroundQuery = "\x1b]11;?"

// A query nobody answers costs termenv's 5 s timeout; the limit is below it
// with room for a loaded machine and the race detector.
const noWait = 3 * time.Second

func TestNoQueryUnderSilentPty(t *testing.T) {
	for _, args := range [][]string{
		{"--help"},
		{"calc", "vat.general", "sales=113000", "--lang", "en"},
		{"list"},
	} {
		out, took := silentPty(t, args...)
		if strings.Contains(out, oscBackgroundQuery) {
			t.Errorf("cntax %v asked the terminal for its background", args)
		}
		if took > noWait {
			t.Errorf("cntax %v took %v under a silent terminal (limit %v)", args, took, noWait)
		}
		if !strings.Contains(out, "cntax") && !strings.Contains(out, "113000") && !strings.Contains(out, "vat") {
			t.Errorf("cntax %v printed nothing recognisable:\n%q", args, out)
		}
	}
}

func TestTUINoQueryUnderSilentPty(t *testing.T) {
	// The TUI must draw its first screen without waiting on the terminal,
	// then quit on ctrl+c (sent only once it draws: before raw mode the
	// line discipline would turn it into a signal).
	cmd := scriptCmd(t, "--lang", "en")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = outW, outW
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	outW.Close()
	drawn := make(chan time.Duration, 1)
	var out bytes.Buffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 4096)
		sent := false
		for {
			n, err := outR.Read(buf)
			out.Write(buf[:n])
			// The alternate screen is entered, then the home screen drawn.
			if !sent && strings.Contains(out.String(), "\x1b[?1049h") && strings.Contains(out.String(), "2") {
				sent = true
				drawn <- time.Since(start)
				time.Sleep(200 * time.Millisecond)
				_, _ = in.Write([]byte{3})
			}
			if err != nil {
				return
			}
		}
	}()
	var took time.Duration
	select {
	case took = <-drawn:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the TUI drew nothing in 20 s:\n%q", out.String())
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Errorf("the TUI did not quit cleanly on ctrl+c: %v", err)
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Error("the TUI did not quit on ctrl+c")
	}
	in.Close()
	<-done
	if strings.Contains(out.String(), oscBackgroundQuery) {
		t.Error("the TUI asked the terminal for its background")
	}
	if took > noWait {
		t.Errorf("the TUI took %v to draw under a silent terminal (limit %v)", took, noWait)
	}
	t.Logf("first frame after %v", took)
}

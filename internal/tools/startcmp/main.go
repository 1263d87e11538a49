// Command startcmp measures cntax as whole processes against a Go
// hello-world built by the same toolchain: it builds both, runs each
// command N times alternately with the hello-world (so both see the same
// machine load), and prints the medians of wall time, CPU time and peak
// memory, the ratio of the medians and the spread of the paired ratios.
//
//	go run ./internal/tools/startcmp [-n 41] [-keep DIR]
//
// Only the go tool and the standard library are used; the CPU time and
// peak memory are the kernel's own figures (rusage, /usr/bin/time).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

const hello = `package main

import "fmt"

func main() { fmt.Println("hello, world") }
`

type sample struct {
	wall, cpu time.Duration
}

func main() {
	n := flag.Int("n", 41, "runs of each command (odd gives a true median)")
	keep := flag.String("keep", "", "build into this folder and keep it (default: a temporary one)")
	flag.Parse()
	if err := run(*n, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "startcmp:", err)
		os.Exit(1)
	}
}

func run(n int, keep string) error {
	dir := keep
	if dir == "" {
		d, err := os.MkdirTemp("", "startcmp")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	helloDir := filepath.Join(dir, "hello")
	if err := os.MkdirAll(helloDir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(helloDir, "main.go"), []byte(hello), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(helloDir, "go.mod"), []byte("module hello\n\ngo 1.22\n"), 0o644); err != nil {
		return err
	}
	helloBin := filepath.Join(dir, "hello.bin")
	cntaxBin := filepath.Join(dir, "cntax.bin")
	build := exec.Command("go", "build", "-o", helloBin, ".")
	build.Dir, build.Stderr = helloDir, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building hello-world: %w", err)
	}
	build = exec.Command("go", "build", "-o", cntaxBin, "./cmd/cntax")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building cntax (run from the repository root): %w", err)
	}
	// A fresh HOME so no saved language or history changes the work.
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return err
	}
	env := append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_STATE_HOME="+home, "LANG=C")
	cmds := [][]string{
		{"calc", "vat.general", "sales=100000", "--format", "json"},
		{"calc", "iit.wage_cumulative", "cum_income=30000", "months=1", "--format", "json"},
		{"list"},
		{"show", "iit.wage_cumulative"},
		{"--help"},
	}
	for _, c := range cmds {
		if _, err := once(cntaxBin, c, env); err != nil {
			return fmt.Errorf("cntax %s: %w", strings.Join(c, " "), err)
		}
	}
	fmt.Printf("%d paired runs each; medians; ratio = median(cntax)/median(hello), spread = 10th–90th percentile of the paired ratios\n\n", n)
	fmt.Printf("%-58s %9s %9s %8s %11s %7s %9s\n", "command", "wall", "hello", "ratio", "spread", "cpu×", "peak MiB")
	for _, c := range cmds {
		var hs, cs []sample
		for i := range n {
			// alternate which goes first, so neither always runs warm
			for _, isHello := range []bool{i%2 == 0, i%2 != 0} {
				bin, args := cntaxBin, c
				if isHello {
					bin, args = helloBin, nil
				}
				s, err := once(bin, args, env)
				if err != nil {
					return err
				}
				if isHello {
					hs = append(hs, s)
				} else {
					cs = append(cs, s)
				}
			}
		}
		ratios := make([]float64, n)
		for i := range ratios {
			ratios[i] = float64(cs[i].wall) / float64(hs[i].wall)
		}
		sort.Float64s(ratios)
		hw, cw := median(hs, wallOf), median(cs, wallOf)
		hc, cc := median(hs, cpuOf), median(cs, cpuOf)
		rss, err := peak(cntaxBin, c, env)
		if err != nil {
			return err
		}
		fmt.Printf("%-58s %9s %9s %7.2f× %5.2f–%-5.2f %6.2f× %9.1f\n",
			"cntax "+strings.Join(c, " "), ms(cw), ms(hw), float64(cw)/float64(hw),
			ratios[n/10], ratios[n-1-n/10], float64(cc)/float64(hc), float64(rss)/1024)
	}
	rss, err := peak(helloBin, nil, env)
	if err != nil {
		return err
	}
	fmt.Printf("\nhello-world peak memory: %.1f MiB\n", float64(rss)/1024)
	return nil
}

// peak is the median peak resident memory of a few runs, in KiB, as
// /usr/bin/time reports it. (The rusage of a child started from this Go
// program would count the parent's pages it shares until exec.)
func peak(bin string, args []string, env []string) (int64, error) {
	var v []int64
	for range 5 {
		cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%M", bin}, args...)...)
		cmd.Env = env
		var errb strings.Builder
		cmd.Stderr = &errb
		if err := cmd.Run(); err != nil {
			return 0, fmt.Errorf("/usr/bin/time %s: %w", bin, err)
		}
		lines := strings.Fields(errb.String())
		if len(lines) == 0 {
			return 0, fmt.Errorf("/usr/bin/time printed nothing")
		}
		k, err := strconv.ParseInt(lines[len(lines)-1], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/usr/bin/time printed %q", errb.String())
		}
		v = append(v, k)
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	return v[len(v)/2], nil
}

func once(bin string, args []string, env []string) (sample, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = nil, nil // /dev/null: writing a terminal is not start-up
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, err
	}
	wall := time.Since(start)
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}, nil
}

func wallOf(s sample) time.Duration { return s.wall }
func cpuOf(s sample) time.Duration  { return s.cpu }

func median(ss []sample, f func(sample) time.Duration) time.Duration {
	v := make([]time.Duration, len(ss))
	for i, s := range ss {
		v[i] = f(s)
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	return v[len(v)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/1e6) }

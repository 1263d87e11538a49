// Package race tells tests whether the race detector is on. Randomised
// property tests (thousands of single-goroutine draws) gain nothing from it
// but run ten times slower: under -race they take a sample, and .ci/run
// runs them in full without it.
package race

// Enabled: built with -race (see enabled.go).
const Enabled = enabled

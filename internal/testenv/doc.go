// Package testenv lets tests find the external tools and specification
// files they need, skipping politely on a developer's machine and failing
// loudly in CI.
//
// A test that needs a tool calls Tool; a conformance test that reads the
// official specifications calls Specs. Outside CI (the CI environment
// variable unset) a missing tool or PAGOKIT_SPECS skips the test with a
// message saying what to install or set; with CI set the test fails, so a
// CI run cannot pass by skipping.
package testenv

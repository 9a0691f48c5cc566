package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// env is what a command writes to.
type env struct {
	stdout, stderr io.Writer
}

// usageError marks an error in the command line itself (exit status 2).
type usageError struct{ msg string }

// Error implements error.
func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// command is a node of the command tree: either a leaf with run, or a
// group of sub-commands.
type command struct {
	name    string
	summary string
	run     func(e env, args []string) error
	sub     []*command
}

var root = &command{
	name: "pagokit",
	sub:  []*command{noticeCommand, ecCommand, receiptCommand, bolloCommand},
}

func run(args []string, stdout, stderr io.Writer) int {
	e := env{stdout: stdout, stderr: stderr}
	err := dispatch(e, root, args)
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "pagokit: %s\n", ue.msg)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "pagokit: %v\n", err)
		return exitInvalid
	}
}

func dispatch(e env, c *command, args []string) error {
	if c.run != nil {
		return c.run(e, args)
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(e.stderr, c)
		if len(args) == 0 {
			return usagef("%s: missing command", c.name)
		}
		return flag.ErrHelp
	}
	for _, s := range c.sub {
		if s.name == args[0] {
			return dispatch(e, s, args[1:])
		}
	}
	printHelp(e.stderr, c)
	return usagef("%s: unknown command %q", c.name, args[0])
}

func printHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Commands of %s:\n", c.name)
	for _, s := range c.sub {
		fmt.Fprintf(w, "  %-12s %s\n", s.name, s.summary)
	}
}

// parseFlags parses flags that may come before, between or after the
// positional arguments, and checks the number of positional arguments.
func parseFlags(fs *flag.FlagSet, args []string, positional ...string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("%s: usage: %s", fs.Name(), usageLine(fs, positional))
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) != len(positional) {
		return nil, usagef("%s: usage: %s", fs.Name(), usageLine(fs, positional))
	}
	return pos, nil
}

func usageLine(fs *flag.FlagSet, positional []string) string {
	s := fs.Name()
	for _, p := range positional {
		s += " <" + p + ">"
	}
	fs.VisitAll(func(f *flag.Flag) {
		s += " [--" + f.Name + "]"
	})
	return s
}

// required reports a usage error for each named flag that was not set.
func required(fs *flag.FlagSet, names ...string) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, n := range names {
		if !set[n] {
			return usagef("%s: --%s is required", fs.Name(), n)
		}
	}
	return nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// command is one subcommand of timbang.
type command struct {
	summary string
	run     commandFunc
}

// commandFunc runs a subcommand with its arguments and the process's standard streams.
type commandFunc func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error

var commands = map[string]command{
	"serve":    {"serve the dashboard", noInput(runServe)},
	"demo":     {"load the built-in demo dataset into a database", noInput(runDemo)},
	"import":   {"check and load CSV, XLSX or Parquet files, all or nothing", noInput(runImport)},
	"template": {"write a blank import template with an example row", noInput(runTemplate)},
	"report":   {"write the imbalance report of a view as XLSX, PDF or CSV", noInput(runReport)},
	"plan":     {"compute a transfer plan (rencana mutasi) and write it as XLSX or PDF", noInput(runPlan)},
	"user":     {"add, list and disable users, set passwords", runUser},
}

// noInput adapts a command that never reads standard input.
func noInput(run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) commandFunc {
	return func(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
		return run(ctx, args, stdout, stderr)
	}
}

// errUsage marks a mistake in the command line; it exits with status 2.
var errUsage = errors.New("usage")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

// run is the whole program, callable from tests: it never exits the process. Standard input
// is passed like the outputs, so tests can feed it (user passwords are only read from it).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		usage(stderr)
		return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	return cmd.run(ctx, args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Timbang: weigh civil-service workload and find where staff are short or in surplus.")
	fmt.Fprintln(w, "\nUsage: timbang COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'timbang COMMAND --help' for a command's flags.")
}

// newFlags makes a flag set whose --help prints to stdout and returns flag.ErrHelp.
func newFlags(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stdout)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: timbang %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; --help is not an error, anything else wrong is a usage error.
func parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return false, fmt.Errorf("%w: unexpected arguments: %s", errUsage, strings.Join(fs.Args(), " "))
	}
	return false, nil
}

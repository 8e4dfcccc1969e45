// Package cli implements the triage command: one function per subcommand,
// flags parsed here, work done by the domain packages.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand.
type command struct {
	name, usage string
	run         func(ctx context.Context, env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server and background workers (migrates first)", runServe},
		{"migrate", "apply pending database migrations", runMigrate},
		{"seed-demo", "create the demo tenant with its customers, history and pending replies", runSeedDemo},
		{"form-link", "print a signed web-form link for a customer", runFormLink},
		{"api-token", "create (or --revoke) a tenant's API token for POST /api/v1/replies", runAPIToken},
		{"parse", "print the normalized form of a raw email message (FILE or -)", runParse},
		{"backfill", "embed a tenant's past qualifications again after a change of embedder", runBackfill},
		{"eval", "measure suggestions offline: learn from --history, suggest --set, print metrics", runEval},
		{"mailbox", "add, list or test the IMAP mailboxes replies are read from (add|list|test)", runMailbox},
		{"bench", "measure ingestion, suggestions, the review pages and evals; print a table, save JSON", runBench},
	}
}

// Env is what a subcommand may use from its surroundings.
type Env struct {
	Getenv func(string) string
	Stdout io.Writer
	Stderr io.Writer
}

// errUsage marks errors caused by the command line, reported with usage.
var errUsage = errors.New("usage")

// Main runs the triage command and returns its exit code.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, &Env{Getenv: os.Getenv, Stdout: os.Stdout, Stderr: os.Stderr}, args)
}

// Run dispatches args (without the program name) to a subcommand.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(env.Stderr, "triage %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(env.Stderr, "triage %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "triage: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "triage handles customer replies to dunning: ingest, suggest, review.")
	fmt.Fprintln(w, "\nUsage: triage <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nConfiguration comes from the environment (see README.md): DATABASE_URL, TRIAGE_SECRET_KEY, LISTEN_ADDR…")
}

// newFlags returns a flag set whose errors are returned, not fatal.
func newFlags(env *Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("triage "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parse parses flags and rejects stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return nil
}

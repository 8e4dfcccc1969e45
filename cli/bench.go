package cli

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triage-ar/triage/bench"
)

// runBench measures ingestion, an IMAP backlog, suggestions, the review
// pages and the offline evaluation, prints one table and saves the figures
// as JSON. It works in scratch databases of the cluster TRIAGE_BENCH_DATABASE_URL
// (or DATABASE_URL) names and drops them; that database's tables are
// never touched.
func runBench(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "bench")
	only := fs.String("only", strings.Join(bench.Sections, ","), "comma-separated sections to run: "+strings.Join(bench.Sections, ", "))
	sizes := fs.String("sizes", "10k", "comma-separated history sizes of the suggest section, e.g. 10k,100k,1m (1m needs "+bench.Cost(1000000)+" and a long indexing)")
	pending := fs.String("pending", "100k", "pending replies in the queue section")
	cases := fs.Int("eval-cases", 3000, "cases of the eval section")
	imapMsgs := fs.String("imap-messages", "10k", "backlog of the imap section, appended to a local Dovecot")
	corpus := fs.String("corpus", filepath.Join("inbox", "testdata", "eml"), "directory of .eml messages of the ingest section")
	out := fs.String("out", "", "JSON file to write (default bench/results/<timestamp>-<git short sha>.json)")
	if err := parse(fs, args); err != nil {
		return err
	}
	o := bench.Options{Corpus: *corpus, EvalCases: *cases, Progress: env.Stderr}
	for _, s := range strings.Split(*only, ",") {
		if s = strings.TrimSpace(s); s != "" {
			if !slices.Contains(bench.Sections, s) {
				return fmt.Errorf("%w: --only: unknown section %q (want %s)", errUsage, s, strings.Join(bench.Sections, ", "))
			}
			o.Sections = append(o.Sections, s)
		}
	}
	var err error
	if o.Sizes, err = parseCounts("--sizes", *sizes); err != nil {
		return err
	}
	n, err := parseCounts("--pending", *pending)
	if err != nil {
		return err
	}
	if len(n) != 1 {
		return fmt.Errorf("%w: --pending takes one count", errUsage)
	}
	o.Pending = n[0]
	if n, err = parseCounts("--imap-messages", *imapMsgs); err != nil {
		return err
	}
	if len(n) != 1 {
		return fmt.Errorf("%w: --imap-messages takes one count", errUsage)
	}
	o.IMAPMessages = n[0]
	if o.DatabaseURL = env.Getenv("TRIAGE_BENCH_DATABASE_URL"); o.DatabaseURL == "" {
		o.DatabaseURL = env.Getenv("DATABASE_URL")
	}
	sha := gitShortSHA()
	rep, err := bench.Run(ctx, o)
	if err != nil {
		return err
	}
	rep.Commit = sha
	if *out == "" {
		*out = filepath.Join("bench", "results", rep.Started.Format("20060102T150405Z")+"-"+sha+".json")
	}
	if err := rep.WriteTable(env.Stdout); err != nil {
		return err
	}
	if err := rep.WriteJSON(*out); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\n%s in %s; figures written to %s\n", strings.Join(o.Sections, ", "),
		time.Duration(rep.Seconds*float64(time.Second)).Round(time.Second), *out)
	return nil
}

// parseCounts reads "10k,100k,1m" as counts.
func parseCounts(flag, s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"):
			f, mult = strings.TrimSuffix(f, "k"), 1000
		case strings.HasSuffix(f, "m"):
			f, mult = strings.TrimSuffix(f, "m"), 1000000
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%w: %s: %q is not a count such as 10k or 1m", errUsage, flag, s)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

// gitShortSHA names the commit the run measured, or "nogit" outside a
// checkout.
func gitShortSHA() string {
	b, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if s := strings.TrimSpace(string(b)); err == nil && s != "" {
		return s
	}
	return "nogit"
}

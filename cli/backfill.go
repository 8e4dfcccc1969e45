package cli

import (
	"context"
	"fmt"
	"time"
)

// runBackfill embeds a tenant's qualifications again with the configured
// embedder: after a change of embedder, the vectors of the history must be
// comparable with those of new replies. Pages are committed one by one, so
// an interrupted backfill resumes with --after.
func runBackfill(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "backfill")
	tenant := fs.String("tenant", "demo", "tenant slug")
	batch := fs.Int("batch", 500, "qualifications embedded and committed together")
	after := fs.Int64("after", 0, "resume after this qualification id")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *batch <= 0 || *batch > 10000 {
		return fmt.Errorf("%w: --batch must be between 1 and 10000", errUsage)
	}
	a, t, err := openTenant(ctx, env, *tenant)
	if err != nil {
		return err
	}
	defer a.close()
	total, err := a.db.CountQualifications(ctx, t.ID)
	if err != nil {
		return err
	}
	draw := isTerminal(env.Stderr)
	start, done, last := time.Now(), 0, *after
	for {
		rows, err := a.db.QualificationTexts(ctx, t.ID, last, *batch)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		ids := make([]int64, len(rows))
		vecs := make([][]float32, len(rows))
		for i, r := range rows {
			if vecs[i], err = a.embedder.Embed(ctx, r.Text); err != nil {
				return fmt.Errorf("embed qualification %d (resume with --after %d): %w", r.ID, last, err)
			}
			ids[i] = r.ID
		}
		if err := a.db.SetEmbeddings(ctx, t.ID, ids, vecs); err != nil {
			return fmt.Errorf("%w (resume with --after %d)", err, last)
		}
		done += len(rows)
		last = rows[len(rows)-1].ID
		if draw {
			fmt.Fprintf(env.Stderr, "\r%d/%d qualifications", done, total)
		}
	}
	if draw {
		fmt.Fprintln(env.Stderr)
	}
	fmt.Fprintf(env.Stdout, "re-embedded %d qualifications of %s in %s (last id %d)\n",
		done, t.Slug, time.Since(start).Round(time.Millisecond), last)
	return nil
}

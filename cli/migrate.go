package cli

import (
	"context"
	"fmt"

	"github.com/triage-ar/triage/store"
)

func runMigrate(ctx context.Context, env *Env, args []string) error {
	if err := parse(newFlags(env, "migrate"), args); err != nil {
		return err
	}
	cfg, log, err := loadConfig(env, "DATABASE_URL")
	if err != nil {
		return err
	}
	n, err := store.Migrate(ctx, cfg.DatabaseURL, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%d migration(s) applied\n", n)
	return nil
}

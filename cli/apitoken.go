package cli

import (
	"context"
	"fmt"

	"github.com/triage-ar/triage/inbox"
)

func runAPIToken(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "api-token")
	tenant := fs.String("tenant", "", "tenant slug (required)")
	name := fs.String("name", "", "what the token is for, e.g. erp (required)")
	revoke := fs.Bool("revoke", false, "revoke the token of that name instead of creating one")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *tenant == "" || *name == "" {
		return fmt.Errorf("%w: --tenant and --name are required", errUsage)
	}
	a, t, err := openTenant(ctx, env, *tenant)
	if err != nil {
		return err
	}
	defer a.close()
	if *revoke {
		if err := a.db.RevokeAPIToken(ctx, t.ID, *name); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "API token %q of tenant %q revoked\n", *name, t.Slug)
		return nil
	}
	token, hash := inbox.NewAPIToken()
	if err := a.db.CreateAPIToken(ctx, t.ID, *name, hash); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "API token %q for tenant %q (shown once; triage keeps only its hash):\n", *name, t.Slug)
	fmt.Fprintln(env.Stdout, token)
	return nil
}

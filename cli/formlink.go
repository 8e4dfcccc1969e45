package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/web"
)

func runFormLink(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "form-link")
	tenant := fs.String("tenant", "", "tenant slug (required)")
	customer := fs.String("customer", "", "customer code (required)")
	items := fs.String("items", "", "comma-separated item numbers to pre-select")
	ttl := fs.Duration("ttl", 0, "validity of the link (default TRIAGE_FORM_LINK_TTL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *tenant == "" || *customer == "" {
		return fmt.Errorf("%w: --tenant and --customer are required", errUsage)
	}
	a, t, err := openTenant(ctx, env, *tenant, "TRIAGE_SECRET_KEY")
	if err != nil {
		return err
	}
	defer a.close()
	c, err := a.db.CustomerByCode(ctx, t.ID, *customer)
	if err != nil {
		return fmt.Errorf("customer %q: %w", *customer, err)
	}
	claims := inbox.FormClaims{TenantID: t.ID, CustomerID: c.ID, Expires: time.Now().Add(a.cfg.FormLinkTTL)}
	if *ttl > 0 {
		claims.Expires = time.Now().Add(*ttl)
	}
	if *items != "" {
		open, err := a.db.OpenItems(ctx, t.ID, c.ID)
		if err != nil {
			return err
		}
		known := make(map[string]bool)
		for _, it := range open {
			known[it.Number] = true
		}
		for _, n := range strings.Split(*items, ",") {
			n = strings.TrimSpace(n)
			if !known[n] {
				return fmt.Errorf("%s is not an open item of customer %s", n, c.Code)
			}
			claims.Items = append(claims.Items, n)
		}
	}
	tok, err := inbox.SignFormToken(a.cfg.SecretKey, claims)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, web.FormURL(a.cfg.BaseURL, tok))
	return nil
}

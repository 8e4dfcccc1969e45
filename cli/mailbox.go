package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/web"
)

const mailboxUsage = `usage:
  triage mailbox add  --tenant T --name N --host H [--port P] --tls implicit|starttls|none --user U
                      --password-ref env:VAR|file:/path [--folder INBOX] [--processed-folder Done] [--mark-seen] [--disabled]
  triage mailbox list --tenant T
  triage mailbox test --tenant T --name N`

// runMailbox dispatches the mailbox subcommands: add, list, test.
func runMailbox(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: a subcommand is required\n%s", errUsage, mailboxUsage)
	}
	switch args[0] {
	case "add":
		return runMailboxAdd(ctx, env, args[1:])
	case "list":
		return runMailboxList(ctx, env, args[1:])
	case "test":
		return runMailboxTest(ctx, env, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintln(env.Stderr, mailboxUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q\n%s", errUsage, args[0], mailboxUsage)
}

func runMailboxAdd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "mailbox add")
	tenant := fs.String("tenant", "", "tenant slug (required)")
	name := fs.String("name", "", "name of the mailbox in the tenant, e.g. ar (required)")
	host := fs.String("host", "", "IMAP server host (required)")
	port := fs.Int("port", 0, "IMAP server port (default 993 with --tls implicit, else 143)")
	tlsMode := fs.String("tls", "", "implicit (TLS from the start), starttls or none (required)")
	user := fs.String("user", "", "login (required)")
	ref := fs.String("password-ref", "", "where the password is: env:VAR or file:/path, read at each connection (required)")
	folder := fs.String("folder", "INBOX", "folder to read")
	processed := fs.String("processed-folder", "", "folder to move messages to once stored (default: leave them)")
	markSeen := fs.Bool("mark-seen", false, `flag messages \Seen once stored (default: flags untouched)`)
	disabled := fs.Bool("disabled", false, "add it without polling it yet")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *tenant == "" || *name == "" || *host == "" || *tlsMode == "" || *user == "" || *ref == "" {
		return fmt.Errorf("%w: --tenant, --name, --host, --tls, --user and --password-ref are required", errUsage)
	}
	m := inbox.Mailbox{Name: *name, Host: *host, Port: *port, TLS: inbox.TLSMode(*tlsMode), Username: *user,
		PasswordRef: *ref, Folder: *folder, ProcessedFolder: *processed, MarkSeen: *markSeen}
	if m.Port == 0 {
		m.Port = 143
		if m.TLS == inbox.TLSImplicit {
			m.Port = 993
		}
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	a, t, err := openTenant(ctx, env, *tenant)
	if err != nil {
		return err
	}
	defer a.close()
	row, err := a.db.CreateMailbox(ctx, store.Mailbox{TenantID: t.ID, Name: m.Name, Host: m.Host, Port: m.Port,
		TLSMode: string(m.TLS), Username: m.Username, PasswordRef: m.PasswordRef, Folder: m.Folder,
		ProcessedFolder: m.ProcessedFolder, MarkSeen: m.MarkSeen, Enabled: !*disabled})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "mailbox %q added to tenant %q (id %d): %s\n", row.Name, t.Slug, row.ID, m)
	fmt.Fprintf(env.Stdout, "check it with: triage mailbox test --tenant %s --name %s\n", t.Slug, row.Name)
	if _, err := inbox.ResolvePassword(m.PasswordRef, env.Getenv); err != nil {
		fmt.Fprintf(env.Stdout, "note: %v here; the server reads it from its own environment\n", err)
	}
	return nil
}

func runMailboxList(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "mailbox list")
	tenant := fs.String("tenant", "", "tenant slug (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *tenant == "" {
		return fmt.Errorf("%w: --tenant is required", errUsage)
	}
	a, t, err := openTenant(ctx, env, *tenant)
	if err != nil {
		return err
	}
	defer a.close()
	ms, err := a.db.Mailboxes(ctx, t.ID)
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		fmt.Fprintf(env.Stdout, "tenant %q has no mailbox: add one with `triage mailbox add`\n", t.Slug)
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tSERVER\tTLS\tUSER\tFOLDER\tSTATE\tCHECKPOINT\tLAST SYNC\tLAST ERROR")
	for _, m := range ms {
		folder := m.Folder
		if m.ProcessedFolder != "" {
			folder += " → " + m.ProcessedFolder
		}
		state := "enabled"
		if !m.Enabled {
			state = "disabled"
		}
		sync := "never"
		if m.LastSyncAt != nil {
			sync = m.LastSyncAt.Local().Format(time.DateTime)
		}
		fmt.Fprintf(w, "%s\t%s:%d\t%s\t%s\t%s\t%s\t%d/%d\t%s\t%s\n", m.Name, m.Host, m.Port, m.TLSMode, m.Username,
			folder, state, m.UIDValidity, m.LastUID, sync, oneLine(m.LastError))
	}
	return w.Flush()
}

func runMailboxTest(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "mailbox test")
	tenant := fs.String("tenant", "", "tenant slug (required)")
	name := fs.String("name", "", "mailbox name (required)")
	timeout := fs.Duration("timeout", 20*time.Second, "give up after this long")
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
	row, err := a.db.MailboxByName(ctx, t.ID, *name)
	if err != nil {
		return fmt.Errorf("mailbox %q: %w", *name, err)
	}
	m := web.MailboxForPoller(row)
	cctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	res, err := inbox.CheckMailbox(cctx, inbox.IMAPDialer{Getenv: env.Getenv, Timeout: *timeout}, m)
	if err != nil {
		return fmt.Errorf("mailbox %s: %v", m.Name, err)
	}
	fmt.Fprintf(env.Stdout, "ok: logged in to %s (tls %s) as %s\n", m.Addr(), m.TLS, m.Username)
	fmt.Fprintf(env.Stdout, "folders: %s\n", strings.Join(res.Folders, ", "))
	fmt.Fprintf(env.Stdout, "folder %q holds %d message(s)", m.Folder, res.Messages)
	if m.ProcessedFolder != "" {
		fmt.Fprintf(env.Stdout, "; stored messages move to %q", m.ProcessedFolder)
	}
	fmt.Fprintln(env.Stdout)
	fmt.Fprintf(env.Stdout, "new mail: %s\n", map[bool]string{true: "IDLE (pushed at once)", false: "polled every minute (no IDLE)"}[res.Idle])
	return nil
}

// runPollers keeps one IMAP poller per enabled mailbox of every tenant
// until ctx ends (see inbox.RunPollers); the pollers' advisory locks make
// one replica only read each mailbox. They report their state to states,
// for /readyz.
func runPollers(ctx context.Context, a *app, env *Env, onUnreadable func(), states *inbox.PollerStates) {
	ing := &inbox.Ingester{Service: a.service, Customers: a.db, Log: a.log, OnUnreadable: onUnreadable}
	dialer := inbox.IMAPDialer{Getenv: env.Getenv}
	list := func(ctx context.Context) ([]inbox.Mailbox, error) {
		rows, err := a.db.EnabledMailboxes(ctx)
		ms := make([]inbox.Mailbox, len(rows))
		for i, r := range rows {
			ms[i] = web.MailboxForPoller(r)
		}
		return ms, err
	}
	newPoller := func(m inbox.Mailbox) *inbox.Poller {
		return inbox.NewBatchPoller(m, dialer, a.db, ing.IngestBatch, a.log, inbox.PollOptions{States: states})
	}
	inbox.RunPollers(ctx, list, newPoller, time.Minute, a.log)
}

func oneLine(s string) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > 80 {
		return string(r[:77]) + "..."
	}
	return string(r)
}

package inbox

import (
	"context"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// MailboxCheck is what CheckMailbox found on the server.
type MailboxCheck struct {
	// Folders are the folders the account can see, sorted.
	Folders []string
	// Messages is how many messages the folder read holds.
	Messages uint32
	// Idle, Move and UIDPlus tell which extensions the poller can use:
	// without IDLE it polls, without MOVE it copies then deletes.
	Idle, Move, UIDPlus bool
}

// CheckMailbox connects to a mailbox as its poller would, logs in and lists
// the folders, for an admin adding or debugging one. Its errors are one
// sentence naming what to fix: host, TLS mode, credentials or folder.
func CheckMailbox(ctx context.Context, d Dialer, m Mailbox) (MailboxCheck, error) {
	var res MailboxCheck
	c, err := d.Dial(ctx, m, nil)
	if err != nil {
		return res, err
	}
	defer c.Close()
	defer context.AfterFunc(ctx, func() { c.Close() })()
	caps := c.Caps()
	res.Idle, res.Move, res.UIDPlus = caps.Has(imap.CapIdle), caps.Has(imap.CapMove), caps.Has(imap.CapUIDPlus)
	list, err := c.List("", "*", nil).Collect()
	if err != nil {
		return res, problem(err, ProblemListFolders, err)
	}
	for _, l := range list {
		if !slices.Contains(l.Attrs, imap.MailboxAttrNoSelect) {
			res.Folders = append(res.Folders, l.Mailbox)
		}
	}
	slices.Sort(res.Folders)
	has := func(name string) bool {
		return slices.ContainsFunc(res.Folders, func(f string) bool {
			return f == name || strings.EqualFold(name, "INBOX") && strings.EqualFold(f, "INBOX")
		})
	}
	if !has(m.folder()) {
		return res, problem(nil, ProblemFolderMissing, m.folder(), strings.Join(res.Folders, ", "))
	}
	if m.ProcessedFolder != "" && !has(m.ProcessedFolder) {
		return res, problem(nil, ProblemProcessedMissing, m.ProcessedFolder, strings.Join(res.Folders, ", "))
	}
	data, err := c.Status(m.folder(), &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		return res, problem(err, ProblemFolderStatus, m.folder(), err)
	}
	if data.NumMessages != nil {
		res.Messages = *data.NumMessages
	}
	c.Logout().Wait()
	return res, nil
}

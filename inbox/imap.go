package inbox

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// TLSMode is how the connection to an IMAP server is protected.
type TLSMode string

// TLS modes of a mailbox.
const (
	TLSImplicit TLSMode = "implicit" // TLS from the first byte, usually port 993
	TLSStartTLS TLSMode = "starttls" // plain connection upgraded with STARTTLS, usually port 143
	TLSNone     TLSMode = "none"     // no encryption: only for a server on a trusted network
)

// Mailbox is the configuration of one IMAP mailbox triage reads replies from.
type Mailbox struct {
	ID       int64
	TenantID int64
	Name     string
	Host     string
	Port     int
	TLS      TLSMode
	Username string
	// PasswordRef says where the password is: "env:NAME" or "file:/path".
	// It is resolved at each connection, so a rotated secret is picked up
	// without a restart, and the password itself is never stored.
	PasswordRef string
	// Folder is the folder read, INBOX by default.
	Folder string
	// ProcessedFolder, when set, is where messages are moved once stored.
	ProcessedFolder string
	// MarkSeen sets \Seen on messages once stored; otherwise their flags
	// are left untouched (they are fetched with BODY.PEEK[]).
	MarkSeen bool
}

// Addr is the host:port to dial.
func (m Mailbox) Addr() string { return net.JoinHostPort(m.Host, strconv.Itoa(m.Port)) }

// String names the mailbox in logs and messages, without any secret.
func (m Mailbox) String() string {
	return fmt.Sprintf("%s (%s@%s, %s)", m.Name, m.Username, m.Addr(), m.folder())
}

func (m Mailbox) folder() string {
	if m.Folder == "" {
		return "INBOX"
	}
	return m.Folder
}

var mailboxNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`)

// Validate checks a mailbox configuration and names the first bad field.
func (m Mailbox) Validate() error {
	switch {
	case !mailboxNameRe.MatchString(m.Name):
		return problem(nil, ProblemName, m.Name)
	case m.Host == "" || strings.ContainsAny(m.Host, " /:@") && net.ParseIP(m.Host) == nil:
		return problem(nil, ProblemHost, m.Host)
	case m.Port < 1 || m.Port > 65535:
		return problem(nil, ProblemPort, m.Port)
	case m.TLS != TLSImplicit && m.TLS != TLSStartTLS && m.TLS != TLSNone:
		return problem(nil, ProblemTLSMode, string(m.TLS))
	case m.Username == "":
		return problem(nil, ProblemUser)
	case m.ProcessedFolder != "" && m.ProcessedFolder == m.folder():
		return problem(nil, ProblemProcessedIsRead, m.ProcessedFolder)
	}
	return CheckPasswordRef(m.PasswordRef)
}

// CheckPasswordRef checks the syntax of a password reference without
// reading the secret.
func CheckPasswordRef(ref string) error {
	kind, arg, _ := strings.Cut(ref, ":")
	switch {
	case kind == "env" && envNameRe.MatchString(arg):
		return nil
	case kind == "file" && filepath.IsAbs(arg):
		return nil
	case kind == "env" || kind == "file":
		return problem(nil, ProblemPasswordRef, ref)
	default:
		// Never echo the value: it may be the password typed by mistake.
		return problem(nil, ProblemPasswordSecret)
	}
}

var envNameRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ResolvePassword reads the password a reference points at: the variable
// of env:NAME (looked up with getenv) or the content of file:/path, without
// its trailing newline.
func ResolvePassword(ref string, getenv func(string) string) (string, error) {
	if err := CheckPasswordRef(ref); err != nil {
		return "", err
	}
	kind, arg, _ := strings.Cut(ref, ":")
	if kind == "env" {
		if getenv == nil {
			getenv = os.Getenv
		}
		p := getenv(arg)
		if p == "" {
			return "", problem(ErrPassword, ProblemPasswordEnv, arg)
		}
		return p, nil
	}
	b, err := os.ReadFile(arg)
	if err != nil {
		return "", problem(ErrPassword, ProblemPasswordFile, err)
	}
	p := strings.TrimRight(string(b), "\r\n")
	if p == "" {
		return "", problem(ErrPassword, ProblemPasswordEmpty, arg)
	}
	return p, nil
}

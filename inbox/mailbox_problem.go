package inbox

import (
	"fmt"
	"maps"
	"slices"
)

// ProblemCode names what is wrong with a mailbox, so that a page can say it
// in the admin's language: the web catalog has a sentence
// "admin.mailboxes.problem.<code>" for every code, taking the Problem's Args.
type ProblemCode string

// The problems an admin adding or testing a mailbox must fix. Each has an
// English sentence in problemTexts, the Problem's Error for logs and the CLI.
const (
	ProblemName             ProblemCode = "name"
	ProblemHost             ProblemCode = "host"
	ProblemPort             ProblemCode = "port"
	ProblemTLSMode          ProblemCode = "tls_mode"
	ProblemUser             ProblemCode = "user"
	ProblemProcessedIsRead  ProblemCode = "processed_is_read"
	ProblemPasswordRef      ProblemCode = "password_ref"
	ProblemPasswordSecret   ProblemCode = "password_secret"
	ProblemPasswordEnv      ProblemCode = "password_env"
	ProblemPasswordFile     ProblemCode = "password_file"
	ProblemPasswordEmpty    ProblemCode = "password_empty"
	ProblemConnect          ProblemCode = "connect"
	ProblemNoAnswer         ProblemCode = "no_answer"
	ProblemNoGreeting       ProblemCode = "no_greeting"
	ProblemImplicitTLS      ProblemCode = "implicit_tls"
	ProblemNoStartTLS       ProblemCode = "no_starttls"
	ProblemTLS              ProblemCode = "tls"
	ProblemLoginDisabled    ProblemCode = "login_disabled"
	ProblemLogin            ProblemCode = "login"
	ProblemListFolders      ProblemCode = "list_folders"
	ProblemFolderMissing    ProblemCode = "folder_missing"
	ProblemProcessedMissing ProblemCode = "processed_missing"
	ProblemFolderStatus     ProblemCode = "folder_status"
)

// problemTexts is the English sentence of each code, with fmt verbs for its
// arguments.
var problemTexts = map[ProblemCode]string{
	ProblemName:             "name %q: use 1 to 63 letters, digits, '.', '_' or '-'",
	ProblemHost:             "host %q is not a host name or an IP address",
	ProblemPort:             "port %d is not between 1 and 65535",
	ProblemTLSMode:          "tls %q: choose implicit, starttls or none",
	ProblemUser:             "user is required",
	ProblemProcessedIsRead:  "processed folder %q is the folder read: choose another one",
	ProblemPasswordRef:      "password reference %q: want env:NAME (a variable name) or file:/absolute/path",
	ProblemPasswordSecret:   "password reference: want env:NAME or file:/absolute/path, never the password itself",
	ProblemPasswordEnv:      "cannot read the mailbox password: environment variable %s is not set or empty",
	ProblemPasswordFile:     "cannot read the mailbox password: %s",
	ProblemPasswordEmpty:    "cannot read the mailbox password: %s is empty",
	ProblemConnect:          "cannot reach the IMAP server %s: %s",
	ProblemNoAnswer:         "cannot reach the IMAP server %s: no answer within %s (is the TLS mode %q right for port %d?)",
	ProblemNoGreeting:       "cannot reach the IMAP server %s: no IMAP greeting: %s",
	ProblemImplicitTLS:      "TLS negotiation failed with %s: %s (is port %d an implicit-TLS port? 993 usually is)",
	ProblemNoStartTLS:       "TLS negotiation failed with %s: the server does not offer STARTTLS (%s)",
	ProblemTLS:              "TLS negotiation failed with %s: %s",
	ProblemLoginDisabled:    "the IMAP server refused the login: it accepts no password on an unencrypted connection: use tls starttls or implicit",
	ProblemLogin:            "the IMAP server refused the login for user %q: %s",
	ProblemListFolders:      "list folders: %s",
	ProblemFolderMissing:    "folder %q does not exist; the account has: %s",
	ProblemProcessedMissing: "processed folder %q does not exist: create it, or choose one of: %s",
	ProblemFolderStatus:     "status of folder %q: %s",
}

// Problem is what is wrong with a mailbox: its code and values (names,
// addresses, and the server's or the system's own words, which stay as they
// were said), the English sentence as its Error, and its cause (ErrConnect,
// ErrTLS, ErrLogin, ErrPassword, or the server's error) for errors.Is.
type Problem struct {
	Code  ProblemCode
	Args  []any
	msg   string
	cause error
}

func (p *Problem) Error() string { return p.msg }

// Unwrap is the problem's cause, if any.
func (p *Problem) Unwrap() error { return p.cause }

// problem builds a *Problem; an error among args is kept as its text.
func problem(cause error, code ProblemCode, args ...any) error {
	for i, a := range args {
		if err, ok := a.(error); ok {
			args[i] = err.Error()
		}
	}
	return &Problem{Code: code, Args: args, msg: fmt.Sprintf(problemTexts[code], args...), cause: cause}
}

// ProblemCodes lists every mailbox problem code, sorted: the web catalog
// must translate each one.
func ProblemCodes() []ProblemCode { return slices.Sorted(maps.Keys(problemTexts)) }

// English is the code's English sentence with its fmt verbs, or "" for a
// code inbox does not know.
func (c ProblemCode) English() string { return problemTexts[c] }

package triage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Letters runs the letter workflow (seed 004): templates and letterhead,
// drafts of letter actions, approval, the automatic sweep and printing by
// hand. Rendering and posting are the letters and postal packages' work,
// driven by the send_letter job.
type Letters struct {
	svc   *Service
	store LetterStore
}

// NewLetters builds the letter workflow beside the review workflow.
func NewLetters(svc *Service, store LetterStore) *Letters { return &Letters{svc: svc, store: store} }

// Limits of what admins write in letters.
const (
	MaxLetterBody    = 20000
	MaxLetterAddress = 500
	MaxLetterLegal   = 2000
	MaxLogoBytes     = 256 << 10
)

// LetterDraft is everything a letter is composed of, its hashtags not yet
// replaced: what the letters package renders.
type LetterDraft struct {
	Kind     string
	Lang     string
	Head     Letterhead
	To       Customer
	Date     time.Time
	Subject  string
	Body     string
	Values   HashtagValues
	Items    []Item // the customer's open items (#items_list)
	Selected []Item // those the action is about (#items_list_selected)
}

// Template returns a letter template of the tenant.
func (l *Letters) Template(ctx context.Context, a Actor, id int64) (LetterTemplate, error) {
	if !a.Role.Valid() {
		return LetterTemplate{}, ErrForbidden
	}
	t, err := l.store.LetterTemplate(ctx, a.TenantID, id)
	if err != nil {
		return t, fmt.Errorf("triage: letter template %d: %w", id, err)
	}
	return t, nil
}

// SaveTemplate checks and stores a letter template and its translations
// (admins only) and returns its id. A hashtag that is not known, in the
// main text or a translation, is refused, with the list of those that are.
func (l *Letters) SaveTemplate(ctx context.Context, a Actor, t LetterTemplate) (int64, error) {
	if a.Role != RoleAdmin {
		return 0, ErrForbidden
	}
	t.TenantID, t.Kind = a.TenantID, "letter"
	t.Name, t.Subject = strings.TrimSpace(t.Name), strings.TrimSpace(t.Subject)
	switch {
	case !slices.Contains(LetterKinds, t.LetterKind):
		return 0, Invalid("letter_kind", CodeLetterKind)
	case !t.Mode.Valid():
		return 0, Invalid("mode", CodeLetterMode)
	case t.Name == "" || utf8.RuneCountInString(t.Name) > 120:
		return 0, Invalid("name", CodeNameLength, 120)
	case t.Subject == "" || strings.ContainsAny(t.Subject, "\r\n") || utf8.RuneCountInString(t.Subject) > 200:
		return 0, Invalid("subject", CodeSubjectLength, 200)
	case strings.TrimSpace(t.Body) == "" || !utf8.ValidString(t.Body) || utf8.RuneCountInString(t.Body) > MaxLetterBody:
		return 0, Invalid("body", CodeTextLength, MaxLetterBody)
	}
	if err := CheckHashtags(t.Subject + "\n" + t.Body); err != nil {
		return 0, err
	}
	var err error
	if t.Translations, err = CleanTranslations(t.Translations); err != nil {
		return 0, err
	}
	if t.ID == 0 {
		t.Code = fmt.Sprintf("letter_%s_%d", t.LetterKind, l.svc.now().UnixNano())
	}
	audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "save_letter_template", Entity: "action_template",
		After: []byte(fmt.Sprintf(`{"letter_kind":%q,"mode":%q}`, t.LetterKind, t.Mode))}
	id, err := l.store.SaveLetterTemplate(ctx, t, audit)
	if err != nil {
		return 0, fmt.Errorf("triage: save letter template: %w", err)
	}
	return id, nil
}

// SaveLetterhead stores the tenant's letterhead (admins only). The logo
// must have been checked as an image by the caller; nil keeps the stored one.
func (l *Letters) SaveLetterhead(ctx context.Context, a Actor, h Letterhead) error {
	if a.Role != RoleAdmin {
		return ErrForbidden
	}
	h.TenantID = a.TenantID
	h.Address, h.Legal = strings.TrimSpace(strings.ReplaceAll(h.Address, "\r\n", "\n")), strings.TrimSpace(strings.ReplaceAll(h.Legal, "\r\n", "\n"))
	switch {
	case utf8.RuneCountInString(h.Address) > MaxLetterAddress || !utf8.ValidString(h.Address):
		return Invalid("address", CodeAddressLength, MaxLetterAddress)
	case utf8.RuneCountInString(h.Legal) > MaxLetterLegal || !utf8.ValidString(h.Legal):
		return Invalid("legal", CodeLegalLength, MaxLetterLegal)
	case len(h.Logo) > MaxLogoBytes:
		return Invalid("logo", CodeLogoSize, MaxLogoBytes>>10)
	}
	audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "save_letterhead", Entity: "tenant", EntityID: a.TenantID,
		After: []byte(fmt.Sprintf(`{"logo":%t,"show_logo":%t}`, h.Logo != nil, h.ShowLogo))}
	if err := l.store.SaveLetterhead(ctx, h, audit); err != nil {
		return fmt.Errorf("triage: save letterhead: %w", err)
	}
	return nil
}

// Action returns a letter action the actor may handle: an admin any of the
// tenant's, a collector those assigned to them or to nobody.
func (l *Letters) Action(ctx context.Context, a Actor, actionID int64) (LetterAction, error) {
	if !a.Role.Valid() {
		return LetterAction{}, ErrForbidden
	}
	x, err := l.store.LetterAction(ctx, a.TenantID, actionID)
	if err != nil {
		return x, fmt.Errorf("triage: letter action %d: %w", actionID, err)
	}
	if !CanHandleLetter(a, x.Action) {
		return LetterAction{}, ErrForbidden
	}
	return x, nil
}

// CanHandleLetter reports whether the actor may preview, approve or print
// the letter of an action: an admin any, a collector those of their agenda
// (assigned to them, or to nobody).
func CanHandleLetter(a Actor, act Action) bool {
	return a.Role == RoleAdmin || a.Role == RoleCollector && (act.AssigneeID == nil || *act.AssigneeID == a.UserID)
}

// Draft composes the letter of an action: its template (its translation
// into the customer's language when it has one), the letterhead, the
// customer and the items the action is about, in the customer's language,
// signed by the action's assignee.
func (l *Letters) Draft(ctx context.Context, a Actor, actionID int64) (LetterDraft, error) {
	x, err := l.Action(ctx, a, actionID)
	if err != nil {
		return LetterDraft{}, err
	}
	return l.draftOf(ctx, x)
}

// DraftForSending is Draft for the send_letter job, which acts for nobody.
func (l *Letters) DraftForSending(ctx context.Context, tenantID, actionID int64) (LetterDraft, LetterAction, error) {
	x, err := l.store.LetterAction(ctx, tenantID, actionID)
	if err != nil {
		return LetterDraft{}, x, fmt.Errorf("triage: letter action %d: %w", actionID, err)
	}
	d, err := l.draftOf(ctx, x)
	return d, x, err
}

func (l *Letters) draftOf(ctx context.Context, x LetterAction) (LetterDraft, error) {
	signer := Actor{TenantID: x.Action.TenantID, Role: RoleCollector}
	if x.Action.AssigneeID != nil {
		signer.UserID = *x.Action.AssigneeID
	}
	items, err := l.store.OpenItems(ctx, x.Action.TenantID, x.Customer.ID)
	if err != nil {
		return LetterDraft{}, fmt.Errorf("triage: items of customer %d: %w", x.Customer.ID, err)
	}
	var selected []Item
	for _, it := range items {
		if slices.Contains(x.Action.Items, it.Number) {
			selected = append(selected, it)
		}
	}
	return l.compose(ctx, signer, x.Template, x.Customer, items, selected)
}

// Preview composes a template on a real customer of the tenant, all its
// open items selected, signed by the actor: the admin's live preview.
func (l *Letters) Preview(ctx context.Context, a Actor, templateID, customerID int64) (LetterDraft, error) {
	t, err := l.Template(ctx, a, templateID)
	if err != nil {
		return LetterDraft{}, err
	}
	return l.PreviewDraft(ctx, a, t, customerID)
}

// PreviewDraft composes a template being edited, not saved yet, on a
// customer, in the customer's language; its hashtags, and those of its
// translations, are checked first.
func (l *Letters) PreviewDraft(ctx context.Context, a Actor, t LetterTemplate, customerID int64) (LetterDraft, error) {
	if !a.Role.Valid() {
		return LetterDraft{}, ErrForbidden
	}
	if err := CheckHashtags(t.Subject + "\n" + t.Body); err != nil {
		return LetterDraft{}, err
	}
	var err error
	if t.Translations, err = CleanTranslations(t.Translations); err != nil {
		return LetterDraft{}, err
	}
	c, err := l.store.Customer(ctx, a.TenantID, customerID)
	if err != nil {
		return LetterDraft{}, fmt.Errorf("triage: customer %d: %w", customerID, err)
	}
	items, err := l.store.OpenItems(ctx, a.TenantID, c.ID)
	if err != nil {
		return LetterDraft{}, fmt.Errorf("triage: items of customer %d: %w", c.ID, err)
	}
	return l.compose(ctx, a, t, c, items, items)
}

func (l *Letters) compose(ctx context.Context, signer Actor, t LetterTemplate, c Customer, items, selected []Item) (LetterDraft, error) {
	v, err := l.svc.baseValues(ctx, signer, &c, items)
	if err != nil {
		return LetterDraft{}, err
	}
	var sel []string
	for _, it := range selected {
		sel = append(sel, it.Number)
	}
	v["#items_list_selected"] = strings.Join(sel, ", ")
	h, err := l.store.Letterhead(ctx, c.TenantID)
	if err != nil {
		return LetterDraft{}, fmt.Errorf("triage: letterhead: %w", err)
	}
	if !h.ShowLogo {
		h.Logo = nil
	}
	text := t.ForCustomer(&c)
	return LetterDraft{Kind: t.LetterKind, Lang: customerLang(&c), Head: h, To: c, Date: l.svc.now(),
		Subject: text.Subject, Body: text.Body, Values: v, Items: items, Selected: selected}, nil
}

// Approve queues the letters of actions for sending through the postal
// provider: one, or many from the agenda at once. Nothing is queued when
// one of them cannot be.
func (l *Letters) Approve(ctx context.Context, a Actor, ids []int64) error {
	if !a.Role.Valid() || a.UserID == 0 {
		return ErrForbidden
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return Invalid("actions", CodeNoLetter)
	}
	for _, id := range ids {
		x, err := l.Action(ctx, a, id)
		if err != nil {
			return err
		}
		if x.Action.Done {
			return fmt.Errorf("triage: letter action %d is done: %w", id, ErrConflict)
		}
	}
	by := a.userRef()
	err := l.store.QueueLetters(ctx, a.TenantID, ids, by, func(id int64) Audit {
		return Audit{TenantID: a.TenantID, UserID: by, Action: "approve_letter", Entity: "action", EntityID: id,
			After: []byte(`{"letter":"queued"}`)}
	})
	if err != nil {
		return fmt.Errorf("triage: approve letters: %w", err)
	}
	l.svc.log.InfoContext(ctx, "letters approved", "tenant", a.TenantID, "count", len(ids))
	return nil
}

// Complete completes an action from the agenda. The letter of a letter
// action not handed to the postal provider was printed and posted by the
// collector (seed 004: "Terminer l'action" confirms the sending), and is
// recorded as sent by hand.
func (l *Letters) Complete(ctx context.Context, a Actor, actionID int64) error {
	x, err := l.Action(ctx, a, actionID)
	switch {
	case errors.Is(err, ErrNotFound): // not a letter
		return l.svc.CompleteAction(ctx, a, actionID)
	case err != nil:
		return err
	case x.Letter != nil: // queued for the provider: its sending completes it
		return fmt.Errorf("triage: letter action %d is being sent: %w", actionID, ErrConflict)
	}
	if err := l.svc.CompleteAction(ctx, a, actionID); err != nil {
		return err
	}
	if err := l.store.RecordLetterPrinted(ctx, a.TenantID, actionID, a.userRef(), x.Template.LetterKind, l.svc.now()); err != nil {
		return fmt.Errorf("triage: letter printed: %w", err)
	}
	return nil
}

// SweepAutomatic queues the letters of automatic templates due today or
// before, of every tenant, and returns how many it queued. A letter a
// collector queued meanwhile is skipped.
func (l *Letters) SweepAutomatic(ctx context.Context) (int, error) {
	due, err := l.store.DueAutomaticLetters(ctx, Day(l.svc.now()))
	if err != nil {
		return 0, fmt.Errorf("triage: sweep letters: %w", err)
	}
	n := 0
	for _, act := range due {
		err := l.store.QueueLetters(ctx, act.TenantID, []int64{act.ID}, nil, func(id int64) Audit {
			return Audit{TenantID: act.TenantID, Action: "sweep_letter", Entity: "action", EntityID: id, After: []byte(`{"letter":"queued"}`)}
		})
		switch {
		case errors.Is(err, ErrConflict) || errors.Is(err, ErrNotFound):
		case err != nil:
			return n, fmt.Errorf("triage: sweep letters: %w", err)
		default:
			n++
		}
	}
	if n > 0 {
		l.svc.log.InfoContext(ctx, "automatic letters queued", "count", n)
	}
	return n, nil
}

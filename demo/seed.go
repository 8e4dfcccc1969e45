package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// TenantSlug is the demo tenant's slug.
const TenantSlug = "demo"

// TenantLang is the demo tenant's language: its users' pages and its
// default statuses and templates are French.
const TenantLang = triage.LangFR

// Password is the password of every demo user.
const Password = "demo"

// Logins are the demo users, in the order make run prints them.
var Logins = []struct {
	Login, Name string
	Role        triage.Role
}{
	{"admin", "Claire Fontaine", triage.RoleAdmin},
	{"collector", "Julie Moreau", triage.RoleCollector},
	{"collector2", "Thomas Petit", triage.RoleCollector},
}

// ErrSeeded is returned when the demo tenant already exists.
var ErrSeeded = errors.New("demo: the demo tenant already exists")

// Seeder writes the demo data set.
type Seeder struct {
	DB       *store.DB
	Service  *triage.Service
	Embedder triage.Embedder
	// Clean isolates the customer's words from a reply body (quotes, signature).
	Clean func(body string) string
	// BcryptCost is the password hashing cost (bcrypt.DefaultCost when 0).
	BcryptCost int
	Now        time.Time
}

// Report counts what Seed wrote.
type Report struct {
	Tenant                             triage.Tenant
	Customers, Items, History, Pending int
}

// Seed creates the demo tenant. Pending replies are ingested through the
// workflow, so their suggestion jobs are queued like any other reply's.
func (s *Seeder) Seed(ctx context.Context) (Report, error) {
	var rep Report
	if _, err := s.DB.TenantBySlug(ctx, TenantSlug); err == nil {
		return rep, ErrSeeded
	} else if !errors.Is(err, triage.ErrNotFound) {
		return rep, err
	}
	data, err := Load()
	if err != nil {
		return rep, err
	}
	if s.Now.IsZero() {
		s.Now = time.Now()
	}
	t, err := s.DB.InsertTenant(ctx, TenantSlug, "ACME Distribution")
	if err != nil {
		return rep, err
	}
	rep.Tenant = t
	users, err := s.users(ctx, t.ID)
	if err != nil {
		return rep, err
	}
	if err := s.catalog(ctx, t.ID); err != nil {
		return rep, err
	}
	customers, err := s.customers(ctx, t.ID, data.Customers, users, &rep)
	if err != nil {
		return rep, err
	}
	if err := s.letters(ctx, t.ID, customers, len(triage.DefaultCatalogIn(TenantLang))); err != nil {
		return rep, err
	}
	if err := s.history(ctx, t.ID, data.History, data.Customers, customers, &rep); err != nil {
		return rep, err
	}
	return rep, s.pending(ctx, t.ID, data.Pending, customers, &rep)
}

func (s *Seeder) users(ctx context.Context, tenantID int64) (map[string]int64, error) {
	cost := s.BcryptCost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(Password), cost)
	if err != nil {
		return nil, fmt.Errorf("demo: hash password: %w", err)
	}
	ids := make(map[string]int64)
	for _, l := range Logins {
		u, err := s.DB.InsertUser(ctx, triage.User{TenantID: tenantID, Login: l.Login, Name: l.Name,
			Email: l.Login + "@acme-distribution.fr", Role: l.Role, Lang: TenantLang}, hash)
		if err != nil {
			return nil, err
		}
		ids[l.Login] = u.ID
	}
	return ids, nil
}

func (s *Seeder) catalog(ctx context.Context, tenantID int64) error {
	// The demo has English-speaking customers: its templates come with their
	// English translations, in the tenant's language (French) otherwise.
	for _, at := range triage.TranslatedActionTemplates() {
		at.TenantID = tenantID
		if err := s.DB.UpsertActionTemplate(ctx, at); err != nil {
			return err
		}
	}
	for i, st := range triage.DefaultCatalogIn(TenantLang) {
		st.TenantID = tenantID
		if err := s.DB.UpsertStatus(ctx, st, i); err != nil {
			return err
		}
	}
	return nil
}

func (s *Seeder) customers(ctx context.Context, tenantID int64, cs []Customer, users map[string]int64, rep *Report) (map[string]int64, error) {
	ids := make(map[string]int64, len(cs))
	today := triage.Day(s.Now)
	for _, c := range cs {
		var collector *int64
		if id, ok := users[c.Collector]; ok {
			collector = &id
		}
		id, err := s.DB.InsertCustomer(ctx, triage.Customer{TenantID: tenantID, Code: c.Code, Name: c.Name, Contact: c.Contact,
			Emails: []string{c.Email}, Lang: c.Lang, Country: c.Country, Address: c.Address, CollectorID: collector})
		if err != nil {
			return nil, err
		}
		ids[c.Code] = id
		rep.Customers++
		for _, it := range c.Items {
			err := s.DB.InsertItem(ctx, triage.Item{TenantID: tenantID, CustomerID: id, Number: it.Number, Kind: triage.ItemKind(it.Kind),
				Issued: today.AddDate(0, 0, it.IssuedDays), Due: today.AddDate(0, 0, it.DueDays),
				Amount: it.Amount, OpenAmount: it.OpenAmount, Currency: "EUR"})
			if err != nil {
				return nil, err
			}
			rep.Items++
		}
	}
	return ids, nil
}

// history imports past qualifications, each attached to a customer of the
// same language so that customer pages show a plausible thread.
func (s *Seeder) history(ctx context.Context, tenantID int64, past []Past, cs []Customer, ids map[string]int64, rep *Report) error {
	byLang := make(map[string][]Customer)
	for _, c := range cs {
		byLang[c.Lang] = append(byLang[c.Lang], c)
	}
	for i, p := range past {
		pool := byLang[p.Lang]
		if len(pool) == 0 {
			pool = cs
		}
		c := pool[i%len(pool)]
		cid := ids[c.Code]
		clean := s.Clean(p.Text)
		vec, err := s.Embedder.Embed(ctx, clean)
		if err != nil {
			return fmt.Errorf("demo: embed history %d: %w", i, err)
		}
		at := s.Now.Add(-time.Duration(p.DaysAgo)*24*time.Hour - time.Duration(i%9)*time.Hour)
		r := triage.NewReply{TenantID: tenantID, Source: triage.SourceIMAP, MessageID: fmt.Sprintf("<demo-history-%d@%s>", i, TenantSlug),
			From: fmt.Sprintf("%s <%s>", c.Contact, c.Email), Subject: p.Subject, ReceivedAt: at, Text: p.Text, BodyClean: clean,
			Lang: p.Lang, CustomerID: &cid, ItemRefs: p.Items}
		q := triage.Qualification{TenantID: tenantID, Items: p.Items, Status: p.Status, Comment: p.Comment, Text: clean, Embedding: vec}
		if p.Status != "dispute_resolved" && isDispute(p.Status) {
			q.Resolver = "Service commercial"
		}
		if _, err := s.DB.InsertHistory(ctx, r, q); err != nil {
			return err
		}
		rep.History++
	}
	return nil
}

func isDispute(code string) bool {
	st, ok := triage.DefaultCatalog().Find(code)
	return ok && st.IsDispute
}

func (s *Seeder) pending(ctx context.Context, tenantID int64, ps []Pending, ids map[string]int64, rep *Report) error {
	for i, p := range ps {
		r := triage.NewReply{TenantID: tenantID, Source: triage.Source(p.Source), MessageID: fmt.Sprintf("<demo-pending-%d@%s>", i, TenantSlug),
			From: p.From, Subject: p.Subject, ReceivedAt: s.Now.Add(time.Duration(p.ReceivedHours) * time.Hour),
			Text: p.Text, BodyClean: s.Clean(p.Text), Lang: p.Lang}
		if id, ok := ids[p.Customer]; ok {
			r.CustomerID = &id
		}
		if _, err := s.Service.Ingest(ctx, r); err != nil {
			return fmt.Errorf("demo: pending reply %d: %w", i, err)
		}
		rep.Pending++
	}
	return nil
}

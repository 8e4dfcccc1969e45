package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestAPIQueue lists pending replies with their suggestions and acts on
// them through the API, within the token's tenant only.
func TestAPIQueue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok := f.apiToken(f.acme.ID, "erp")
	t0 := time.Now().Add(-time.Hour)
	var rs []triage.Reply
	for i := range 3 {
		rs = append(rs, f.ingest(f.customer, fmt.Sprintf("R%d", i), "Le prix de la F-2026-01187 est faux", t0.Add(time.Duration(i)*time.Minute)))
	}
	foreign := f.ingest(f.foreign, "Other tenant", "hello", t0)

	st, page := f.apiDo(http.MethodGet, "/api/v1/replies?limit=2", tok, "", "", "")
	list, _ := page["replies"].([]any)
	if st != http.StatusOK || len(list) != 2 || page["next"] == nil {
		t.Fatalf("first page: %d %v", st, page)
	}
	first := list[0].(map[string]any)
	sg, _ := first["suggestion"].(map[string]any)
	if first["id"] != float64(rs[2].ID) || first["customer_code"] != "C10042" || sg["status"] != "price_dispute" || sg["confidence"] != 0.82 {
		t.Errorf("newest reply: %v", first)
	}
	st, page = f.apiDo(http.MethodGet, "/api/v1/replies?limit=2&after="+page["next"].(string), tok, "", "", "")
	if list, _ := page["replies"].([]any); st != http.StatusOK || len(list) != 1 || page["next"] != nil {
		t.Errorf("second page: %d %v", st, page)
	}
	for _, q := range []string{"?state=done", "?limit=0", "?limit=500", "?after=garbage"} {
		if st, p := f.apiDo(http.MethodGet, "/api/v1/replies"+q, tok, "", "", ""); st != http.StatusBadRequest || p["field"] == nil {
			t.Errorf("GET %s = %d %v", q, st, p)
		}
	}

	act := func(r triage.Reply, verb, body string) (int, map[string]any) {
		return f.apiDo(http.MethodPost, fmt.Sprintf("/api/v1/replies/%d/%s", r.ID, verb), tok, "application/json", "", body)
	}
	if st, p := act(rs[0], "qualify", `{"status":"price_dispute","items":["F-2026-01187"]}`); st != http.StatusUnprocessableEntity || p["field"] != "resolver" {
		t.Errorf("qualify without resolver: %d %v", st, p)
	}
	if st, p := act(rs[0], "qualify", `{"status":"price_dispute","resolver":"Sales","items":["F-2026-01187"],"follow_up":"2026-13-01"}`); st != http.StatusUnprocessableEntity || p["field"] != "follow_up" {
		t.Errorf("qualify with a bad date: %d %v", st, p)
	}
	if st, p := act(rs[0], "qualify", `{"status":"price_dispute","resolvr":"typo"}`); st != http.StatusBadRequest {
		t.Errorf("qualify with an unknown field: %d %v", st, p)
	}
	if st, p := act(rs[0], "qualify", `{"status":"price_dispute","resolver":"Sales","items":["F-2026-01187"],"comment":"via ERP"}`); st != http.StatusOK || p["state"] != "qualified" {
		t.Errorf("qualify: %d %v", st, p)
	}
	if q, err := f.db.CurrentQualification(ctx, f.acme.ID, rs[0].ID); err != nil || q.Comment != "via ERP" || q.ByUserID != 0 {
		t.Errorf("qualification by the API: %+v %v", q, err)
	}
	if st, p := act(rs[0], "validate", ""); st != http.StatusConflict {
		t.Errorf("validate a qualified reply: %d %v", st, p)
	}
	if st, p := act(rs[1], "validate", ""); st != http.StatusOK || p["state"] != "validated" {
		t.Errorf("validate: %d %v", st, p)
	}
	if st, p := act(rs[2], "delete", ""); st != http.StatusOK || p["state"] != "deleted" {
		t.Errorf("delete: %d %v", st, p)
	}
	// Another tenant's reply does not exist for this token.
	if st, p := act(foreign, "delete", ""); st != http.StatusNotFound {
		t.Errorf("delete another tenant's reply: %d %v", st, p)
	}
	if r, _ := f.db.Reply(ctx, f.globex.ID, foreign.ID); r.State != triage.StatePending {
		t.Errorf("another tenant's reply is %s", r.State)
	}
	if st, _ := f.apiDo(http.MethodGet, "/api/v1/replies", "", "", "", ""); st != http.StatusUnauthorized {
		t.Errorf("list without a token = %d", st)
	}
}

// TestAPIReminderThreads: a reminder reported by the dunning system links
// the replies that answer it to its customer, whoever sends them.
func TestAPIReminderThreads(t *testing.T) {
	f := newFixture(t)
	tok := f.apiToken(f.acme.ID, "dunning")
	st, p := f.apiDo(http.MethodPost, "/api/v1/reminders", tok, "application/json", "",
		`{"message_id":"<relance-2026-118@acme-distribution.fr>","customer_code":"C10042","items":["F-2026-01187"],"sent_at":"2026-11-20T08:00:00Z"}`)
	if st != http.StatusCreated {
		t.Fatalf("reminder: %d %v", st, p)
	}
	if st, p := f.apiDo(http.MethodPost, "/api/v1/reminders", tok, "application/json", "", `{"message_id":"<x@y>","customer_code":"NOPE"}`); st != http.StatusUnprocessableEntity || p["field"] != "customer_code" {
		t.Errorf("reminder for an unknown customer: %d %v", st, p)
	}
	raw := "From: Someone New <new.person@gmail.com>\r\nTo: recouvrement@acme-distribution.fr\r\n" +
		"Subject: RE: Relance\r\nMessage-ID: <answer-1@gmail.com>\r\nIn-Reply-To: <relance-2026-118@acme-distribution.fr>\r\n" +
		"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nC'est payé depuis vendredi.\r\n"
	st, p = f.apiCall(tok, "message/rfc822", "", raw)
	if st != http.StatusCreated || p["customer_id"] != float64(f.customer.ID) {
		t.Errorf("reply to the reminder: %d %v, want customer %d", st, p, f.customer.ID)
	}
}

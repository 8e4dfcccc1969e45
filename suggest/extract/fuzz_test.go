package extract

import (
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzExtract(f *testing.F) {
	for _, s := range []string{frenchReply, "Nous paierons le 15.", "We will pay next Friday, 1,245.60 USD", "bis zum 3. März", "RF18 5390 0754 7034", "F-101 is paid, F-102 has a wrong price", "\xff\xfe le 31/02/9999"} {
		f.Add(s, uint16(9200))
	}
	f.Fuzz(func(t *testing.T, text string, days uint16) {
		rec := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
		r := Extract(text, rec, []string{"F-101", "F-2026-01187"})
		for _, d := range r.Dates {
			if d.Start < 0 || d.End > len(text) || d.Start >= d.End || text[d.Start:d.End] != d.Text {
				t.Fatalf("date %+v: offsets do not hold its text", d)
			}
			if d.Time.Before(epoch) {
				t.Fatalf("date %+v before 1970", d)
			}
		}
		for _, a := range r.Amounts {
			if a.Start < 0 || a.End > len(text) || text[a.Start:a.End] != a.Text || a.Minor < 0 {
				t.Fatalf("amount %+v: bad offsets or value", a)
			}
		}
		if utf8.ValidString(text) {
			for _, s := range r.TransferRefs {
				if !utf8.ValidString(s) {
					t.Fatalf("transfer ref %q is not UTF-8", s)
				}
			}
		}
		ReturnDate(text, rec)
		Refs(text, text)
	})
}

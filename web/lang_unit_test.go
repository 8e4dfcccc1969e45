package web

import "testing"

func TestAcceptLang(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"", "fr"},
		{"fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"},
		{"en-GB,en;q=0.9", "en"},
		{"en-US", "en"},
		{"de-DE,de;q=0.9,en;q=0.8", "en"},
		{"de-DE,de;q=0.9", "fr"},
		{"ja", "fr"},
		{"*", "fr"},
		{"en;q=0.2,fr;q=0.9", "fr"},
		{";;;,,q=x", "fr"},
	} {
		if got := acceptLang(tc.header); got != tc.want {
			t.Errorf("acceptLang(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for _, tc := range []struct {
		raw, want string
		ok        bool
	}{
		{"/queue", "/queue", true},
		{"/queue?mine=0&status=promise_to_pay", "/queue?mine=0&status=promise_to_pay", true},
		{"/replies/42", "/replies/42", true},
		{"/admin/users#tokens", "/admin/users", true},
		{"", "", false},
		{"queue", "", false},
		{"//evil.example/queue", "", false},
		{"/\\evil.example", "", false},
		{"https://evil.example/queue", "", false},
		{"javascript:alert(1)", "", false},
		{"/queue\r\nSet-Cookie: x=1", "", false},
		{"/%zz", "", false},
	} {
		got, ok := localPath(tc.raw)
		if got != tc.want || ok != tc.ok {
			t.Errorf("localPath(%q) = %q, %v; want %q, %v", tc.raw, got, ok, tc.want, tc.ok)
		}
	}
}

package routeros

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCodecLengths(t *testing.T) {
	for _, tc := range []struct {
		n     int
		first byte
		size  int
	}{
		{0, 0x00, 1}, {0x7F, 0x7F, 1},
		{0x80, 0x80, 2}, {0x3FFF, 0xBF, 2},
		{0x4000, 0xC0, 3}, {0x1FFFFF, 0xDF, 3},
		{0x200000, 0xE0, 4}, {0xFFFFFFF, 0xEF, 4},
		{0x10000000, 0xF0, 5},
	} {
		b := appendLength(nil, tc.n)
		if len(b) != tc.size || b[0] != tc.first {
			t.Errorf("appendLength(%#x) = % x, want %d bytes starting %#x", tc.n, b, tc.size, tc.first)
		}
		got, err := readLength(bufio.NewReader(bytes.NewReader(b)))
		if err != nil || got != tc.n {
			t.Errorf("readLength(% x) = %#x, %v; want %#x", b, got, err, tc.n)
		}
	}
}

func TestCodecSentences(t *testing.T) {
	long := strings.Repeat("x", 0x4001)
	var b []byte
	b = append(b, 0, 0) // empty sentences are ignored
	b = appendSentence(b, []string{"/interface/print", "=comment=" + long})
	r := bufio.NewReader(bytes.NewReader(b))
	got, err := readSentence(r)
	if err != nil || len(got) != 2 || got[1] != "=comment="+long {
		t.Fatalf("readSentence = %d words, %v", len(got), err)
	}
	if _, err := readLength(bufio.NewReader(bytes.NewReader([]byte{0xF8}))); err == nil {
		t.Error("control byte 0xF8 accepted")
	}
}

func TestLogin(t *testing.T) {
	s := start(t, Config{Users: map[string]string{"admin": "secret"}})
	for _, tc := range []struct {
		name, user, pass string
		ok               bool
	}{
		{"right", "admin", "secret", true},
		{"wrong password", "admin", "nope", false},
		{"unknown user", "root", "secret", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := dialRaw(t, s.Addr())
			r := c.call("/login", "=name="+tc.user, "=password="+tc.pass)
			if tc.ok {
				if len(r) != 1 || !slices.Equal(r[0], []string{"!done"}) {
					t.Fatalf("reply %q, want a bare !done (no ret)", r)
				}
				return
			}
			if len(r) != 2 || r[0][0] != "!trap" || trap(r) != "invalid user name or password (6)" || r[1][0] != "!done" {
				t.Fatalf("reply %q", r)
			}
			// still not logged in
			if msg := trap(c.call("/interface/print")); msg != "not logged in" {
				t.Errorf("after failed login: %q", msg)
			}
		})
	}
}

func TestCommandBeforeLogin(t *testing.T) {
	s := start(t, Config{})
	c := dialRaw(t, s.Addr())
	r := c.call("/interface/print")
	if trap(r) != "not logged in" || r[len(r)-1][0] != "!done" || len(rows(r)) != 0 {
		t.Fatalf("reply %q", r)
	}
}

func TestEmptyByVersion(t *testing.T) {
	for _, tc := range []struct {
		version string
		empty   bool
	}{{"7.19.4", true}, {"7.18", true}, {"7.17.2", false}, {"6.49.15", false}} {
		t.Run(tc.version, func(t *testing.T) {
			_, c := client(t, Config{Version: tc.version})
			r := c.call("/ip/address/print")
			var words []string
			for _, s := range r {
				words = append(words, s[0])
			}
			want := []string{"!done"}
			if tc.empty {
				want = []string{"!empty", "!done"}
			}
			if !slices.Equal(words, want) {
				t.Errorf("reply %q, want %q", words, want)
			}
			// a non-empty print never has !empty
			r = c.call("/interface/print", "?name=ether1")
			if len(r) != 2 || r[0][0] != "!re" || r[1][0] != "!done" {
				t.Errorf("non-empty print %q", r)
			}
		})
	}
}

func TestTagsAndPipelining(t *testing.T) {
	_, c := client(t, Config{})
	c.send("/interface/print", "?name=ether1", ".tag=a")
	c.send("/ip/address/print", ".tag=b")
	c.send("/interface/vlan/add", "=name=v", ".tag=c") // missing args: trap + done
	got := map[string][]string{}
	for done := 0; done < 3; {
		s := c.read()
		tag := attrs(s)[".tag"]
		if tag == "" {
			t.Fatalf("untagged reply %q", s)
		}
		got[tag] = append(got[tag], s[0])
		if s[0] == "!done" {
			done++
		}
	}
	want := map[string][]string{"a": {"!re", "!done"}, "b": {"!empty", "!done"}, "c": {"!trap", "!done"}}
	for tag, w := range want {
		if !slices.Equal(got[tag], w) {
			t.Errorf("tag %s: %q, want %q", tag, got[tag], w)
		}
	}
}

func TestQuitIsFatal(t *testing.T) {
	_, c := client(t, Config{})
	r := c.call("/quit")
	if !slices.Equal(r[len(r)-1], []string{"!fatal", "session terminated on request"}) {
		t.Fatalf("reply %q", r)
	}
	c.c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := readSentence(c.r); err == nil {
		t.Error("connection still open after !fatal")
	}
}

func TestUnknownCommand(t *testing.T) {
	_, c := client(t, Config{})
	for _, tc := range []struct{ cmd, msg, cat string }{
		{"/interface/vlan/frobnicate", "no such command or directory (frobnicate)", "0"},
		{"/nowhere/print", "no such command prefix", "0"},
		{"/interface/ethernet/add", "no such command or directory (add)", "0"},
		{"/interface/ethernet/remove", "no such command or directory (remove)", "0"},
		{"/system/resource/set", "no such command or directory (set)", "0"},
	} {
		r := c.call(tc.cmd)
		if trap(r) != tc.msg || attrs(r[0])["category"] != tc.cat {
			t.Errorf("%s: %q, want %q category %s", tc.cmd, r, tc.msg, tc.cat)
		}
	}
}

func TestTLS(t *testing.T) {
	s := start(t, Config{TLS: true})
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(s.CACertPEM()) {
		t.Fatal("CACertPEM is not a PEM certificate")
	}
	c := dialTLSRaw(t, s.TLSAddr(), &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"})
	c.login("admin", "")
	if r := rows(c.call("/system/identity/print")); len(r) != 1 || r[0]["name"] != "MikroTik" {
		t.Fatalf("identity over TLS: %v", r)
	}
}

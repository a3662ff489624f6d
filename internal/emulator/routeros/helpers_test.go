package routeros

import (
	"bufio"
	"crypto/tls"
	"net"
	"strings"
	"testing"
	"time"
)

// tclient is a raw-word API client for tests.
type tclient struct {
	t testing.TB
	c net.Conn
	r *bufio.Reader
}

func start(t testing.TB, cfg Config) *Server {
	t.Helper()
	s, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func dialRaw(t testing.TB, addr string) *tclient {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return &tclient{t: t, c: c, r: bufio.NewReader(c)}
}

func dialTLSRaw(t testing.TB, addr string, cfg *tls.Config) *tclient {
	t.Helper()
	c, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		t.Fatalf("dial tls: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return &tclient{t: t, c: c, r: bufio.NewReader(c)}
}

// client starts a default emulator and returns a logged-in client.
func client(t testing.TB, cfg Config) (*Server, *tclient) {
	t.Helper()
	s := start(t, cfg)
	c := dialRaw(t, s.Addr())
	c.login("admin", "")
	return s, c
}

func (c *tclient) send(words ...string) {
	c.t.Helper()
	c.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.c.Write(appendSentence(nil, words)); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *tclient) read() []string {
	c.t.Helper()
	c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	s, err := readSentence(c.r)
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return s
}

// call sends an untagged command and reads its reply up to !done.
func (c *tclient) call(words ...string) [][]string {
	c.t.Helper()
	c.send(words...)
	var out [][]string
	for {
		s := c.read()
		out = append(out, s)
		if s[0] == "!done" || s[0] == "!fatal" {
			return out
		}
	}
}

func (c *tclient) login(user, pass string) {
	c.t.Helper()
	r := c.call("/login", "=name="+user, "=password="+pass)
	if len(r) != 1 || r[0][0] != "!done" || len(r[0]) != 1 {
		c.t.Fatalf("login: %q", r)
	}
}

// attrs turns a reply sentence into a map of its =k=v words.
func attrs(s []string) map[string]string {
	m := map[string]string{}
	for _, w := range s[1:] {
		if strings.HasPrefix(w, "=") {
			k, v, _ := strings.Cut(w[1:], "=")
			m[k] = v
		} else if strings.HasPrefix(w, ".tag=") {
			m[".tag"] = w[5:]
		}
	}
	return m
}

// rows returns the !re rows of a reply.
func rows(reply [][]string) []map[string]string {
	var out []map[string]string
	for _, s := range reply {
		if s[0] == "!re" {
			out = append(out, attrs(s))
		}
	}
	return out
}

// trap returns the message of a reply's !trap, "" when none.
func trap(reply [][]string) string {
	for _, s := range reply {
		if s[0] == "!trap" {
			return attrs(s)["message"]
		}
	}
	return ""
}

// mustRun runs a command in-process and fails the test on error.
func mustRun(t testing.TB, s *Server, words ...string) []map[string]string {
	t.Helper()
	r, err := s.Run(words...)
	if err != nil {
		t.Fatalf("Run %q: %v", words, err)
	}
	return r
}

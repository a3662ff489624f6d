package routeros

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// tracer writes Config.Trace: one line per sentence received or sent, in
// the order they crossed the wire, as
//
//	15:04:05.000000 c3 <- /ip/address/add =address=10.0.0.1/24 .tag=r12
//	15:04:05.001210 c3 -> !done =ret=*1 .tag=r12
//
// where c3 is the connection (numbered from 1 in accept order), "<-" a
// sentence the emulator received (logged when it has been read, before it
// is executed) and "->" one it sent (logged once written to the
// connection). Secrets are masked: every =password= (so /login's), and the
// value of any attribute whose name says it holds a secret (see
// sensitiveName), whichever the direction.
type tracer struct {
	mu sync.Mutex
	w  io.Writer
}

func newTracer(w io.Writer) *tracer {
	if w == nil {
		return nil
	}
	return &tracer{w: w}
}

// sensitiveName reports whether an attribute's value is a secret to mask
// in the trace: passwords of every kind (/login, /user, SNMP, VRRP, PPP
// secrets), WireGuard private and pre-shared keys, certificate
// passphrases, and file contents (a private key imported with /file add).
func sensitiveName(name string) bool {
	name = strings.ToLower(name)
	for _, s := range []string{"password", "secret", "passphrase", "private-key", "preshared-key", "auth-key", "contents"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// maskWord masks the value of a sensitive =name=value word.
func maskWord(w string) string {
	if !strings.HasPrefix(w, "=") {
		return w
	}
	name, _, ok := strings.Cut(w[1:], "=")
	if !ok || !sensitiveName(name) {
		return w
	}
	return "=" + name + "=***"
}

// traceLine formats one sentence; words are masked and quoted when they
// hold blanks or control characters, so a line is always one line.
func traceLine(at time.Time, conn int, dir string, words []string) string {
	var b strings.Builder
	b.WriteString(at.Format("15:04:05.000000"))
	fmt.Fprintf(&b, " c%d %s", conn, dir)
	for _, w := range words {
		w = maskWord(w)
		b.WriteByte(' ')
		if strings.ContainsAny(w, " \t\r\n\"\\") || strings.ContainsFunc(w, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			fmt.Fprintf(&b, "%q", w)
		} else {
			b.WriteString(w)
		}
	}
	b.WriteByte('\n')
	return b.String()
}

// received logs one incoming sentence.
func (t *tracer) received(conn int, words []string) {
	if t == nil {
		return
	}
	line := traceLine(time.Now(), conn, "<-", words)
	t.mu.Lock()
	defer t.mu.Unlock()
	_, _ = io.WriteString(t.w, line)
}

// sent logs the sentences of b, which has just been written.
func (t *tracer) sent(conn int, b []byte) {
	if t == nil {
		return
	}
	now := time.Now()
	r := bufio.NewReader(bytes.NewReader(b))
	var lines strings.Builder
	for {
		words, err := readSentence(r)
		if err != nil {
			break
		}
		lines.WriteString(traceLine(now, conn, "->", words))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	_, _ = io.WriteString(t.w, lines.String())
}

// failed logs a write that failed (the connection is then closed).
func (t *tracer) failed(conn int, err error) {
	if t == nil {
		return
	}
	line := fmt.Sprintf("%s c%d -- write failed: %v\n", time.Now().Format("15:04:05.000000"), conn, err)
	t.mu.Lock()
	defer t.mu.Unlock()
	_, _ = io.WriteString(t.w, line)
}

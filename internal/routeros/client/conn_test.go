package client

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-routeros/routeros/v3/proto"
)

// fakeRouter is a loopback API server whose n-th connection (from 0) does
// what behave says after the login; connections past the list answer every
// command with !done.
type fakeRouter struct {
	ln     net.Listener
	behave []func(nc net.Conn, r proto.Reader, w proto.Writer)

	mu      sync.Mutex
	accepts int
	conns   []net.Conn
}

func startFake(t *testing.T, behave ...func(nc net.Conn, r proto.Reader, w proto.Writer)) *fakeRouter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeRouter{ln: ln, behave: behave}
	t.Cleanup(func() {
		ln.Close()
		f.mu.Lock()
		for _, c := range f.conns {
			c.Close()
		}
		f.mu.Unlock()
	})
	go f.serve()
	return f
}

func (f *fakeRouter) url() string { return "api://" + f.ln.Addr().String() }

func (f *fakeRouter) connections() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.accepts
}

func (f *fakeRouter) serve() {
	for {
		nc, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.mu.Lock()
		n := f.accepts
		f.accepts++
		f.conns = append(f.conns, nc)
		f.mu.Unlock()
		behave := answerAll
		if n < len(f.behave) {
			behave = f.behave[n]
		}
		go func() {
			r, w := proto.NewReader(nc), proto.NewWriter(nc)
			if _, err := r.ReadSentence(); err != nil { // /login
				return
			}
			reply(w, "!done", "")
			behave(nc, r, w)
		}()
	}
}

func reply(w proto.Writer, word, tag string, attrs ...string) {
	w.BeginSentence()
	w.WriteWord(word)
	if tag != "" {
		w.WriteWord(".tag=" + tag)
	}
	for _, a := range attrs {
		w.WriteWord(a)
	}
	_ = w.EndSentence()
}

// answerAll answers every command with !done (=ret=*1), except that
// commands named /slow/... get no answer.
func answerAll(_ net.Conn, r proto.Reader, w proto.Writer) {
	for {
		sen, err := r.ReadSentence()
		if err != nil {
			return
		}
		if strings.HasPrefix(sen.Word, "/slow/") {
			continue
		}
		reply(w, "!done", sen.Tag, "=ret=*1")
	}
}

// stopReading logs in and then never reads again (its receive buffer kept
// small so that the client's writes block soon).
func stopReading(nc net.Conn, _ proto.Reader, _ proto.Writer) {
	_ = nc.(*net.TCPConn).SetReadBuffer(4096)
	select {}
}

// neverAnswer reads every command and answers none.
func neverAnswer(_ net.Conn, r proto.Reader, _ proto.Writer) {
	for {
		if _, err := r.ReadSentence(); err != nil {
			return
		}
	}
}

// closeAfter reads n commands, then closes the connection unanswered.
func closeAfter(n int) func(net.Conn, proto.Reader, proto.Writer) {
	return func(nc net.Conn, r proto.Reader, _ proto.Writer) {
		for i := 0; i < n; i++ {
			if _, err := r.ReadSentence(); err != nil {
				return
			}
		}
		nc.Close()
	}
}

func fakeClient(t *testing.T, url string, timeout time.Duration) *Client {
	t.Helper()
	c, err := New(Config{URL: url, Username: "admin", Password: "hunter2", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// within runs f and fails the test when it has not returned after d: the
// client must give up by itself (its own timeout is far shorter).
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still blocked after %s", what, d)
	}
}

// concurrently runs one command per menu at the same time and returns each
// one's error by its command.
func concurrently(c *Client, cmds []string) map[string]error {
	var mu sync.Mutex
	errs := map[string]error{}
	var wg sync.WaitGroup
	for _, cmd := range cmds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := c.Run(context.Background(), cmd, "=.id=*1")
			mu.Lock()
			errs[cmd] = err
			mu.Unlock()
		}()
	}
	wg.Wait()
	return errs
}

var removes = []string{"/ip/address/remove", "/ip/dns/static/remove", "/interface/vlan/remove",
	"/ip/pool/remove", "/interface/bridge/port/remove", "/ip/dhcp-server/remove"}

// checkOwnCommand: each error is a *ConnError that names its own command and
// no other.
func checkOwnCommand(t *testing.T, errs map[string]error, want string) {
	t.Helper()
	for cmd, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", cmd)
			continue
		}
		msg := err.Error()
		if !IsConnError(err) || !strings.Contains(msg, cmd) || !strings.Contains(msg, want) {
			t.Errorf("%s: want a connection error naming it and saying %q, got %v", cmd, want, err)
		}
		for _, other := range removes {
			if other != cmd && strings.Contains(msg, other) {
				t.Errorf("the error of %s names %s: %v", cmd, other, err)
			}
		}
	}
}

// A router that stops reading: the blocked write times out with an error
// naming the command, every command waiting behind it fails too (each naming
// its own), and the next command reconnects.
func TestStuckWriteTimesOut(t *testing.T) {
	f := startFake(t, stopReading)
	c := fakeClient(t, f.url(), 300*time.Millisecond)
	big := "=comment=" + strings.Repeat("x", 32<<20) // far more than the socket buffers hold
	var bigErr error
	var others map[string]error
	within(t, 20*time.Second, "a write to a router that stopped reading", func() {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, bigErr = c.Run(context.Background(), "/interface/vlan/add", big)
		}()
		others = concurrently(c, removes[:3])
		wg.Wait()
	})
	if !IsConnError(bigErr) || !strings.Contains(bigErr.Error(), "/interface/vlan/add") {
		t.Fatalf("want a connection error naming /interface/vlan/add, got %v", bigErr)
	}
	msg := bigErr.Error()
	if !strings.Contains(msg, "timed out") && !strings.Contains(msg, "no reply") {
		t.Errorf("the error does not say it timed out: %v", bigErr)
	}
	// The commands queued behind the stuck write were never sent: they are
	// sent on the next connection, or fail naming themselves only.
	for cmd, err := range others {
		if err != nil && (!strings.Contains(err.Error(), cmd) || strings.Contains(err.Error(), "/interface/vlan/add")) {
			t.Errorf("%s: want an error naming only it, got %v", cmd, err)
		}
	}
	within(t, 10*time.Second, "the command after the timeout", func() {
		if _, _, err := c.Run(context.Background(), "/system/identity/print"); err != nil {
			t.Errorf("no reconnect after the timeout: %v", err)
		}
	})
	if n := f.connections(); n != 2 {
		t.Errorf("%d connections, want 2 (the stuck one dropped, one new)", n)
	}
	if c.s.conn.broken() {
		t.Error("the new connection is broken")
	}
}

// The same with nothing else under way: the write alone must time out.
func TestStuckWriteAloneTimesOut(t *testing.T) {
	f := startFake(t, stopReading)
	c := fakeClient(t, f.url(), 300*time.Millisecond)
	big := "=comment=" + strings.Repeat("x", 32<<20)
	within(t, 20*time.Second, "a write to a router that stopped reading", func() {
		_, _, err := c.Run(context.Background(), "/interface/vlan/add", big)
		if !IsConnError(err) || !strings.Contains(err.Error(), "/interface/vlan/add") || !strings.Contains(err.Error(), "timed out") {
			t.Errorf("want a timeout naming /interface/vlan/add, got %v", err)
		}
	})
	within(t, 10*time.Second, "the command after the timeout", func() {
		if _, _, err := c.Run(context.Background(), "/system/identity/print"); err != nil {
			t.Errorf("no reconnect after the timeout: %v", err)
		}
	})
}

// A router that takes the commands but never answers: every command fails
// after the timeout with an error naming its own command.
func TestNoReplyNamesEachCommand(t *testing.T) {
	f := startFake(t, neverAnswer)
	c := fakeClient(t, f.url(), 300*time.Millisecond)
	var errs map[string]error
	within(t, 20*time.Second, "commands the router never answers", func() { errs = concurrently(c, removes) })
	checkOwnCommand(t, errs, "")
	timedOut := 0
	for _, err := range errs {
		if strings.Contains(err.Error(), "no reply within 300ms") {
			timedOut++
		}
	}
	if timedOut == 0 {
		t.Errorf("no error says the command got no reply in time: %v", errs)
	}
	if _, _, err := c.Run(context.Background(), "/system/identity/print"); err != nil {
		t.Errorf("no reconnect: %v", err)
	}
}

// A connection closed while several commands wait: each fails naming its own
// command.
func TestConnectionLostNamesEachCommand(t *testing.T) {
	f := startFake(t, closeAfter(len(removes)))
	c := fakeClient(t, f.url(), 5*time.Second)
	var errs map[string]error
	within(t, 20*time.Second, "commands on a closed connection", func() { errs = concurrently(c, removes) })
	checkOwnCommand(t, errs, "the router closed the connection")
}

// A refused connection sent nothing: it is not a *ConnError (no lookup, no
// "the connection dropped during the add"), and it names the URL as
// configured, never the password.
func TestRefusedConnectionIsNotConnError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "api://" + ln.Addr().String()
	ln.Close()
	c := fakeClient(t, url, 5*time.Second)
	want := "cannot connect to " + url + ": connection refused"
	check := func(op string, err error) {
		t.Helper()
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", op, err, want)
			return
		}
		if IsConnError(err) {
			t.Errorf("%s: a refused connection is a ConnError: %v", op, err)
		}
		var de *DialError
		if !errors.As(err, &de) || !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("%s: not a DialError for ECONNREFUSED: %#v", op, err)
		}
	}
	ctx := context.Background()
	_, _, err = c.Run(ctx, "/system/identity/print")
	check("run", err)
	_, err = c.Add(ctx, "/ip/address", []string{"=address=10.0.0.1/24", "=interface=ether1"})
	check("add", err)
	_, err = c.Find(ctx, "/ip/address", nil)
	check("find", err)
	check("remove", c.Remove(ctx, "/ip/address", "*1"))
}

func TestDisplayURLHidesCredentials(t *testing.T) {
	for in, want := range map[string]string{
		"api://192.168.88.1":               "api://192.168.88.1",
		"apis://router:8729/":              "apis://router:8729/",
		"api://admin:hunter2@router:8728":  "api://router:8728",
		"apis://a:b@c@[fd00::1]:8729/path": "apis://[fd00::1]:8729/path",
	} {
		if got := displayURL(in); got != want {
			t.Errorf("displayURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// A connection that breaks during the login sent no command: the command is
// sent on a new connection. A login that keeps breaking is a *DialError.
func TestLoginDropIsRetried(t *testing.T) {
	// A proxy in front of the fake that closes the first connection (or all
	// of them) on accept, before the login is answered.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	f := startFake(t)
	var mu sync.Mutex
	accepted := 0
	closeAll := false
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			accepted++
			first, all := accepted == 1, closeAll
			mu.Unlock()
			if first || all {
				in.Close()
				continue
			}
			out, err := net.Dial("tcp", f.ln.Addr().String())
			if err != nil {
				in.Close()
				continue
			}
			go pipe(in, out)
			go pipe(out, in)
		}
	}()
	c := fakeClient(t, "api://"+ln.Addr().String(), 5*time.Second)
	if _, err := c.Add(context.Background(), "/ip/address", []string{"=address=10.0.0.1/24"}); err != nil {
		t.Fatalf("an add after a login that broke: %v", err)
	}

	mu.Lock()
	closeAll = true
	mu.Unlock()
	c2, _ := New(Config{URL: "api://" + ln.Addr().String(), Username: "other", Password: "x", Timeout: 5 * time.Second})
	_, _, err = c2.Run(context.Background(), "/system/identity/print")
	var de *DialError
	if !errors.As(err, &de) || IsConnError(err) || !strings.Contains(err.Error(), "cannot connect to api://"+ln.Addr().String()) {
		t.Fatalf("a login that keeps breaking: %v", err)
	}
}

func pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	dst.Close()
	src.Close()
}

// A caller that gives up (cancelled context) forgets only its own command:
// the connection stays in use for the others.
func TestCancelledCommandKeepsConnection(t *testing.T) {
	f := startFake(t)
	c := fakeClient(t, f.url(), 5*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, _, err := c.Run(ctx, "/slow/print")
		errc <- err
	}()
	// The slow command is pending (or about to be sent) when it is cancelled.
	if _, _, err := c.Run(context.Background(), "/system/identity/print"); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-errc:
		if err == nil || !strings.Contains(err.Error(), "/slow/print") {
			t.Fatalf("cancelled command: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled command kept waiting")
	}
	if _, _, err := c.Run(context.Background(), "/system/identity/print"); err != nil {
		t.Fatal(err)
	}
	if n := f.connections(); n != 1 {
		t.Errorf("%d connections: a cancelled command dropped the connection", n)
	}
}

func TestDeviceErrorNamesItsCommand(t *testing.T) {
	trapVLAN := func(_ net.Conn, r proto.Reader, w proto.Writer) {
		for {
			sen, err := r.ReadSentence()
			if err != nil {
				return
			}
			if sen.Word == "/interface/vlan/add" {
				reply(w, "!trap", sen.Tag, "=message=failure: already have interface with such name")
			}
			reply(w, "!done", sen.Tag)
		}
	}
	f := startFake(t, trapVLAN)
	c := fakeClient(t, f.url(), 5*time.Second)
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := "/ip/address/print"
			if i%2 == 0 {
				cmd = "/interface/vlan/add"
			}
			_, _, errs[i] = c.Run(context.Background(), cmd)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		var de *DeviceError
		switch {
		case i%2 == 1 && err != nil:
			t.Errorf("print: %v", err)
		case i%2 == 0 && (!errors.As(err, &de) || de.Command != "/interface/vlan/add"):
			t.Errorf("add: %v", err)
		}
	}
}

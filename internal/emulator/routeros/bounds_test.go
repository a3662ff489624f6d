package routeros

import (
	"bufio"
	"errors"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Tests of the emulator's bounds (issue 11): every limit is exercised over
// loopback with fixed counts and deadlines, so each test stops by itself.

// closedByServer reports whether the server closed c: reading (and
// discarding whatever was already sent) ends with an error that is not our
// own read deadline.
func closedByServer(c net.Conn, within time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(within))
	buf := make([]byte, 32<<10)
	for {
		_, err := c.Read(buf)
		if err == nil {
			continue
		}
		var ne net.Error
		return !(errors.As(err, &ne) && ne.Timeout())
	}
}

// words returns a sentence of n words "=a=" after the command.
func manyWords(cmd string, n int) []string {
	w := make([]string, 0, n+1)
	w = append(w, cmd)
	for i := 0; i < n; i++ {
		w = append(w, "=a=")
	}
	return w
}

func TestSentenceLimits(t *testing.T) {
	cfg := Config{MaxSentenceBytes: 256 << 10, MaxSentenceWords: 100, MaxWordBytes: 64 << 10}
	for _, tc := range []struct {
		name   string
		login  bool
		words  []string
		closed bool
	}{
		{"words at the limit", true, manyWords("/system/identity/print", 99), false},
		{"too many words", true, manyWords("/system/identity/print", 100), true},
		{"word at the limit", true, []string{"/system/identity/set", "=name=" + strings.Repeat("x", 64<<10-6)}, false},
		{"word too long", true, []string{"/system/identity/set", "=name=" + strings.Repeat("x", 64<<10-5)}, true},
		{"sentence too large", true, []string{"/interface/vlan/add", "=comment=" + strings.Repeat("x", 60<<10), "=name=" + strings.Repeat("y", 60<<10), "=mtu=" + strings.Repeat("1", 60<<10), "=arp=" + strings.Repeat("z", 60<<10), "=vlan-id=" + strings.Repeat("2", 20<<10)}, true},
		{"large sentence before login", false, []string{"/login", "=name=admin", "=password=" + strings.Repeat("x", 64<<10)}, true},
		{"many words before login", false, manyWords("/login", 128), true},
		{"ordinary login", false, []string{"/login", "=name=admin", "=password="}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, cfg)
			c := dialRaw(t, s.Addr())
			if tc.login {
				c.login("admin", "")
			}
			if tc.closed {
				c.send(tc.words...)
				if !closedByServer(c.c, 5*time.Second) {
					t.Fatal("connection still open after an oversized sentence")
				}
				return
			}
			if r := c.call(tc.words...); r[len(r)-1][0] != "!done" {
				t.Fatalf("reply %q", r)
			}
		})
	}
}

func TestLargeLegitimateSentence(t *testing.T) {
	// default limits: a 512 KiB comment and a thousand-word sentence pass
	s, c := client(t, Config{})
	big := strings.Repeat("c", 512<<10)
	r := c.call("/interface/vlan/add", "=name=v1", "=vlan-id=1", "=interface=ether1", "=comment="+big)
	if msg := trap(r); msg != "" {
		t.Fatalf("add with a large comment: %q", msg)
	}
	if got := mustRun(t, s, "/interface/vlan/print")[0]["comment"]; got != big {
		t.Fatalf("comment of %d bytes stored as %d", len(big), len(got))
	}
	words := []string{"/interface/print"}
	for i := 0; i < 1000; i++ {
		words = append(words, "?name=ether1")
	}
	if got := rows(c.call(words...)); len(got) != 1 {
		t.Fatalf("1000 query words: %d rows", len(got))
	}
}

func TestLoginTimeout(t *testing.T) {
	s := start(t, Config{LoginTimeout: 300 * time.Millisecond})
	idle := dialRaw(t, s.Addr())
	trickle := dialRaw(t, s.Addr()) // sends a sentence that never ends
	trickle.c.Write([]byte{6, '/', 'l', 'o'})
	failed := dialRaw(t, s.Addr()) // a wrong password does not stop the clock
	if msg := trap(failed.call("/login", "=name=admin", "=password=wrong")); msg == "" {
		t.Fatal("wrong password accepted")
	}
	good := dialRaw(t, s.Addr())
	good.login("admin", "")
	begin := time.Now()
	for name, c := range map[string]*tclient{"idle": idle, "trickle": trickle, "failed login": failed} {
		if !closedByServer(c.c, 5*time.Second) {
			t.Errorf("%s connection not closed", name)
		}
	}
	if el := time.Since(begin); el > 3*time.Second {
		t.Errorf("closed after %v", el)
	}
	time.Sleep(400 * time.Millisecond) // a logged-in session may idle past the timeout
	if r := rows(good.call("/system/identity/print")); len(r) != 1 {
		t.Fatalf("logged-in session after idling: %v", r)
	}
}

func TestMaxSessions(t *testing.T) {
	s := start(t, Config{MaxSessions: 3, TLS: true})
	var open []*tclient
	for i := 0; i < 3; i++ {
		c := dialRaw(t, s.Addr())
		if i == 0 {
			c.login("admin", "")
		}
		open = append(open, c)
	}
	over := dialRaw(t, s.Addr())
	if !closedByServer(over.c, 5*time.Second) {
		t.Fatal("fourth connection not refused")
	}
	if r := rows(open[0].call("/system/identity/print")); len(r) != 1 {
		t.Fatalf("existing session: %v", r)
	}
	// api-ssl has its own count
	tc, err := net.DialTimeout("tcp", s.TLSAddr(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	if closedByServer(tc, 200*time.Millisecond) {
		t.Fatal("api-ssl connection refused because api is full")
	}
	// a closed session frees its slot
	open[1].c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", s.Addr(), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		tcl := &tclient{t: t, c: c, r: bufio.NewReader(c)}
		if !closedByServer(c, 100*time.Millisecond) {
			tcl.login("admin", "")
			c.Close()
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("slot not freed after a session closed")
		}
	}
}

// TestBackpressure: a client that pipelines tagged commands without reading
// its replies stops being read, and once it reads, gets every reply.
func TestBackpressure(t *testing.T) {
	s, c := client(t, Config{EthernetPorts: 40, MaxReplyQueueBytes: 256 << 10})
	const n = 3000
	var batch []byte
	for i := 0; i < n; i++ {
		batch = appendSentence(batch, []string{"/interface/print", ".tag=" + strconv.Itoa(i)})
	}
	c.c.SetWriteDeadline(time.Now().Add(10 * time.Second))
	werr := make(chan error, 1)
	go func() { _, err := c.c.Write(batch); werr <- err }()
	// the server reads until its queue and the socket buffers are full
	var got, last int
	for stable := 0; stable < 5; time.Sleep(50 * time.Millisecond) {
		got = s.Counters()["/interface print"]
		if got == last {
			stable++
		} else {
			stable = 0
		}
		last = got
	}
	if got >= n/2 {
		t.Fatalf("server read %d of %d commands whose replies were not read", got, n)
	}
	// now read: all replies arrive, each tag ends with !done
	done := map[string]bool{}
	c.c.SetReadDeadline(time.Now().Add(30 * time.Second))
	for len(done) < n {
		sen, err := readSentence(c.r)
		if err != nil {
			t.Fatalf("after %d replies: %v", len(done), err)
		}
		if sen[0] == "!done" {
			done[attrs(sen)[".tag"]] = true
		}
	}
	if err := <-werr; err != nil {
		t.Fatalf("write: %v", err)
	}
	if got := s.Counters()["/interface print"]; got != n {
		t.Errorf("%d commands counted, want %d", got, n)
	}
}

// TestSlowListener: a listen stream whose client does not read is closed
// once its queue overflows, and never blocks the state for others.
func TestSlowListener(t *testing.T) {
	s, lc := client(t, Config{MaxReplyQueueBytes: 64 << 10})
	mustRun(t, s, "/interface/vlan/add", "=name=v1", "=vlan-id=1", "=interface=ether1")
	lc.send("/interface/vlan/listen", ".tag=l")
	lc.call("/system/identity/print") // the listener is registered once this returns
	good := dialRaw(t, s.Addr())
	good.login("admin", "")
	listeners := func() int {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.listeners)
	}
	comment := strings.Repeat("c", 4000)
	begin := time.Now()
	for i := 0; listeners() > 0; i++ {
		if i == 20000 {
			t.Fatal("listener of a client that does not read was never dropped")
		}
		mustRun(t, s, "/interface/vlan/set", "=numbers=v1", "=comment="+comment+strconv.Itoa(i))
		if i%1000 == 0 {
			b := time.Now()
			good.call("/system/identity/print")
			if el := time.Since(b); el > 2*time.Second {
				t.Fatalf("a well-behaved client waited %v", el)
			}
		}
	}
	if el := time.Since(begin); el > 20*time.Second {
		t.Errorf("changes took %v", el)
	}
	if !closedByServer(lc.c, 10*time.Second) {
		t.Error("listening connection not closed")
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// TestSoakMisbehavingClients runs three misbehaving clients at once against
// one emulator with default limits (but a short login timeout) and checks
// that its memory stays bounded, that a well-behaved client keeps getting
// prompt answers, and that no goroutine is left behind. Fixed counts and
// deadlines: it takes a few seconds.
func TestSoakMisbehavingClients(t *testing.T) {
	soak(t, Config{LoginTimeout: 4 * time.Second})
}

func soak(t *testing.T, cfg Config) {
	if testing.Short() {
		t.Skip("soak test")
	}
	const (
		pipelined  = 50000    // (a) commands sent without reading a reply
		hugeBytes  = 10 << 20 // (b) bytes of one-byte words in one unfinished sentence before login
		idleConns  = 100      // (c) connections that never log in
		maxGrowth  = 64 << 20
		promptness = 2 * time.Second
	)
	s := start(t, cfg)
	goroutines := runtime.NumGoroutine()
	before := heapInUse()

	good := dialRaw(t, s.Addr())
	good.login("admin", "")

	// a well-behaved client asks every 50ms throughout and must be answered promptly
	stopGood := make(chan struct{})
	goodErr := make(chan string, 1)
	var goodCalls int
	go func() {
		defer close(goodErr)
		for {
			select {
			case <-stopGood:
				return
			case <-time.After(50 * time.Millisecond):
			}
			b := time.Now()
			good.c.SetDeadline(time.Now().Add(promptness))
			if _, err := good.c.Write(appendSentence(nil, []string{"/system/identity/print"})); err != nil {
				goodErr <- "write: " + err.Error()
				return
			}
			for {
				sen, err := readSentence(good.r)
				if err != nil {
					goodErr <- "no prompt answer: " + err.Error()
					return
				}
				if sen[0] == "!done" {
					break
				}
			}
			if el := time.Since(b); el > promptness {
				goodErr <- "answer after " + el.String()
				return
			}
			goodCalls++
		}
	}()

	var wg sync.WaitGroup
	// (a) pipelines tagged commands and never reads
	pipe := dialRaw(t, s.Addr())
	pipe.login("admin", "")
	wg.Add(1)
	go func() {
		defer wg.Done()
		var batch []byte
		for i := 0; i < pipelined; i++ {
			batch = appendSentence(batch, []string{"/interface/print", ".tag=" + strconv.Itoa(i)})
		}
		pipe.c.SetWriteDeadline(time.Now().Add(3 * time.Second))
		pipe.c.Write(batch) // may time out: the emulator stopped reading
	}()

	// (b) one huge unfinished sentence before login
	huge := dialRaw(t, s.Addr())
	hugeClosed := make(chan bool, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		chunk := []byte(strings.Repeat("\x01a", 32<<10)) // 32768 one-byte words
		huge.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
		huge.c.Write([]byte{6, '/', 'l', 'o', 'g', 'i', 'n'})
		for sent := 0; sent < hugeBytes; sent += len(chunk) {
			if _, err := huge.c.Write(chunk); err != nil {
				var ne net.Error
				hugeClosed <- !(errors.As(err, &ne) && ne.Timeout())
				return
			}
		}
		hugeClosed <- closedByServer(huge.c, time.Second)
	}()

	// (c) many idle connections that never log in
	var idle []net.Conn
	for i := 0; i < idleConns; i++ {
		c, err := net.DialTimeout("tcp", s.Addr(), 5*time.Second)
		if err != nil {
			t.Fatalf("dial %d: %v", i, err)
		}
		defer c.Close()
		idle = append(idle, c)
	}

	wg.Wait()
	// let the emulator read what it will of the pipelined commands
	for last, stable, end := -1, 0, time.Now().Add(20*time.Second); stable < 5 && time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		n := s.Counters()["/interface print"]
		if n == last {
			stable++
		} else {
			stable = 0
		}
		last = n
	}
	t.Logf("pipelined commands read: %d of %d", s.Counters()["/interface print"], pipelined)
	growth := int64(heapInUse()) - int64(before)
	t.Logf("memory growth with the attackers connected: %.1f MiB", float64(growth)/(1<<20))
	if growth > maxGrowth {
		t.Errorf("memory grew by %d MiB, want < %d MiB", growth>>20, maxGrowth>>20)
	}
	if !<-hugeClosed {
		t.Error("connection sending a huge sentence before login was not closed")
	}

	// the idle connections are refused (over max-sessions) or closed at the login timeout
	deadline := time.Now().Add(cfg.LoginTimeout + 3*time.Second)
	for i, c := range idle {
		if !closedByServer(c, time.Until(deadline)) {
			t.Fatalf("idle connection %d still open after the login timeout", i)
		}
	}

	close(stopGood)
	if msg, ok := <-goodErr; ok {
		t.Fatalf("well-behaved client: %s", msg)
	}
	if goodCalls < 5 {
		t.Errorf("well-behaved client got only %d answers", goodCalls)
	}
	// a new client can log in once the idle ones are gone
	late := dialRaw(t, s.Addr())
	late.login("admin", "")
	late.c.Close()

	// every session's goroutines end once its client is gone
	for _, c := range []net.Conn{good.c, pipe.c, huge.c} {
		c.Close()
	}
	for end := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > goroutines; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			buf := make([]byte, 1<<16)
			os.Stderr.Write(buf[:runtime.Stack(buf, true)])
			t.Fatalf("%d goroutines left, %d before", runtime.NumGoroutine(), goroutines)
		}
	}
}

// TestWriteTimeout: a client that stops reading is dropped once a reply
// waits longer than WriteTimeout, and its session's goroutines end.
func TestWriteTimeout(t *testing.T) {
	s, c := client(t, Config{EthernetPorts: 40, WriteTimeout: 300 * time.Millisecond})
	sessions := func() int {
		s.connMu.Lock()
		defer s.connMu.Unlock()
		return len(s.conns)
	}
	goroutines := runtime.NumGoroutine()
	var batch []byte
	for i := 0; i < 3000; i++ { // ~50 MB of replies, more than the socket buffers hold
		batch = appendSentence(batch, []string{"/interface/print"})
	}
	c.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	go c.c.Write(batch)
	for end := time.Now().Add(10 * time.Second); sessions() > 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("session of a client that does not read is still open")
		}
	}
	for end := time.Now().Add(5 * time.Second); runtime.NumGoroutine() >= goroutines; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("%d goroutines, %d with the session", runtime.NumGoroutine(), goroutines)
		}
	}
}

// TestTaggedLatencyConcurrent: with the reply queue, tagged replies are
// still delayed concurrently (not one latency after another), even past
// MaxPendingReplies.
func TestTaggedLatencyConcurrent(t *testing.T) {
	_, c := client(t, Config{Latency: 100 * time.Millisecond, MaxPendingReplies: 8})
	const n = 40
	begin := time.Now()
	var batch []byte
	for i := 0; i < n; i++ {
		batch = appendSentence(batch, []string{"/system/identity/print", ".tag=" + strconv.Itoa(i)})
	}
	c.c.Write(batch)
	for done := 0; done < n; {
		if s := c.read(); s[0] == "!done" {
			if done == 0 {
				if el := time.Since(begin); el < 100*time.Millisecond {
					t.Errorf("first reply after %v, want >= 100ms", el)
				}
			}
			done++
		}
	}
	// 40 replies, at most 8 waiting at a time: 5 rounds of 100ms, not 40
	if el := time.Since(begin); el > 2*time.Second {
		t.Errorf("%d tagged replies took %v", n, el)
	}
}

// TestHalfClose: a client that sends its commands and half-closes still
// gets the replies.
func TestHalfClose(t *testing.T) {
	_, c := client(t, Config{})
	c.send("/system/identity/print")
	c.c.(*net.TCPConn).CloseWrite()
	r := c.read()
	if r[0] != "!re" || attrs(r)["name"] != "MikroTik" {
		t.Fatalf("reply %q", r)
	}
	if r := c.read(); r[0] != "!done" {
		t.Fatalf("reply %q", r)
	}
}

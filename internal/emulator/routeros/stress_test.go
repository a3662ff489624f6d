package routeros

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	goros "github.com/go-routeros/routeros/v3"
)

// The stress tests drive the emulator with the stock go-routeros v3.0.1
// client in async mode, as the third-party providers built on it do:
// stressWorkers goroutines share one connection and each runs
// stressCommands commands (/system/identity/print and /interface/print
// mixed with /ip/address add and remove). Every command must be answered
// within its bound; a hang names the command's tag, says whether the
// emulator sent its reply (from Config.Trace) and whether the client read
// replies sent after it, and dumps the trace's tail.
const (
	stressWorkers  = 10
	stressCommands = 2000
)

// TestStressGoRouterOSAsync: zero hangs at 0 and 5 ms added latency with
// the default MinServiceTime.
func TestStressGoRouterOSAsync(t *testing.T) {
	n := stressCommands
	if testing.Short() {
		n = 300
	}
	for _, lat := range []time.Duration{0, 5 * time.Millisecond} {
		t.Run(fmt.Sprintf("latency=%v", lat), func(t *testing.T) {
			cfg := Config{Latency: lat}
			if v := os.Getenv("STRESS_MST"); v != "" {
				cfg.MinServiceTime, _ = time.ParseDuration(v)
			}
			st := runStress(t, cfg, stressWorkers, n, 10*time.Second)
			t.Logf("%d commands in %v (%d hung, %d slow)", st.completed, st.elapsed.Round(time.Millisecond), len(st.hangs), st.slow)
			for _, h := range st.hangs {
				t.Errorf("hang: %s", h.report)
			}
			if len(st.hangs) > 0 {
				t.Logf("trace tail:\n%s", strings.Join(st.tail, ""))
			}
		})
	}
}

// TestStressGoRouterOSAsyncNoServiceTime is the diagnosis: with no
// minimum service time the emulator answers within microseconds, and the
// stock client loses some replies (upstream issue #33). The test allows
// those hangs but proves each is on the client's side: the emulator sent
// the hung command's !done (the trace logs a reply before writing it), and
// the client's reader went on to deliver replies the emulator sent later
// on the same TCP connection, so it read the lost reply and dropped it (its
// only way of dropping a well-formed reply is an unregistered tag). Any
// hang whose reply the emulator did not send fails the test.
func TestStressGoRouterOSAsyncNoServiceTime(t *testing.T) {
	n := stressCommands
	if testing.Short() {
		n = 300
	}
	st := runStress(t, Config{MinServiceTime: -1}, stressWorkers, n, 2*time.Second)
	clientSide := 0
	for _, h := range st.hangs {
		if h.clientSide {
			clientSide++
			t.Logf("client-side hang: %s", h.report)
			continue
		}
		t.Errorf("hang not explained by the client: %s", h.report)
	}
	t.Logf("%d commands in %v on GOMAXPROCS=%d without MinServiceTime: %d lost by the client (upstream #33), %d slow",
		st.completed, st.elapsed.Round(time.Millisecond), runtime.GOMAXPROCS(0), clientSide, st.slow)
	if t.Failed() {
		t.Logf("trace tail:\n%s", strings.Join(st.tail, ""))
	}
}

type stressHang struct {
	report     string
	clientSide bool
}

type stressResult struct {
	completed int
	slow      int // exceeded the bound but answered before the end
	elapsed   time.Duration
	hangs     []stressHang
	tail      []string
}

// traceRecorder is a Config.Trace that indexes what the stress test needs:
// the tag of each command (by a word unique to it), when the final reply
// (!done, or !trap) of each tag was sent, and the last lines.
type traceRecorder struct {
	mu     sync.Mutex
	tagOf  map[string]string    // unique word -> tag
	recvOf map[string]string    // tag -> received line
	doneAt map[string]time.Time // tag -> when its final reply was sent
	doneOf map[string]string    // tag -> that line
	ring   []string
	next   int
	full   bool
}

func newTraceRecorder() *traceRecorder {
	return &traceRecorder{tagOf: map[string]string{}, recvOf: map[string]string{},
		doneAt: map[string]time.Time{}, doneOf: map[string]string{}, ring: make([]string, 200)}
}

func (r *traceRecorder) Write(p []byte) (int, error) {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line == "" {
			continue
		}
		r.ring[r.next] = line
		r.next = (r.next + 1) % len(r.ring)
		r.full = r.full || r.next == 0
		words := strings.Fields(strings.TrimSpace(line))
		if len(words) < 4 {
			continue
		}
		tag := ""
		for _, w := range words[3:] {
			if t, ok := strings.CutPrefix(w, ".tag="); ok {
				tag = t
			}
		}
		if tag == "" {
			continue
		}
		switch words[2] {
		case "<-":
			r.recvOf[tag] = line
			for _, w := range words[3:] {
				if strings.Contains(w, "stress-") || strings.HasPrefix(w, "=.id=") {
					r.tagOf[w] = tag
				}
			}
		case "->":
			if words[3] == "!done" || words[3] == "!trap" {
				if _, ok := r.doneAt[tag]; !ok {
					r.doneAt[tag] = now
					r.doneOf[tag] = line
				}
			}
		}
	}
	return len(p), nil
}

func (r *traceRecorder) lastLines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.full {
		return append([]string(nil), r.ring[:r.next]...)
	}
	return append(append([]string(nil), r.ring[r.next:]...), r.ring[:r.next]...)
}

type stressCmd struct {
	words  []string
	marker string // a word unique to this command
}

type outcome struct {
	r   *goros.Reply
	err error
}

// runStress runs workers goroutines of n commands each over one async
// go-routeros connection; a command not answered within bound is a hang.
func runStress(t *testing.T, cfg Config, workers, n int, bound time.Duration) stressResult {
	t.Helper()
	rec := newTraceRecorder()
	cfg.Trace = rec
	s := start(t, cfg)
	conn, err := net.DialTimeout("tcp", s.Addr(), 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	cc := &captureConn{Conn: conn}
	c, err := goros.NewClient(cc)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login("admin", ""); err != nil {
		t.Fatalf("go-routeros login: %v", err)
	}
	c.Async()
	closeClient := sync.OnceFunc(func() { c.Close() })
	t.Cleanup(closeClient)

	type pending struct {
		cmd    stressCmd
		worker int
		ch     chan outcome
	}
	var (
		mu        sync.Mutex
		hung      []pending
		completed = make([][]string, workers) // markers of the answered commands, per worker
		failures  []string
	)
	begin := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			timer := time.NewTimer(bound)
			defer timer.Stop()
			var lastID string
			for i := 0; i < n; i++ {
				var cmd stressCmd
				mark := fmt.Sprintf("stress-%d-%d", w, i)
				switch {
				case i%4 == 0:
					cmd = stressCmd{[]string{"/ip/address/add", fmt.Sprintf("=address=10.%d.%d.%d/24", 100+w, i>>8, i&255),
						"=interface=ether" + fmt.Sprint(w%10+1), "=comment=" + mark}, "=comment=" + mark}
				case i%4 == 2 && lastID != "":
					cmd = stressCmd{[]string{"/ip/address/remove", "=.id=" + lastID}, "=.id=" + lastID}
					lastID = ""
				case i%2 == 1:
					cmd = stressCmd{[]string{"/system/identity/print", "=.proplist=name," + mark}, "=.proplist=name," + mark}
				default:
					cmd = stressCmd{[]string{"/interface/print", "?-" + mark}, "?-" + mark}
				}
				ch := make(chan outcome, 1)
				go func() {
					r, err := c.Run(cmd.words...)
					ch <- outcome{r, err}
				}()
				if !timer.Stop() {
					select {
					case <-timer.C:
					default:
					}
				}
				timer.Reset(bound)
				select {
				case o := <-ch:
					completed[w] = append(completed[w], cmd.marker)
					if msg := checkStressReply(cmd, o); msg != "" {
						mu.Lock()
						failures = append(failures, msg)
						mu.Unlock()
					}
					if o.err == nil && cmd.words[0] == "/ip/address/add" {
						lastID = o.r.Done.Map["ret"]
					}
				case <-timer.C:
					mu.Lock()
					hung = append(hung, pending{cmd, w, ch})
					mu.Unlock()
					return // this worker's connection share is wedged
				}
			}
		}(w)
	}
	wg.Wait()
	res := stressResult{elapsed: time.Since(begin)}
	for _, f := range failures {
		t.Error(f)
	}
	for _, m := range completed {
		res.completed += len(m)
	}
	// A late answer is slowness, not a hang.
	var stillHung []pending
	for _, h := range hung {
		select {
		case <-h.ch:
			res.slow++
		default:
			stillHung = append(stillHung, h)
		}
	}
	// the final replies the client's reader read off its connection
	readByClient := map[string]bool{}
	if len(stillHung) > 0 {
		cc.mu.Lock()
		r := bufio.NewReader(bytes.NewReader(cc.buf.Bytes()))
		cc.mu.Unlock()
		for {
			words, err := readSentence(r)
			if err != nil {
				break
			}
			if words[0] == "!done" || words[0] == "!trap" {
				for _, w := range words {
					if tag, ok := strings.CutPrefix(w, ".tag="); ok {
						readByClient[tag] = true
					}
				}
			}
		}
	}
	rec.mu.Lock()
	for _, h := range stillHung {
		tag, ok := rec.tagOf[h.cmd.marker]
		var b strings.Builder
		fmt.Fprintf(&b, "worker %d: %q got no reply within %v; ", h.worker, h.cmd.words, bound)
		if !ok {
			b.WriteString("the emulator never received it (no tag in the trace)")
			res.hangs = append(res.hangs, stressHang{report: b.String()})
			continue
		}
		fmt.Fprintf(&b, "tag %s; received: %s", tag, strings.TrimSpace(rec.recvOf[tag]))
		at, sent := rec.doneAt[tag]
		if !sent {
			b.WriteString("; the emulator never sent its reply")
			res.hangs = append(res.hangs, stressHang{report: b.String()})
			continue
		}
		fmt.Fprintf(&b, "; the emulator sent: %s", strings.TrimSpace(rec.doneOf[tag]))
		// replies the emulator sent after this one that the client delivered
		later := 0
		for _, ms := range completed {
			for _, m := range ms {
				if tg, ok := rec.tagOf[m]; ok && rec.doneAt[tg].After(at) {
					later++
				}
			}
		}
		read := readByClient[tag]
		fmt.Fprintf(&b, "; the client's reader read it off the connection: %v; the client then delivered %d replies sent after it", read, later)
		if read || later > 0 {
			b.WriteString(" (so its reader had the reply and dropped it: the tag was not registered yet)")
		}
		res.hangs = append(res.hangs, stressHang{report: b.String(), clientSide: read || later > 0})
	}
	rec.mu.Unlock()
	res.tail = rec.lastLines()
	closeClient() // releases the hung Runs (their tags are registered by now)
	return res
}

// checkStressReply checks a reply's content, so that a wrong answer is not
// mistaken for a right one.
func checkStressReply(cmd stressCmd, o outcome) string {
	if o.err != nil {
		return fmt.Sprintf("%q: %v", cmd.words, o.err)
	}
	switch cmd.words[0] {
	case "/ip/address/add":
		if id := o.r.Done.Map["ret"]; !strings.HasPrefix(id, "*") {
			return fmt.Sprintf("%q: ret %q", cmd.words, id)
		}
	case "/system/identity/print":
		if len(o.r.Re) != 1 || o.r.Re[0].Map["name"] != "MikroTik" {
			return fmt.Sprintf("%q: %v", cmd.words, o.r)
		}
	case "/interface/print":
		if len(o.r.Re) < 10 {
			return fmt.Sprintf("%q: %d rows", cmd.words, len(o.r.Re))
		}
	}
	return ""
}

// TestTrace: one line per sentence each way, with its tag, secrets masked.
func TestTrace(t *testing.T) {
	var buf syncBuffer
	s := start(t, Config{Users: map[string]string{"admin": "s3cret"}, Trace: &buf})
	c, err := goros.DialTimeout(s.Addr(), "admin", "s3cret", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Async()
	if _, err := c.Run("/interface/wireguard/add", "=name=wg0", "=private-key=yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run("/interface/wireguard/print"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	s.Close()
	out := buf.String()
	if strings.Contains(out, "s3cret") || strings.Contains(out, "yAnz5TF") {
		t.Errorf("a secret is in the trace:\n%s", out)
	}
	for _, want := range []string{
		" c1 <- /login =name=admin =password=***\n",
		" c1 -> !done\n",
		" c1 <- /interface/wireguard/add =name=wg0 =private-key=*** .tag=r1\n",
		" c1 -> !done =ret=*", // then .tag=r1
		" c1 <- /interface/wireguard/print .tag=r2\n",
		" =private-key=*** ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trace lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Fields(line); len(f) < 4 || (f[2] != "<-" && f[2] != "->") {
			t.Errorf("malformed trace line %q", line)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// captureConn keeps a copy of every byte the client reads, to tell after
// a hang whether the client's reader got the lost reply.
type captureConn struct {
	net.Conn
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *captureConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	c.buf.Write(p[:n])
	c.mu.Unlock()
	return n, err
}

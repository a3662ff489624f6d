package routeros

import (
	"bufio"
	"errors"
	"io"
	"net"
	"slices"
	"strconv"
	"time"
)

// session is one API connection: it reads sentences, executes each in
// arrival order, and queues the replies on out, whose writer goroutine
// sends them when due. With latency, tagged replies are delayed
// concurrently, so many tagged commands can be in flight; out is bounded, so
// a client that stops reading its replies stops being read.
type session struct {
	s        *Server
	c        net.Conn
	id       int // the trace's c<N>
	r        *bufio.Reader
	out      *outQueue
	loggedIn bool
	closing  bool      // set under s.mu when the session ends
	arrived  time.Time // when the sentence being answered was read
}

func newSession(s *Server, c net.Conn, id int) *session {
	q := newOutQueue(c, s.cfg.WriteTimeout, s.cfg.MaxReplyQueueBytes, s.cfg.MaxPendingReplies)
	q.trace, q.conn = s.trace, id
	return &session{s: s, c: c, id: id, r: bufio.NewReaderSize(c, 16<<10), out: q}
}

// limits are the bounds on the next incoming sentence: before login they
// are much tighter (RouterOS limits what it reads before login; its numbers
// are undocumented).
func (ss *session) limits() sentenceLimits {
	lim := sentenceLimits{wordBytes: ss.s.cfg.MaxWordBytes, words: ss.s.cfg.MaxSentenceWords, bytes: ss.s.cfg.MaxSentenceBytes}
	if !ss.loggedIn {
		lim.wordBytes = tighter(lim.wordBytes, preLoginMaxBytes)
		lim.words = tighter(lim.words, preLoginMaxWords)
		lim.bytes = tighter(lim.bytes, preLoginMaxBytes)
	}
	return lim
}

// tighter is the smaller of two limits where <= 0 means none; a configured
// "none" stays none.
func tighter(configured, fixed int) int {
	if configured <= 0 {
		return configured
	}
	return min(configured, fixed)
}

func (ss *session) run() {
	drain := false
	defer func() {
		ss.s.mu.Lock()
		ss.closing = true
		ss.s.mu.Unlock()
		ss.cancel("", true)
		ss.out.finish(drain)
		ss.c.Close()
	}()
	if d := ss.s.cfg.LoginTimeout; d > 0 {
		_ = ss.c.SetReadDeadline(time.Now().Add(d))
	}
	for {
		words, err := readSentenceLimited(ss.r, ss.limits())
		if err != nil {
			// a client that half-closed still gets the replies already due;
			// a login timeout or a malformed or oversized sentence drops the
			// connection at once
			drain = errors.Is(err, io.EOF)
			return
		}
		ss.arrived = time.Now()
		ss.s.trace.received(ss.id, words)
		req := parseRequest(words)
		dropBefore, dropAfterExec := ss.s.received(req.command)
		if dropBefore {
			drain = true
			return
		}
		switch {
		case req.command == "/quit":
			sent := make(chan struct{})
			ss.out.push(appendSentence(nil, []string{"!fatal", "session terminated on request"}), time.Now(), true, sent)
			<-sent
			return
		case req.command == "/login":
			ss.login(req)
		case !ss.loggedIn:
			ss.reply(req.tag, result{err: &trapError{"not logged in", catNone}}, 0)
		case req.command == "/cancel":
			tag, ok := req.arg("tag")
			ss.cancel(tag, !ok)
			ss.reply(req.tag, result{}, 0)
		case ss.listens(req):
		default:
			res := ss.s.execute(req)
			if dropAfterExec {
				drain = true
				return
			}
			ss.reply(req.tag, res, ss.s.currentLatency())
		}
		if dropAfterExec {
			drain = true
			return
		}
	}
}

// listens starts a listener when req is a listen or a print with
// =follow= or =follow-only=, and reports whether it did.
func (ss *session) listens(req request) bool {
	path, verb := splitCommand(req.command)
	_, follow := req.arg("follow")
	_, followOnly := req.arg("follow-only")
	if verb != "listen" && !((verb == "print" || verb == "getall") && (follow || followOnly)) {
		return false
	}
	m := ss.s.db.menus[path] // menus are fixed after Start
	if m == nil {
		return false
	}
	for _, a := range req.attrs {
		if !slices.Contains(printArgs, a.k) {
			ss.reply(req.tag, result{err: errUnknownParam(a.k)}, 0)
			return true
		}
	}
	ss.startListen(req, m, verb != "listen" && follow)
	return true
}

func (ss *session) login(req request) {
	name, _ := req.arg("name")
	pass, _ := req.arg("password")
	want, ok := ss.s.users[name]
	if !ok || want != pass {
		ss.reply(req.tag, result{err: &trapError{"invalid user name or password (6)", catNone}}, 0)
		return
	}
	if !ss.loggedIn && ss.s.cfg.LoginTimeout > 0 {
		_ = ss.c.SetReadDeadline(time.Time{}) // logged-in sessions may idle
	}
	ss.loggedIn = true
	ss.reply(req.tag, result{}, 0)
}

// reply encodes a result as !re... then !empty, !trap or !done (with =ret=),
// each tagged, and sends it after latency.
func (ss *session) reply(tag string, res result, latency time.Duration) {
	var buf []byte
	words := make([]string, 0, 32)
	end := func() {
		if tag != "" {
			words = append(words, ".tag="+tag)
		}
		buf = appendSentence(buf, words)
		words = words[:0]
	}
	for _, p := range res.rows {
		words = append(words, "!re")
		for _, e := range p {
			words = append(words, "="+e.k+"="+e.v)
		}
		end()
	}
	if res.err != nil {
		words = append(words, "!trap")
		if te, ok := res.err.(*trapError); ok && te.category >= 0 {
			words = append(words, "=category="+strconv.Itoa(te.category))
		}
		words = append(words, "=message="+res.err.Error())
		end()
	} else if res.print && len(res.rows) == 0 && versionAtLeast(ss.s.cfg.Version, 7, 18) {
		words = append(words, "!empty")
		end()
	}
	words = append(words, "!done")
	if res.hasRet && res.err == nil {
		words = append(words, "=ret="+res.ret)
	}
	end()
	due := time.Now().Add(latency)
	if m := ss.s.cfg.MinServiceTime; m > 0 && !ss.arrived.IsZero() {
		due = later(due, ss.arrived.Add(m))
	}
	if tag != "" {
		// tagged replies are delayed concurrently: the reader goes on
		ss.out.push(buf, due, true, nil)
		return
	}
	if d := time.Until(due); d > 0 {
		time.Sleep(d) // untagged commands are answered one after the other
	}
	ss.out.push(buf, time.Now(), true, nil)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// send queues b to go out now without waiting for room; it is for callers
// that hold the state lock (listeners, cancel).
func (ss *session) send(b []byte) {
	ss.out.push(b, time.Now(), false, nil)
}

package routeros

import (
	"bufio"
	"net"
	"slices"
	"strconv"
	"sync"
	"time"
)

// session is one API connection: it reads sentences, executes each in
// arrival order, and writes the replies. With latency, tagged replies are
// delayed concurrently, so many tagged commands can be in flight.
type session struct {
	s        *Server
	c        net.Conn
	r        *bufio.Reader
	wmu      sync.Mutex
	loggedIn bool
	closing  bool // set under s.mu when the session ends
	pending  sync.WaitGroup
}

func newSession(s *Server, c net.Conn) *session {
	return &session{s: s, c: c, r: bufio.NewReaderSize(c, 16<<10)}
}

func (ss *session) run() {
	defer ss.pending.Wait()
	defer ss.c.Close() // runs before Wait: a drop must not wait for delayed replies
	defer func() {
		ss.s.mu.Lock()
		ss.closing = true
		ss.s.mu.Unlock()
		ss.cancel("", true)
	}()
	for {
		words, err := readSentence(ss.r)
		if err != nil {
			return
		}
		req := parseRequest(words)
		dropBefore, dropAfterExec := ss.s.received(req.command)
		if dropBefore {
			return
		}
		switch {
		case req.command == "/quit":
			ss.write(appendSentence(nil, []string{"!fatal", "session terminated on request"}))
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
				return
			}
			ss.reply(req.tag, res, ss.s.currentLatency())
		}
		if dropAfterExec {
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
	if tag != "" {
		latency = max(latency, ss.s.cfg.TaggedReplyDelay)
	}
	if latency <= 0 {
		ss.write(buf)
		return
	}
	if tag == "" {
		time.Sleep(latency)
		ss.write(buf)
		return
	}
	ss.pending.Add(1)
	go func() {
		defer ss.pending.Done()
		time.Sleep(latency)
		ss.write(buf)
	}()
}

// writeTimeout bounds a write to a client that stopped reading, so it
// cannot stall the emulator (listeners write while holding the state lock).
const writeTimeout = 30 * time.Second

func (ss *session) write(b []byte) {
	ss.wmu.Lock()
	defer ss.wmu.Unlock()
	_ = ss.c.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := ss.c.Write(b); err != nil {
		ss.c.Close() // the reader then ends the session
	}
}

package routeros

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"strings"
	"sync"
	"time"
)

// Config configures an emulator. The zero value is usable.
type Config struct {
	Addr            string            // plain API listen address; "" means "127.0.0.1:0"
	TLS             bool              // also serve api-ssl on TLSAddr
	TLSAddr         string            // "" means "127.0.0.1:0"
	CertPEM, KeyPEM []byte            // api-ssl certificate; when empty a CA + server cert for 127.0.0.1/localhost is generated
	Users           map[string]string // user -> password; nil means {"admin": ""}
	Version         string            // "" means "7.19.4"; !empty is sent only for >= 7.18
	EthernetPorts   int               // 0 means 10 (ether1..ether10)
	// PoEPorts are the ports (by default-name) with PoE-out, as on a board
	// such as an hEX PoE; empty (the default, a CHR) means a board without
	// PoE, where the poe-* settings are unknown parameters.
	PoEPorts []string
	Latency  time.Duration // added once before the reply to every command (one round trip)
	Seed     string        // a RouterOS /export script to load at start
	Snapshot *Snapshot     // a snapshot to load at start, with its ids (and its version when Version is "")
	// MinServiceTime is the least time between a command's arrival (its
	// sentence read) and its reply, as a real router's processing plus a
	// LAN round trip; 0 means 5ms, negative means none. Latency is added
	// after executing the command, so a reply is due at the later of
	// arrival+MinServiceTime and execution+Latency. It applies to every
	// command, tagged or not, /login included; listen and follow streams
	// are not delayed (their rows must stay in order). Stock go-routeros
	// v3.0.1 async clients need it: RunArgs registers a tag only after
	// flushing the command, and its reader drops a reply whose tag is not
	// registered yet (upstream issue #33), so that Run never returns. An
	// emulator on loopback answers within microseconds and hits that
	// window at once; a router taking milliseconds rarely does. It is a
	// probability, not a guarantee (see doc.go for the measurements).
	MinServiceTime time.Duration
	// TaggedReplyDelay is the former name of MinServiceTime (which now
	// applies to untagged commands too): when MinServiceTime is 0 and this
	// is not, it is used as MinServiceTime.
	TaggedReplyDelay time.Duration
	// Trace, when not nil, receives one line per sentence received and
	// sent, with its connection and .tag, secrets masked (see trace.go).
	Trace io.Writer

	// Bounds, so that a misbehaving client (or many) cannot grow the
	// emulator without limit or pin it. For each: 0 means the default,
	// negative means no limit.

	// MaxSessions is the most concurrent connections per service (api and
	// api-ssl each); 0 means 20, RouterOS's default /ip service
	// max-sessions (RouterOS >= 7.16). A connection over the limit is
	// closed at once, without a word.
	MaxSessions int
	// LoginTimeout closes a connection that has not logged in this long
	// after connecting, idle or not; 0 means 60s.
	LoginTimeout time.Duration
	// MaxSentenceBytes (0: 4 MiB), MaxSentenceWords (0: 4096) and
	// MaxWordBytes (0: 1 MiB) bound one incoming sentence; before login a
	// sentence may hold at most 64 KiB in 128 words. A connection sending
	// more is closed as soon as the limit is passed.
	MaxSentenceBytes, MaxSentenceWords, MaxWordBytes int
	// MaxPendingReplies (0: 256) and MaxReplyQueueBytes (0: 4 MiB) bound a
	// connection's replies that are not yet written: when either is
	// reached the connection is not read until its client reads. A
	// listen/follow stream whose client lets twice that pile up is closed.
	MaxPendingReplies, MaxReplyQueueBytes int
	// WriteTimeout closes a connection whose client has not taken a
	// reply in this long; 0 means 30s.
	WriteTimeout time.Duration
}

const (
	defaultMinServiceTime     = 5 * time.Millisecond
	defaultMaxSessions        = 20 // /ip service max-sessions (ansible community.routeros _api_data.py, RouterOS >= 7.16)
	defaultLoginTimeout       = 60 * time.Second
	defaultMaxSentenceBytes   = 4 << 20
	defaultMaxSentenceWords   = 4096
	defaultMaxWordBytes       = 1 << 20
	defaultMaxPendingReplies  = 256
	defaultMaxReplyQueueBytes = 4 << 20
	defaultWriteTimeout       = 30 * time.Second

	// Before login: a /login sentence is a few short words.
	preLoginMaxBytes = 64 << 10
	preLoginMaxWords = 128
)

// orDefault applies the "0 means the default" rule.
func orDefault[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// Server is a running emulator.
type Server struct {
	cfg   Config
	users map[string]string

	mu        sync.Mutex // guards db and listeners
	db        *db
	listeners map[*listener]struct{}

	knobMu    sync.Mutex
	latency   time.Duration
	counters  map[string]int
	dropAfter int // sentences left before dropping a connection; 0 = off
	dropOn    string
	dropExec  bool

	ln, tlsLn net.Listener
	caPEM     []byte
	trace     *tracer // nil unless Config.Trace

	connMu  sync.Mutex
	connSeq int // connections accepted, for the trace's c<N>
	conns   map[net.Conn]struct{}
	closed  bool
	wg      sync.WaitGroup
}

// Start starts an emulator listening on cfg.Addr (and cfg.TLSAddr).
func Start(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.TLSAddr == "" {
		cfg.TLSAddr = "127.0.0.1:0"
	}
	if cfg.Version == "" && cfg.Snapshot != nil {
		cfg.Version = cfg.Snapshot.Version
	}
	if cfg.Version == "" {
		cfg.Version = "7.19.4"
	}
	if cfg.MinServiceTime == 0 {
		cfg.MinServiceTime = cfg.TaggedReplyDelay
	}
	cfg.MinServiceTime = orDefault(cfg.MinServiceTime, defaultMinServiceTime)
	cfg.TaggedReplyDelay = cfg.MinServiceTime
	if cfg.EthernetPorts <= 0 {
		cfg.EthernetPorts = 10
	}
	cfg.MaxSessions = orDefault(cfg.MaxSessions, defaultMaxSessions)
	cfg.LoginTimeout = orDefault(cfg.LoginTimeout, defaultLoginTimeout)
	cfg.MaxSentenceBytes = orDefault(cfg.MaxSentenceBytes, defaultMaxSentenceBytes)
	cfg.MaxSentenceWords = orDefault(cfg.MaxSentenceWords, defaultMaxSentenceWords)
	cfg.MaxWordBytes = orDefault(cfg.MaxWordBytes, defaultMaxWordBytes)
	cfg.MaxPendingReplies = orDefault(cfg.MaxPendingReplies, defaultMaxPendingReplies)
	cfg.MaxReplyQueueBytes = orDefault(cfg.MaxReplyQueueBytes, defaultMaxReplyQueueBytes)
	cfg.WriteTimeout = orDefault(cfg.WriteTimeout, defaultWriteTimeout)
	users := cfg.Users
	if users == nil {
		users = map[string]string{"admin": ""}
	}
	s := &Server{
		cfg:      cfg,
		users:    maps.Clone(users),
		db:       newDB(cfg.Version, cfg.EthernetPorts),
		latency:  cfg.Latency,
		counters: map[string]int{},
		conns:    map[net.Conn]struct{}{},
		trace:    newTracer(cfg.Trace),
	}
	s.db.setPoE(cfg.PoEPorts)
	if cfg.Snapshot != nil {
		if err := s.LoadSnapshot(cfg.Snapshot); err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
	}
	if cfg.Seed != "" {
		if err := s.LoadExport(cfg.Seed); err != nil {
			return nil, fmt.Errorf("seed: %w", err)
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	s.ln = ln
	if cfg.TLS {
		certPEM, keyPEM := cfg.CertPEM, cfg.KeyPEM
		if len(certPEM) == 0 || len(keyPEM) == 0 {
			s.caPEM, certPEM, keyPEM, err = generateCerts()
			if err != nil {
				ln.Close()
				return nil, err
			}
		}
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("api-ssl certificate: %w", err)
		}
		tln, err := net.Listen("tcp", cfg.TLSAddr)
		if err != nil {
			ln.Close()
			return nil, err
		}
		// api-ssl serves the certificate bound to the service now (set
		// api-ssl certificate=... switches it for the next handshake), else
		// the generated or given one.
		s.tlsLn = tls.NewListener(tln, &tls.Config{MinVersion: tls.VersionTLS12,
			GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
				s.mu.Lock()
				defer s.mu.Unlock()
				if c := s.db.serviceCertificate("api-ssl"); c != nil {
					return c, nil
				}
				return &cert, nil
			}})
		s.wg.Add(1)
		go s.serve(s.tlsLn)
	}
	s.wg.Add(1)
	go s.serve(ln)
	return s, nil
}

// Addr is the plain API address, "127.0.0.1:port".
func (s *Server) Addr() string { return s.ln.Addr().String() }

// TLSAddr is the api-ssl address, "" when TLS is off.
func (s *Server) TLSAddr() string {
	if s.tlsLn == nil {
		return ""
	}
	return s.tlsLn.Addr().String()
}

// CACertPEM is the PEM of the CA that signed the generated api-ssl
// certificate (nil when the certificate was given).
func (s *Server) CACertPEM() []byte { return s.caPEM }

// Close stops listening and closes every connection.
func (s *Server) Close() error {
	s.connMu.Lock()
	if s.closed {
		s.connMu.Unlock()
		return nil
	}
	s.closed = true
	for c := range s.conns {
		c.Close()
	}
	s.connMu.Unlock()
	err := s.ln.Close()
	if s.tlsLn != nil {
		s.tlsLn.Close()
	}
	s.wg.Wait()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

func (s *Server) serve(ln net.Listener) {
	defer s.wg.Done()
	active := 0 // this service's sessions, guarded by connMu
	for {
		c, err := ln.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return
		}
		s.connMu.Lock()
		if s.closed {
			s.connMu.Unlock()
			c.Close()
			return
		}
		if s.cfg.MaxSessions > 0 && active >= s.cfg.MaxSessions {
			s.connMu.Unlock()
			c.Close() // over max-sessions (RouterOS's exact reaction is unconfirmed)
			continue
		}
		active++
		s.connSeq++
		id := s.connSeq
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.connMu.Unlock()
		go func() {
			defer s.wg.Done()
			newSession(s, c, id).run()
			s.connMu.Lock()
			delete(s.conns, c)
			active--
			s.connMu.Unlock()
		}()
	}
}

// Counters returns how many commands arrived over the wire per menu and
// verb, e.g. "/interface/vlan print"; commands without a menu (/login,
// /cancel, /quit) count under their own word.
func (s *Server) Counters() map[string]int {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	return maps.Clone(s.counters)
}

// ResetCounters zeroes the counters.
func (s *Server) ResetCounters() {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	s.counters = map[string]int{}
}

// SetLatency changes the latency added before each command's reply.
func (s *Server) SetLatency(d time.Duration) {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	s.latency = d
}

// DropAfter is one-shot: the connection that receives the n-th sentence
// from now on (counting every sentence on every connection, /login
// included) is closed on receiving it, without executing it. n <= 0 turns it off.
func (s *Server) DropAfter(n int) {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	s.dropAfter = max(n, 0)
}

// DropOn is one-shot: the next sentence whose command is command (e.g.
// "/interface/vlan/add") closes its connection, before executing it or,
// with afterExec, after executing it but before replying.
func (s *Server) DropOn(command string, afterExec bool) {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	s.dropOn, s.dropExec = command, afterExec
}

// Run executes one API sentence in-process as a logged-in full user, with
// the same validation and state as over the wire (but not counted, and
// never dropped). It returns the !re rows as maps; when the !done carries
// =ret= (add's new id, count-only, get) a last map {"ret": value} is
// appended. A !trap becomes an error whose Error() is its message.
// Listeners see changes made through Run.
func (s *Server) Run(words ...string) ([]map[string]string, error) {
	if len(words) == 0 {
		return nil, errors.New("empty sentence")
	}
	res := s.execute(parseRequest(words))
	rows := make([]map[string]string, 0, len(res.rows))
	for _, p := range res.rows {
		m := make(map[string]string, len(p))
		for _, e := range p {
			m[e.k] = e.v
		}
		rows = append(rows, m)
	}
	if res.err != nil {
		return rows, res.err
	}
	if res.hasRet {
		rows = append(rows, map[string]string{"ret": res.ret})
	}
	return rows, nil
}

func (s *Server) execute(req request) result {
	s.mu.Lock()
	defer s.mu.Unlock()
	res, ok := s.db.execCertificate(req)
	if !ok {
		res = s.db.exec(req)
	}
	if _, verb := splitCommand(req.command); res.err == nil && len(s.listeners) > 0 && isWriteVerb(verb) {
		s.notify()
	}
	return res
}

// counterKey is "<menu> <verb>".
func counterKey(cmd string) string {
	menu, verb := splitCommand(cmd)
	if menu == "" {
		return cmd
	}
	return menu + " " + verb
}

// received books one incoming sentence and reports whether its connection
// must be dropped before executing it, or after executing it.
func (s *Server) received(cmd string) (dropBefore, dropAfterExec bool) {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	s.counters[counterKey(cmd)]++
	if s.dropAfter > 0 {
		s.dropAfter--
		if s.dropAfter == 0 {
			return true, false
		}
	}
	if s.dropOn != "" && strings.EqualFold(s.dropOn, cmd) {
		s.dropOn = ""
		return !s.dropExec, s.dropExec
	}
	return false, false
}

func (s *Server) currentLatency() time.Duration {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	return s.latency
}

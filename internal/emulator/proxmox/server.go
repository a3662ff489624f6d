package proxmox

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Token is an API token of root@pam.
type Token struct {
	ID         string   // "root@pam!acctest"
	Secret     string   // the token's UUID (any string)
	Privileges []string // privileges on "/" (propagated); nil means all privileges
}

// Config configures an emulator.
type Config struct {
	Addr           string        // "" means "127.0.0.1:0"
	Nodes          []string      // nil means pve-s1, pve-s2, pve-s3
	RootPassword   string        // password of root@pam; "" means "emulator"
	Tokens         []Token       // API tokens
	TaskDuration   time.Duration // tasks report "running" until this elapses (0: finished at the first status poll)
	Latency        time.Duration // added to every HTTP request
	TicketLifetime time.Duration // 0 means 2h
	StateFile      string        // initial state (JSON) to load
	CertPEM        []byte        // served certificate (chain), with KeyPEM
	KeyPEM         []byte        // when both empty a CA + server cert for 127.0.0.1/localhost is generated
	EndpointNode   string        // the node whose pveproxy the listener is (certs.go); "" means the first node
}

// FailMode is how FailNext makes a request fail.
type FailMode int

const (
	FailHTTP500 FailMode = iota // answer HTTP 500 with a PVE error body
	FailReset                   // reset the TCP connection without answering
)

// Server is a running emulator.
type Server struct {
	cfg      Config
	url      string
	caPEM    []byte
	certs    *certStore // node certificates and what the listener serves (certs.go)
	srv      *http.Server
	ln       net.Listener
	secret   []byte // signs tickets and CSRF tokens
	tokens   map[string]Token
	latency  atomic.Int64
	duration atomic.Int64

	mu sync.Mutex // guards st
	st *state

	kmu      sync.Mutex // guards the knobs below
	counters map[string]int
	fails    []*failRule
	// downloads are the files download-url fetches (SetDownload);
	// unreachableHosts the hosts it cannot reach (SetUnreachable).
	downloads        map[string][]byte
	unreachableHosts map[string]bool
}

// Start starts an emulator listening on cfg.Addr.
func Start(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Nodes == nil {
		cfg.Nodes = []string{"pve-s1", "pve-s2", "pve-s3"}
	}
	if cfg.RootPassword == "" {
		cfg.RootPassword = "emulator"
	}
	if cfg.TicketLifetime == 0 {
		cfg.TicketLifetime = 2 * time.Hour
	}
	s := &Server{cfg: cfg, tokens: map[string]Token{}, counters: map[string]int{}}
	s.secret = make([]byte, 32)
	if _, err := rand.Read(s.secret); err != nil {
		return nil, err
	}
	for _, n := range cfg.Nodes {
		if !reNodeName.MatchString(n) {
			return nil, errors.New("proxmox emulator: invalid node name " + n)
		}
	}
	for _, t := range cfg.Tokens {
		if _, _, ok := splitTokenID(t.ID); !ok {
			return nil, errors.New("proxmox emulator: token id must be user@realm!name: " + t.ID)
		}
		s.tokens[t.ID] = t
	}
	s.latency.Store(int64(cfg.Latency))
	s.duration.Store(int64(cfg.TaskDuration))
	s.st = defaultState(cfg.Nodes)
	if cfg.StateFile != "" {
		st, err := loadState(cfg.StateFile)
		if err != nil {
			return nil, err
		}
		if len(st.Nodes) == 0 {
			st.Nodes = cfg.Nodes
		}
		if len(st.Storages) == 0 {
			st.Storages = defaultState(nil).Storages
		}
		st.init()
		s.st = st
	}
	_ = apiSchema() // fail early on a broken embedded schema

	endpoint := cfg.EndpointNode
	if endpoint == "" && len(s.st.Nodes) > 0 {
		endpoint = s.st.Nodes[0]
	} else if !s.st.hasNode(endpoint) {
		return nil, errors.New("proxmox emulator: endpoint node " + endpoint + " is not a node of the cluster")
	}
	certs, caPEM, err := newCertStore(cfg.CertPEM, cfg.KeyPEM, endpoint)
	if err != nil {
		return nil, err
	}
	s.certs, s.caPEM = certs, caPEM
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	s.ln = ln
	s.url = "https://" + ln.Addr().String()
	s.srv = &http.Server{
		Handler:           s,
		TLSConfig:         &tls.Config{GetCertificate: certs.getCertificate, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
		// pveproxy speaks HTTP/1.1 only; this also keeps Hijack available.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
	}
	go func() { _ = s.srv.ServeTLS(ln, "", "") }()
	return s, nil
}

// URL is the base URL, "https://127.0.0.1:PORT", without /api2/json.
func (s *Server) URL() string { return s.url }

// CACertPEM is the certificate of the CA that signed the served certificate
// (the served certificate itself when one was given).
func (s *Server) CACertPEM() []byte { return append([]byte(nil), s.caPEM...) }

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// SetLatency sets the delay added to every HTTP request.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetTaskDuration sets how long new tasks report "running".
func (s *Server) SetTaskDuration(d time.Duration) { s.duration.Store(int64(d)) }

func (s *Server) taskDuration() time.Duration { return time.Duration(s.duration.Load()) }

func itoa(i int) string { return strconv.Itoa(i) }

func atoi(v string) int {
	i, _ := strconv.Atoi(v)
	return i
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// RootPassword is root@pam's password.
func (s *Server) RootPassword() string { return s.cfg.RootPassword }

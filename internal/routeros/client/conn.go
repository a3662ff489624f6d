package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	routeros "github.com/go-routeros/routeros/v3"
	"github.com/go-routeros/routeros/v3/proto"
)

// conn is one logged-in API connection on which any number of commands run at
// the same time, each with its own .tag (the API's asynchronous mode).
//
// go-routeros v3 does the dialing, the login and the wire codec (package
// proto). The tag dispatcher is ours rather than routeros.Client.Async because
// v3.0.1 registers a command's tag only after sending it, so a fast reply is
// dropped and the caller waits forever (go-routeros issue #33), and a
// cancelled context there tears down the shared reader for every other
// command (issue #34). Here a tag is registered before its command is written
// and a cancelled command only forgets its own tag.
type conn struct {
	nc net.Conn
	w  proto.Writer
	r  proto.Reader

	mu      sync.Mutex
	pending map[string]*call
	nextTag int64
	err     error         // set once the connection is broken
	dead    chan struct{} // closed when the connection is broken
}

type call struct {
	re   []map[string]string
	done map[string]string
	err  error
	ch   chan struct{}
}

// errConnection marks errors of the transport, as opposed to a !trap.
type ConnError struct{ Err error }

func (e *ConnError) Error() string { return "connection to the router failed: " + e.Err.Error() }
func (e *ConnError) Unwrap() error { return e.Err }

// IsConnError reports whether err is a lost connection (the command may or
// may not have been executed by the router).
func IsConnError(err error) bool {
	var ce *ConnError
	return errors.As(err, &ce)
}

type endpoint struct {
	addr   string
	tls    *tls.Config
	scheme string
}

func parseURL(raw string, caPEM string, insecure bool, tlsClient func(string, bool) (*tls.Config, error)) (endpoint, error) {
	var ep endpoint
	var port string
	switch {
	case strings.HasPrefix(raw, "api://"):
		ep.scheme, port = "api", "8728"
	case strings.HasPrefix(raw, "apis://"):
		ep.scheme, port = "apis", "8729"
	default:
		return ep, fmt.Errorf("the RouterOS URL %q must start with api:// or apis://", raw)
	}
	hostport := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(raw, ep.scheme+"://"), "/"), "/")
	if hostport == "" {
		return ep, fmt.Errorf("the RouterOS URL %q has no host", raw)
	}
	if _, _, err := net.SplitHostPort(hostport); err != nil {
		hostport = net.JoinHostPort(strings.Trim(hostport, "[]"), port)
	}
	ep.addr = hostport
	if ep.scheme == "apis" {
		cfg, err := tlsClient(caPEM, insecure)
		if err != nil {
			return ep, fmt.Errorf("RouterOS ca_certificate: %w", err)
		}
		if cfg.ServerName == "" {
			host, _, _ := net.SplitHostPort(hostport)
			cfg.ServerName = host
		}
		ep.tls = cfg
	}
	return ep, nil
}

// dial connects and logs in. The password only ever goes to /login, which
// go-routeros sends with its logger silenced.
func dial(ctx context.Context, ep endpoint, user, password string, timeout time.Duration) (*conn, error) {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	nc, err := d.DialContext(ctx, "tcp", ep.addr)
	if err != nil {
		return nil, &ConnError{Err: fmt.Errorf("connecting to RouterOS at %s://%s: %w", ep.scheme, ep.addr, err)}
	}
	if ep.tls != nil {
		tc := tls.Client(nc, ep.tls)
		hctx, cancel := context.WithTimeout(ctx, timeout)
		err := tc.HandshakeContext(hctx)
		cancel()
		if err != nil {
			nc.Close()
			var ne net.Error
			if errors.As(err, &ne) || errors.Is(err, io.EOF) {
				if _, isCert := err.(*tls.CertificateVerificationError); !isCert {
					return nil, &ConnError{Err: fmt.Errorf("TLS handshake with RouterOS at apis://%s: %w", ep.addr, err)}
				}
			}
			return nil, tlsError(ep, err)
		}
		nc = tc
	}
	_ = nc.SetDeadline(time.Now().Add(timeout))
	rc, err := routeros.NewClient(nc)
	if err == nil {
		rc.SetLogHandler(slog.DiscardHandler)
		err = rc.LoginContext(ctx, user, password)
	}
	if err != nil {
		nc.Close()
		var de *routeros.DeviceError
		if errors.As(err, &de) {
			return nil, fmt.Errorf("logging in to RouterOS at %s://%s as %q: %s", ep.scheme, ep.addr, user, de.Sentence.Map["message"])
		}
		// The connection broke during login (not a refused login).
		return nil, &ConnError{Err: fmt.Errorf("logging in to RouterOS at %s://%s as %q: %w", ep.scheme, ep.addr, user, err)}
	}
	_ = nc.SetDeadline(time.Time{})
	c := &conn{
		nc:      nc,
		w:       proto.NewWriter(nc),
		r:       proto.NewReader(nc),
		pending: map[string]*call{},
		dead:    make(chan struct{}),
	}
	go c.readLoop()
	return c, nil
}

func tlsError(ep endpoint, err error) error {
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var cv *tls.CertificateVerificationError
	switch {
	case errors.As(err, &ua), errors.As(err, &cv) && errors.As(cv.Err, &ua):
		return fmt.Errorf("TLS to RouterOS at apis://%s refused: the router's certificate is not signed by the CA "+
			"given in ca_certificate (or, without ca_certificate, by a system root CA). Set ca_certificate to the CA "+
			"that signed the router's api-ssl certificate, or insecure = true to skip verification: %w", ep.addr, err)
	case errors.As(err, &hn):
		return fmt.Errorf("TLS to RouterOS at apis://%s refused: the router's certificate is not valid for this host name; "+
			"connect with the name or address the certificate was issued for: %w", ep.addr, err)
	}
	return fmt.Errorf("TLS handshake with RouterOS at apis://%s: %w", ep.addr, err)
}

func (c *conn) readLoop() {
	for {
		sen, err := c.r.ReadSentence()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = errors.New("the router closed the connection")
			}
			c.fail(err)
			return
		}
		c.mu.Lock()
		cl := c.pending[sen.Tag]
		if cl == nil {
			c.mu.Unlock()
			continue // a reply to a command we stopped waiting for
		}
		finished := false
		switch sen.Word {
		case "!re":
			cl.re = append(cl.re, sen.Map)
		case "!done":
			cl.done = sen.Map
			finished = true
		case "!trap":
			// The !done that follows a !trap is dropped as its tag is gone.
			cl.err = &DeviceError{Message: sen.Map["message"], Category: sen.Map["category"]}
			finished = true
		case "!fatal":
			c.mu.Unlock()
			c.fail(fmt.Errorf("the router ended the session: %s", sen.Map["message"]))
			return
		case "!empty":
		default:
			cl.err = fmt.Errorf("unknown RouterOS reply word %q", sen.Word)
			finished = true
		}
		if finished {
			delete(c.pending, sen.Tag)
			close(cl.ch)
		}
		c.mu.Unlock()
	}
}

// fail marks the connection broken and completes every waiting command.
func (c *conn) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return
	}
	c.err = &ConnError{Err: err}
	close(c.dead)
	for tag, cl := range c.pending {
		cl.err = c.err
		close(cl.ch)
		delete(c.pending, tag)
	}
	c.nc.Close()
}

func (c *conn) broken() bool {
	select {
	case <-c.dead:
		return true
	default:
		return false
	}
}

func (c *conn) close() { c.fail(errors.New("closed")) }

// run sends one command and waits for its reply.
func (c *conn) run(ctx context.Context, words []string) ([]map[string]string, map[string]string, error) {
	cl := &call{ch: make(chan struct{})}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return nil, nil, c.err
	}
	c.nextTag++
	tag := strconv.FormatInt(c.nextTag, 36)
	c.pending[tag] = cl
	c.mu.Unlock()

	c.w.BeginSentence()
	for _, w := range words {
		c.w.WriteWord(w)
	}
	c.w.WriteWord(".tag=" + tag)
	if err := c.w.EndSentence(); err != nil {
		c.fail(err)
		<-cl.ch
		return nil, nil, cl.err
	}
	select {
	case <-cl.ch:
		return cl.re, cl.done, cl.err
	case <-ctx.Done():
		// A router that does not answer in time is treated as gone: the
		// next command reconnects.
		c.fail(fmt.Errorf("no reply to %s: %w", words[0], ctx.Err()))
		<-cl.ch
		return nil, nil, cl.err
	}
}

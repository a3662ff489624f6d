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
	"os"
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
//
// Every command has a deadline (the provider's timeout): for getting its turn
// to write, for the write itself (a router that stops reading would otherwise
// block every command behind the writer) and for its reply. A command that
// misses it drops the connection; the next command reconnects. Each waiting
// command then fails with an error naming its own command.
type conn struct {
	nc net.Conn
	w  proto.Writer
	r  proto.Reader

	wlock chan struct{} // held (one token) while a sentence is written

	mu      sync.Mutex
	pending map[string]*call
	nextTag int64
	cause   error         // why the connection broke; set once
	dead    chan struct{} // closed when the connection is broken
}

type call struct {
	cmd  string // words[0], e.g. /ip/address/remove
	re   []map[string]string
	done map[string]string
	err  error
	ch   chan struct{}
}

// ConnError is a connection lost while a command was under way: the router
// may or may not have executed it. (A connection that could not be opened at
// all is a *DialError: then no command was sent.)
type ConnError struct {
	Command string // the command that was under way, e.g. /interface/vlan/add
	Err     error  // what happened to the connection
}

func (e *ConnError) Error() string {
	if e.Command == "" {
		return "connection to the router failed: " + e.Err.Error()
	}
	return "connection to the router failed during " + e.Command + ": " + e.Err.Error()
}
func (e *ConnError) Unwrap() error { return e.Err }

// IsConnError reports whether err is a lost connection (the command may or
// may not have been executed by the router). It is false for a *DialError:
// a connection that was never opened ran nothing.
func IsConnError(err error) bool {
	var ce *ConnError
	return errors.As(err, &ce)
}

// DialError is a failure to open or log in to the connection: no command was
// sent. Its text names the URL as configured, e.g.
// "cannot connect to api://192.168.88.1: connection refused".
type DialError struct {
	URL string // as the user configured it, without any user:password@
	Op  string // "connect to" or "log in to"
	Err error
	// transient: the TCP connection was made but broke during the TLS
	// handshake or the login; dialing again may well succeed.
	transient bool
}

func (e *DialError) Error() string { return "cannot " + e.Op + " " + e.URL + ": " + e.Err.Error() }
func (e *DialError) Unwrap() error { return e.Err }

// notSentError is a command that never reached the connection because the
// connection broke first; Run sends it on a new connection.
type notSentError struct{ cause error }

func (e *notSentError) Error() string { return e.cause.Error() }

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
// go-routeros sends with its logger silenced. url is the address as
// configured, for errors.
func dial(ctx context.Context, ep endpoint, url, user, password string, timeout time.Duration) (*conn, error) {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	nc, err := d.DialContext(ctx, "tcp", ep.addr)
	if err != nil {
		return nil, &DialError{URL: url, Op: "connect to", Err: netCause(err)}
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
					return nil, &DialError{URL: url, Op: "connect to", Err: fmt.Errorf("TLS handshake: %w", netCause(err)), transient: true}
				}
			}
			return nil, &DialError{URL: url, Op: "connect to", Err: tlsError(err)}
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
			return nil, &DialError{URL: url, Op: "log in to", Err: fmt.Errorf("the router refused user %q: %s", user, de.Sentence.Map["message"])}
		}
		// The connection broke during login (not a refused login).
		return nil, &DialError{URL: url, Op: "connect to",
			Err: fmt.Errorf("the connection broke while logging in as %q: %w", user, netCause(err)), transient: true}
	}
	_ = nc.SetDeadline(time.Time{})
	c := &conn{
		nc:      nc,
		w:       proto.NewWriter(nc),
		r:       proto.NewReader(nc),
		wlock:   make(chan struct{}, 1),
		pending: map[string]*call{},
		dead:    make(chan struct{}),
	}
	go c.readLoop()
	return c, nil
}

// netCause strips the "dial tcp 192.0.2.1:8728: connect:" wrapping of a
// network error down to its cause ("connection refused", "i/o timeout",
// "lookup router: no such host"), still matching errors.Is(err, syscall.ECONNREFUSED).
func netCause(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		err = oe.Err
	}
	var se *os.SyscallError
	if errors.As(err, &se) && se.Err != nil {
		err = se.Err
	}
	if errors.Is(err, io.EOF) {
		return errors.New("the router closed the connection")
	}
	return err
}

func tlsError(err error) error {
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var cv *tls.CertificateVerificationError
	switch {
	case errors.As(err, &ua), errors.As(err, &cv) && errors.As(cv.Err, &ua):
		return fmt.Errorf("TLS refused: the router's certificate is not signed by the CA "+
			"given in ca_certificate (or, without ca_certificate, by a system root CA). Set ca_certificate to the CA "+
			"that signed the router's api-ssl certificate, or insecure = true to skip verification: %w", err)
	case errors.As(err, &hn):
		return fmt.Errorf("TLS refused: the router's certificate is not valid for this host name; "+
			"connect with the name or address the certificate was issued for: %w", err)
	}
	return fmt.Errorf("TLS handshake: %w", err)
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
			if sen.Word == "!fatal" {
				c.fail(fmt.Errorf("the router ended the session: %s", sen.Map["message"]))
				return
			}
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
			cl.err = &DeviceError{Command: cl.cmd, Message: sen.Map["message"], Category: sen.Map["category"]}
			finished = true
		case "!fatal":
			c.mu.Unlock()
			c.fail(fmt.Errorf("the router ended the session: %s", sen.Map["message"]))
			return
		case "!empty":
		default:
			cl.err = fmt.Errorf("%s: unknown RouterOS reply word %q", cl.cmd, sen.Word)
			finished = true
		}
		if finished {
			delete(c.pending, sen.Tag)
			close(cl.ch)
		}
		c.mu.Unlock()
	}
}

// fail marks the connection broken for cause and completes every waiting
// command, each with a *ConnError naming its own command.
func (c *conn) fail(cause error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cause != nil {
		return
	}
	c.cause = cause
	close(c.dead)
	for tag, cl := range c.pending {
		cl.err = &ConnError{Command: cl.cmd, Err: cause}
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

// notSent is the error of a command that the broken connection never took.
func (c *conn) notSent() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &notSentError{cause: c.cause}
}

// abort gives up on the command cl: when it is still waiting, it fails with
// own and the connection is dropped for cause (every other waiting command
// fails with cause). When its reply (or the connection's failure) came first,
// that is its result.
func (c *conn) abort(tag string, cl *call, own, cause error) ([]map[string]string, map[string]string, error) {
	c.mu.Lock()
	mine := c.pending[tag] == cl
	if mine {
		delete(c.pending, tag)
	}
	c.mu.Unlock()
	c.fail(cause)
	if !mine {
		<-cl.ch
		return cl.re, cl.done, cl.err
	}
	return nil, nil, &ConnError{Command: cl.cmd, Err: own}
}

// run sends one command and waits for its reply, for at most timeout in all.
// A *notSentError means the command was not written (the connection was
// already broken); a *ConnError that it may have been.
func (c *conn) run(ctx context.Context, words []string, timeout time.Duration) ([]map[string]string, map[string]string, error) {
	cmd := words[0]
	deadline := time.Now().Add(timeout)
	timer := time.NewTimer(timeout)
	defer timer.Stop()

	// 1. Our turn to write. Whoever writes now has an earlier deadline than
	// ours, so a stuck writer has failed the connection by the time we give up.
	select {
	case c.wlock <- struct{}{}:
	case <-c.dead:
		return nil, nil, c.notSent()
	case <-ctx.Done():
		return nil, nil, fmt.Errorf("%s was not sent: %w", cmd, ctx.Err())
	case <-timer.C:
		if c.broken() {
			return nil, nil, c.notSent()
		}
		return nil, nil, fmt.Errorf("%s was not sent: the connection was busy sending another command for %s", cmd, timeout)
	}

	// 2. Register the tag before writing: the reply can come at once.
	cl := &call{cmd: cmd, ch: make(chan struct{})}
	c.mu.Lock()
	if c.cause != nil {
		c.mu.Unlock()
		<-c.wlock
		return nil, nil, c.notSent()
	}
	c.nextTag++
	tag := strconv.FormatInt(c.nextTag, 36)
	c.pending[tag] = cl
	c.mu.Unlock()

	_ = c.nc.SetWriteDeadline(deadline)
	c.w.BeginSentence()
	for _, w := range words {
		c.w.WriteWord(w)
	}
	c.w.WriteWord(".tag=" + tag)
	err := c.w.EndSentence()
	<-c.wlock
	if err != nil {
		own, cause := fmt.Errorf("sending it failed: %w", netCause(err)), fmt.Errorf("sending a command failed: %w; the connection was dropped", netCause(err))
		if errors.Is(err, os.ErrDeadlineExceeded) {
			own = fmt.Errorf("sending it timed out after %s: the router stopped reading; the connection was dropped (the next command reconnects)", timeout)
			cause = fmt.Errorf("the router stopped reading (a command could not be sent within %s); the connection was dropped", timeout)
		}
		return c.abort(tag, cl, own, cause)
	}

	// 3. The reply.
	select {
	case <-cl.ch:
		return cl.re, cl.done, cl.err
	case <-timer.C:
		// A router that does not answer in time is treated as gone: the
		// next command reconnects.
		return c.abort(tag, cl,
			fmt.Errorf("no reply within %s; the connection was dropped (the next command reconnects)", timeout),
			fmt.Errorf("the router stopped answering (a command got no reply within %s); the connection was dropped", timeout))
	case <-ctx.Done():
		// Cancelled by the caller: forget our tag only (a late reply is
		// ignored); the connection stays in use for the other commands.
		c.mu.Lock()
		mine := c.pending[tag] == cl
		if mine {
			delete(c.pending, tag)
		}
		c.mu.Unlock()
		if !mine {
			<-cl.ch
			return cl.re, cl.done, cl.err
		}
		return nil, nil, &ConnError{Command: cmd, Err: fmt.Errorf("stopped waiting for the reply: %w", ctx.Err())}
	}
}

// Package client talks to RouterOS over the binary API: one shared, logged-in
// connection per router on which commands run concurrently (tagged), a
// reconnect when it drops, errors that carry the router's message, and a
// per-menu table cache so a refresh prints each menu once.
package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/homelab-iac/terraform-provider-homelab/internal/tlsconfig"
)

// Config says where the router is and how to log in.
type Config struct {
	URL           string // api://host[:port] or apis://host[:port]
	Username      string
	Password      string
	CACertificate string // PEM or path; apis:// only
	Insecure      bool
	Timeout       time.Duration // of one command; default 30s
	// Sensitive tells which fields of a menu hold secrets, so their values
	// never reach a log (the specs' Sensitive fields); the login's password
	// is always hidden.
	Sensitive func(menu, field string) bool
}

// DeviceError is a !trap: the router refused the command.
type DeviceError struct {
	Command  string // e.g. /interface/vlan/add
	Message  string // the router's text, e.g. "value of vlan-id out of range (1..4094)"
	Category string
}

func (e *DeviceError) Error() string {
	if e.Command == "" {
		return "the router replied: " + e.Message
	}
	return fmt.Sprintf("%s: the router replied: %s", e.Command, e.Message)
}

// IsNotFound reports whether err is the router's answer for a row that does not exist.
func IsNotFound(err error) bool {
	var de *DeviceError
	if !errors.As(err, &de) {
		return false
	}
	m := strings.ToLower(de.Message)
	return strings.Contains(m, "no such item") || strings.Contains(m, "no such object")
}

// Row is one printed row: RouterOS field name -> value, including ".id".
type Row = map[string]string

// session is the connection to one router, shared by every provider run in
// the process that uses the same settings.
type session struct {
	ep       endpoint
	url      string // as configured, for errors
	user     string
	password string
	timeout  time.Duration

	mu      sync.Mutex
	conn    *conn
	dialing *dialing // the dial in progress, which concurrent commands wait for
}

type dialing struct {
	done chan struct{}
	conn *conn
	err  error
}

var (
	sessionsMu sync.Mutex
	sessions   = map[string]*session{}
)

// Client is what resources use during one provider run. Its table cache lives
// as long as the run (each plan/apply configures a new Client); the
// connection underneath is shared and reused.
type Client struct {
	s         *session
	sensitive func(menu, field string) bool

	cacheMu sync.Mutex
	tables  map[string]*table

	versionMu sync.Mutex
	version   string // the router's RouterOS version, read once
}

type table struct {
	ready chan struct{}
	rows  []Row
	err   error
}

// New validates cfg and returns a client; nothing is dialed until the first command.
func New(cfg Config) (*Client, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	ep, err := parseURL(cfg.URL, cfg.CACertificate, cfg.Insecure, tlsconfig.Client)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(cfg.Password))
	key := strings.Join([]string{cfg.URL, cfg.Username, hex.EncodeToString(sum[:]), cfg.CACertificate,
		fmt.Sprint(cfg.Insecure), cfg.Timeout.String()}, "\x00")
	sessionsMu.Lock()
	s := sessions[key]
	if s == nil {
		s = &session{ep: ep, url: displayURL(cfg.URL), user: cfg.Username, password: cfg.Password, timeout: cfg.Timeout}
		sessions[key] = s
	}
	sessionsMu.Unlock()
	return &Client{s: s, sensitive: cfg.Sensitive, tables: map[string]*table{}}, nil
}

// get returns the connection, dialing it when there is none (or it broke).
// Commands that need it while it is being dialed wait for that one dial and
// share its result: a router that is down costs one connect timeout, not one
// per waiting command.
func (s *session) get(ctx context.Context) (*conn, error) {
	s.mu.Lock()
	if s.conn != nil && !s.conn.broken() {
		c := s.conn
		s.mu.Unlock()
		return c, nil
	}
	d := s.dialing
	if d == nil {
		d = &dialing{done: make(chan struct{})}
		s.dialing = d
		s.mu.Unlock()
		// The dial outlives a cancelled first caller only up to the timeout;
		// it is not tied to that caller's context so that the others do not
		// inherit its cancellation.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
		d.conn, d.err = dial(dctx, s.ep, s.url, s.user, s.password, s.timeout)
		cancel()
		s.mu.Lock()
		if d.err == nil {
			s.conn = d.conn
		}
		s.dialing = nil
		s.mu.Unlock()
		close(d.done)
	} else {
		s.mu.Unlock()
	}
	select {
	case <-d.done:
		return d.conn, d.err
	case <-ctx.Done():
		return nil, &DialError{URL: s.url, Op: "connect to", Err: ctx.Err()}
	}
}

// Run sends one command (e.g. "/interface/vlan/print", "?name=vlan10") and
// returns its !re rows and the !done attributes. A !trap is a *DeviceError; a
// connection that could not be opened or logged in is a *DialError (nothing
// was sent); one lost after the command was sent is a *ConnError (it may have
// run). Every error names words[0] or, for a *DialError, the router's URL.
// Run does not repeat a command that may have been sent, but it does send
// again, on a new connection, one that never left (the connection broke
// before it was written, or broke during the login).
func (c *Client) Run(ctx context.Context, words ...string) ([]Row, Row, error) {
	start := time.Now()
	tflog.Trace(ctx, "RouterOS command", map[string]any{"words": redact(words, c.sensitive)})
	var re []Row
	var done Row
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var conn *conn
		conn, err = c.s.get(ctx)
		if err != nil {
			var de *DialError
			if errors.As(err, &de) && de.transient && ctx.Err() == nil {
				continue
			}
			break
		}
		re, done, err = conn.run(ctx, words, c.s.timeout)
		var ns *notSentError
		if errors.As(err, &ns) && ctx.Err() == nil {
			err = &ConnError{Command: words[0], Err: ns.cause}
			continue
		}
		break
	}
	if err != nil {
		var ns *notSentError
		if errors.As(err, &ns) {
			err = &ConnError{Command: words[0], Err: ns.cause}
		}
		tflog.Trace(ctx, "RouterOS reply", map[string]any{"command": words[0], "error": err.Error()})
		return nil, nil, err
	}
	tflog.Trace(ctx, "RouterOS reply", map[string]any{"command": words[0], "rows": len(re), "elapsed": time.Since(start).String()})
	return re, done, nil
}

// displayURL is the configured URL without any user:password@ part.
func displayURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	host, path, slash := strings.Cut(rest, "/")
	i := strings.LastIndex(host, "@")
	if i < 0 {
		return raw
	}
	host = host[i+1:]
	if slash {
		host += "/" + path
	}
	return scheme + "://" + host
}

// redact hides values that must never reach a log: the fields sensitive
// says are secrets in the command's menu, and a login's password.
func redact(words []string, sensitive func(menu, field string) bool) []string {
	out := make([]string, len(words))
	menu := ""
	if len(words) > 0 {
		menu = words[0][:max(strings.LastIndex(words[0], "/"), 0)]
	}
	for i, w := range words {
		if field, _, ok := strings.Cut(strings.TrimPrefix(w, "="), "="); ok && i > 0 && strings.HasPrefix(w, "=") &&
			(field == "password" && words[0] == "/login" || sensitive != nil && sensitive(menu, field)) {
			w = "=" + field + "=<redacted>"
		}
		out[i] = w
	}
	return out
}

// RunRetry is Run for commands that are safe to repeat (print, set of the
// same values): after a lost connection, or one that broke while logging in,
// it reconnects and tries again. A refused connection or login is final.
func (c *Client) RunRetry(ctx context.Context, words ...string) ([]Row, Row, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var re []Row
		var done Row
		re, done, err = c.Run(ctx, words...)
		var de *DialError
		if err == nil || !(IsConnError(err) || errors.As(err, &de) && de.transient) || ctx.Err() != nil {
			return re, done, err
		}
		tflog.Debug(ctx, "RouterOS connection lost, retrying", map[string]any{"command": words[0], "error": err.Error()})
	}
	return nil, nil, err
}

// Table returns every row of a menu. The first call in a run prints the menu
// (once, however many resources ask at the same time); later calls reuse the
// rows until a write to that menu invalidates them.
func (c *Client) Table(ctx context.Context, menu string) ([]Row, error) {
	c.cacheMu.Lock()
	t := c.tables[menu]
	if t == nil {
		t = &table{ready: make(chan struct{})}
		c.tables[menu] = t
		c.cacheMu.Unlock()
		t.rows, _, t.err = c.RunRetry(ctx, menu+"/print")
		if t.err != nil {
			c.cacheMu.Lock()
			if c.tables[menu] == t {
				delete(c.tables, menu)
			}
			c.cacheMu.Unlock()
		}
		close(t.ready)
	} else {
		c.cacheMu.Unlock()
	}
	select {
	case <-t.ready:
		return t.rows, t.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// dropTableCache forgets every cached table after a write. RouterOS menus share
// tables (/interface shows every /interface/vlan row) and references (a
// renamed bridge changes its ports' bridge field), so a write drops every
// cached table, not only its own menu's. Writes happen during apply, where
// reads are rare; a refresh never writes, so it still prints each menu once.
func (c *Client) dropTableCache() {
	c.cacheMu.Lock()
	clear(c.tables)
	c.cacheMu.Unlock()
}

// Find prints the rows of a menu matching all of the given field=value pairs
// (not cached).
func (c *Client) Find(ctx context.Context, menu string, match map[string]string) ([]Row, error) {
	words := []string{menu + "/print"}
	for k, v := range match {
		words = append(words, "?"+k+"="+v)
	}
	re, _, err := c.RunRetry(ctx, words...)
	return re, err
}

// Get prints the row with the given .id; nil if there is none.
func (c *Client) Get(ctx context.Context, menu, id string) (Row, error) {
	rows, err := c.Find(ctx, menu, map[string]string{".id": id})
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

// Add runs <menu>/add with the given words and returns the new row's .id.
// It does not retry: see the engine's create for the safe retry.
func (c *Client) Add(ctx context.Context, menu string, args []string) (string, error) {
	defer c.dropTableCache()
	_, done, err := c.Run(ctx, append([]string{menu + "/add"}, args...)...)
	if err != nil {
		return "", err
	}
	return done["ret"], nil
}

// Set runs <menu>/set on a row (id "" for a singleton menu). Setting values is
// idempotent, so a lost connection is retried.
func (c *Client) Set(ctx context.Context, menu, id string, args []string) error {
	defer c.dropTableCache()
	words := []string{menu + "/set"}
	if id != "" {
		words = append(words, "=.id="+id)
	}
	_, _, err := c.RunRetry(ctx, append(words, args...)...)
	return err
}

// Remove deletes a row; a row that is already gone is not an error.
func (c *Client) Remove(ctx context.Context, menu, id string) error {
	defer c.dropTableCache()
	_, _, err := c.RunRetry(ctx, menu+"/remove", "=.id="+id)
	if IsNotFound(err) {
		return nil
	}
	return err
}

// RemoveAll deletes rows in one command. RouterOS refuses the whole list
// when one of them is gone, so then each is removed on its own.
func (c *Client) RemoveAll(ctx context.Context, menu string, ids []string) error {
	switch len(ids) {
	case 0:
		return nil
	case 1:
		return c.Remove(ctx, menu, ids[0])
	}
	defer c.dropTableCache()
	_, _, err := c.RunRetry(ctx, menu+"/remove", "=.id="+strings.Join(ids, ","))
	if !IsNotFound(err) {
		return err
	}
	for _, id := range ids {
		if err := c.Remove(ctx, menu, id); err != nil {
			return err
		}
	}
	return nil
}

// Move places the rows ids (in that order) before the row before, or at the
// end of the table when before is "".
func (c *Client) Move(ctx context.Context, menu string, ids []string, before string) error {
	defer c.dropTableCache()
	words := []string{menu + "/move", "=numbers=" + strings.Join(ids, ",")}
	if before != "" {
		words = append(words, "=destination="+before)
	}
	_, _, err := c.RunRetry(ctx, words...)
	return err
}

package proxmox

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// allPrivileges are PVE 9.1's privileges (pve-access-control AccessControl.pm).
var allPrivileges = []string{
	"Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.AllocateTemplate", "Datastore.Audit",
	"Group.Allocate", "Mapping.Audit", "Mapping.Modify", "Mapping.Use", "Permissions.Modify",
	"Pool.Allocate", "Pool.Audit", "Realm.Allocate", "Realm.AllocateUser",
	"SDN.Allocate", "SDN.Audit", "SDN.Use",
	"Sys.AccessNetwork", "Sys.Audit", "Sys.Console", "Sys.Incoming", "Sys.Modify", "Sys.PowerMgmt", "Sys.Syslog",
	"User.Modify",
	"VM.Allocate", "VM.Audit", "VM.Backup", "VM.Clone", "VM.Config.CDROM", "VM.Config.CPU",
	"VM.Config.Cloudinit", "VM.Config.Disk", "VM.Config.HWType", "VM.Config.Memory",
	"VM.Config.Network", "VM.Config.Options", "VM.Console", "VM.GuestAgent.Audit",
	"VM.GuestAgent.FileRead", "VM.GuestAgent.FileSystemMgmt", "VM.GuestAgent.FileWrite",
	"VM.GuestAgent.Unrestricted", "VM.Migrate", "VM.PowerMgmt", "VM.Replicate",
	"VM.Snapshot", "VM.Snapshot.Rollback",
}

// splitTokenID splits "user@realm!name".
func splitTokenID(id string) (user, name string, ok bool) {
	i := strings.IndexByte(id, '!')
	if i <= 0 || i == len(id)-1 || !strings.Contains(id[:i], "@") {
		return "", "", false
	}
	return id[:i], id[i+1:], true
}

func (s *Server) sign(data string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(data))
	return base64.RawStdEncoding.EncodeToString(m.Sum(nil))
}

// ticket is "PVE:<user>:<8 hex timestamp>::<signature>" (pve-common Ticket.pm).
func (s *Server) ticket(user string, at time.Time) string {
	plain := fmt.Sprintf("PVE:%s:%08X", user, at.Unix())
	return plain + "::" + s.sign(plain)
}

// csrfToken is "<8 hex timestamp>:<hmac>" bound to the user.
func (s *Server) csrfToken(user string, at time.Time) string {
	ts := fmt.Sprintf("%08X", at.Unix())
	return ts + ":" + s.sign(ts+":"+user)
}

// checkTicket returns the ticket's user when it is valid and not expired.
func (s *Server) checkTicket(t string) (string, bool) {
	i := strings.Index(t, "::")
	if i < 0 {
		return "", false
	}
	plain, sig := t[:i], t[i+2:]
	if !hmac.Equal([]byte(sig), []byte(s.sign(plain))) {
		return "", false
	}
	parts := strings.Split(plain, ":")
	if len(parts) != 3 || parts[0] != "PVE" {
		return "", false
	}
	ts, err := strconv.ParseInt(parts[2], 16, 64)
	if err != nil {
		return "", false
	}
	age := time.Since(time.Unix(ts, 0))
	if age < -5*time.Minute || age > s.cfg.TicketLifetime {
		return "", false
	}
	return parts[1], true
}

func (s *Server) checkCSRF(tok, user string) bool {
	i := strings.IndexByte(tok, ':')
	if i < 0 {
		return false
	}
	return hmac.Equal([]byte(tok[i+1:]), []byte(s.sign(tok[:i]+":"+user)))
}

// authenticate sets r.user and r.privs from a ticket (cookie or
// Authorization: PVEAuthCookie=...) or an API token, as pveproxy does.
func (s *Server) authenticate(hr *http.Request, r *request) *apiError {
	authz := hr.Header.Get("Authorization")
	var ticket string
	if c, err := hr.Cookie("PVEAuthCookie"); err == nil {
		ticket, _ = url.PathUnescape(c.Value)
	} else if v, ok := strings.CutPrefix(authz, "PVEAuthCookie="); ok {
		ticket, _ = url.PathUnescape(v)
	}
	if ticket != "" {
		user, ok := s.checkTicket(ticket)
		if !ok {
			return authErr("authentication failure")
		}
		if hr.Method != http.MethodGet && !isUpload(hr.Method, r.path) && !s.checkCSRF(hr.Header.Get("CSRFPreventionToken"), user) {
			return authErr("Permission denied - invalid csrf token")
		}
		r.user = user
		return nil
	}
	if v, ok := strings.CutPrefix(authz, "PVEAPIToken"); ok && (strings.HasPrefix(v, "=") || strings.HasPrefix(v, " ")) {
		v, _ = url.PathUnescape(strings.TrimSpace(v[1:]))
		id, secret, found := strings.Cut(v, "=")
		if !found {
			id, secret, found = strings.Cut(v, " ")
		}
		if _, _, ok := splitTokenID(id); !ok {
			return authErr("no tokenid specified")
		}
		tok, known := s.tokens[id]
		if !found || !known || subtle.ConstantTimeCompare([]byte(tok.Secret), []byte(secret)) != 1 {
			return authErr("invalid token value!")
		}
		r.user = id
		if tok.Privileges != nil {
			r.privs = map[string]bool{}
			for _, p := range tok.Privileges {
				r.privs[p] = true
			}
		}
		return nil
	}
	return authErr("No ticket")
}

// hasPriv reports whether the request's user has priv (on every path: the
// emulator's grants are on "/", propagated).
func (r *request) hasPriv(priv string) bool {
	return r.privs == nil || r.privs[priv]
}

// requirePriv checks one of privs (separated by "|") on path.
func (r *request) requirePriv(path, privs string) *apiError {
	for _, p := range strings.Split(privs, "|") {
		if r.hasPriv(p) {
			return nil
		}
	}
	return permErr(path, strings.ReplaceAll(privs, "|", ", "))
}

// checkPerms applies a route's "path:Priv" checks.
func (s *Server) checkPerms(rt *route, r *request) *apiError {
	for _, p := range rt.perms {
		path, privs, _ := strings.Cut(p, ":")
		for k, v := range r.vars {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		for k, v := range r.params {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		if strings.Contains(path, "{") { // optional parameter absent
			continue
		}
		if err := r.requirePriv(path, privs); err != nil {
			return err
		}
	}
	return nil
}

// POST /access/ticket
func (s *Server) createTicket(r *request) (any, *apiError) {
	user := r.params["username"]
	if realm := r.params["realm"]; realm != "" && !strings.Contains(user, "@") {
		user += "@" + realm
	}
	pw := r.params["password"]
	// A valid ticket as password renews it (PVE's ticket refresh).
	if u, ok := s.checkTicket(pw); ok && u == user {
		pw = s.cfg.RootPassword
	}
	if user != "root@pam" || subtle.ConstantTimeCompare([]byte(pw), []byte(s.cfg.RootPassword)) != 1 {
		return nil, authErr("authentication failure")
	}
	now := time.Now()
	caps := map[string]any{}
	for _, group := range []string{"vms", "storage", "nodes", "access", "dc", "sdn", "mapping"} {
		caps[group] = map[string]int{}
	}
	for _, p := range allPrivileges {
		g := "dc"
		switch {
		case strings.HasPrefix(p, "VM."):
			g = "vms"
		case strings.HasPrefix(p, "Datastore."):
			g = "storage"
		case strings.HasPrefix(p, "Sys."):
			g = "nodes"
		case strings.HasPrefix(p, "User.") || strings.HasPrefix(p, "Group.") || strings.HasPrefix(p, "Realm.") || strings.HasPrefix(p, "Permissions."):
			g = "access"
		case strings.HasPrefix(p, "SDN."):
			g = "sdn"
		case strings.HasPrefix(p, "Mapping."):
			g = "mapping"
		}
		caps[g].(map[string]int)[p] = 1
	}
	return map[string]any{
		"username":            user,
		"ticket":              s.ticket(user, now),
		"CSRFPreventionToken": s.csrfToken(user, now),
		"cap":                 caps,
		"clustername":         "homelab",
	}, nil
}

// GET /access/permissions: the caller's privileges per path (1 = propagated).
func (s *Server) permissions(r *request) (any, *apiError) {
	privs := map[string]int{}
	for _, p := range allPrivileges {
		if r.hasPriv(p) {
			privs[p] = 1
		}
	}
	paths := []string{"/", "/access", "/access/groups", "/nodes", "/pool", "/sdn", "/storage", "/vms"}
	if p := r.params["path"]; p != "" {
		paths = []string{p}
	}
	out := map[string]any{}
	for _, p := range paths {
		out[p] = privs
	}
	return out, nil
}

package proxmox

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestTicketLoginAndCSRF(t *testing.T) {
	s := startTest(t)
	c := newRawClient(t, s)
	c.fails("POST", "/access/ticket", map[string]string{"username": "root@pam", "password": "wrong"}, 401, "authentication failure")
	var tk struct {
		Ticket string `json:"ticket"`
		CSRF   string `json:"CSRFPreventionToken"`
		User   string `json:"username"`
	}
	c.ok("POST", "/access/ticket", map[string]string{"username": "root@pam", "password": "emulator"}, &tk)
	if !strings.HasPrefix(tk.Ticket, "PVE:root@pam:") || tk.User != "root@pam" || tk.CSRF == "" {
		t.Fatalf("ticket answer %+v", tk)
	}
	c.fails("GET", "/version", nil, 401, "No ticket")
	c.header.Set("Cookie", "PVEAuthCookie="+tk.Ticket)
	c.ok("GET", "/version", nil, nil)
	// Writes need the CSRF token with a ticket.
	c.fails("POST", "/pools", map[string]string{"poolid": "p1"}, 401, "invalid csrf token")
	c.header.Set("CSRFPreventionToken", tk.CSRF)
	c.ok("POST", "/pools", map[string]string{"poolid": "p1"}, nil)
	// The Authorization header form PAG uses works as well.
	c.header.Del("Cookie")
	c.header.Set("Authorization", "PVEAuthCookie="+tk.Ticket)
	c.ok("POST", "/pools", map[string]string{"poolid": "p2"}, nil)
	// A tampered ticket is refused.
	c.header.Set("Authorization", "PVEAuthCookie="+tk.Ticket+"x")
	c.fails("GET", "/version", nil, 401, "authentication failure")
}

func TestTicketLifetime(t *testing.T) {
	s := startTest(t, func(c *Config) { c.TicketLifetime = 2 * time.Second })
	c := newRawClient(t, s)
	var tk struct{ Ticket string }
	c.ok("POST", "/access/ticket", map[string]string{"username": "root@pam", "password": "emulator"}, &tk)
	c.header.Set("Cookie", "PVEAuthCookie="+tk.Ticket)
	c.ok("GET", "/version", nil, nil)
	time.Sleep(3100 * time.Millisecond)
	c.fails("GET", "/version", nil, 401, "authentication failure")
}

func TestLoginBodyWithoutContentType(t *testing.T) {
	s := startTest(t)
	c := newRawClient(t, s)
	req, _ := http.NewRequest("POST", c.base+"/access/ticket", strings.NewReader("username=root%40pam&password=emulator"))
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("login without Content-Type: %d", resp.StatusCode)
	}
}

func TestAPIToken(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	var v map[string]any
	c.ok("GET", "/version", nil, &v)
	if v["version"] != "9.1.4" {
		t.Fatalf("version %v", v)
	}
	// Tokens need no CSRF token for writes.
	c.ok("POST", "/pools", map[string]string{"poolid": "p1"}, nil)
	c.header.Set("Authorization", "PVEAPIToken="+testTokenID+"=wrong")
	c.fails("GET", "/version", nil, 401, "invalid token value!")
	c.header.Set("Authorization", "PVEAPIToken=root@pam!other="+testTokenSecret)
	c.fails("GET", "/version", nil, 401, "invalid token value!")
}

func TestTokenPrivileges(t *testing.T) {
	s := startTest(t, func(c *Config) {
		c.Tokens = append(c.Tokens, Token{ID: "root@pam!ro", Secret: "s", Privileges: []string{"VM.Audit", "Datastore.Audit"}})
	})
	admin := tokenClient(t, s)
	admin.createCT("pve-s1", "100", nil)
	ro := newRawClient(t, s)
	ro.header.Set("Authorization", "PVEAPIToken=root@pam!ro=s")
	ro.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, nil)
	ro.fails("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "101", "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"},
		403, "Permission check failed (/vms/101, VM.Allocate)")
	ro.fails("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "1024"}, 403, "Permission check failed (/vms/100, VM.Config.Memory)")
	ro.fails("POST", "/nodes/pve-s1/lxc/100/status/start", nil, 403, "Permission check failed (/vms/100, VM.PowerMgmt)")
	ro.fails("DELETE", "/nodes/pve-s1/lxc/100", nil, 403, "Permission check failed")
	// Only what the token may audit is listed.
	var res []map[string]any
	ro.ok("GET", "/cluster/resources", nil, &res)
	for _, e := range res {
		if e["type"] != "lxc" && e["type"] != "storage" {
			t.Fatalf("resource %v listed without Sys.Audit/Pool.Audit", e)
		}
	}
	if len(res) != 1+9 {
		t.Fatalf("%d resources", len(res))
	}
	var perms map[string]map[string]int
	ro.ok("GET", "/access/permissions", nil, &perms)
	if perms["/"]["VM.Audit"] != 1 || perms["/"]["VM.Allocate"] != 0 || perms["/vms"]["VM.Audit"] != 1 {
		t.Fatalf("permissions %v", perms)
	}
}

func TestCreatePrivileges(t *testing.T) {
	s := startTest(t, func(c *Config) {
		c.Tokens = append(c.Tokens, Token{ID: "root@pam!vm", Secret: "s", Privileges: []string{"VM.Allocate", "VM.Audit"}})
		c.Tokens = append(c.Tokens, Token{ID: "root@pam!vmds", Secret: "s", Privileges: []string{"VM.Allocate", "Datastore.AllocateSpace"}})
	})
	tmpl := "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"
	vm := newRawClient(t, s)
	vm.header.Set("Authorization", "PVEAPIToken=root@pam!vm=s")
	vm.fails("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": tmpl, "rootfs": "local-lvm:1"},
		403, "Permission check failed (/storage/local-lvm, Datastore.AllocateSpace)")
	ds := newRawClient(t, s)
	ds.header.Set("Authorization", "PVEAPIToken=root@pam!vmds=s")
	ds.fails("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": tmpl, "rootfs": "local-lvm:1", "unprivileged": "0"},
		403, "Permission check failed (/, Sys.Modify)")
	ds.okTask("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": tmpl, "rootfs": "local-lvm:1"})
	// Without VM.Audit the new guest is not listed.
	var res []map[string]any
	ds.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
	if len(res) != 0 {
		t.Fatalf("resources %v", res)
	}
}

func TestErrorReasonPhrase(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	req, _ := http.NewRequest("GET", c.base+"/nodes/pve-s1/lxc/100/config", nil)
	req.Header = c.header.Clone()
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Status != "500 Configuration file 'nodes/pve-s1/lxc/100.conf' does not exist" || resp.Header.Get("Server") != "pve-api-daemon/3.0" {
		t.Fatalf("status line %q, headers %v", resp.Status, resp.Header)
	}
}

func TestTicketRenewal(t *testing.T) {
	s := startTest(t)
	c := newRawClient(t, s)
	var tk struct{ Ticket string }
	c.ok("POST", "/access/ticket", map[string]string{"username": "root@pam", "password": "emulator"}, &tk)
	var tk2 struct{ Ticket string }
	c.ok("POST", "/access/ticket", map[string]string{"username": "root@pam", "password": tk.Ticket}, &tk2)
	if !strings.HasPrefix(tk2.Ticket, "PVE:root@pam:") {
		t.Fatalf("renewed ticket %q", tk2.Ticket)
	}
	c.fails("POST", "/access/ticket", map[string]string{"username": "root@pam", "password": tk.Ticket + "x"}, 401, "authentication failure")
}

package routeros

import (
	"testing"
	"time"
)

func TestListenRaw(t *testing.T) {
	s, c := client(t, Config{})
	mustRun(t, s, "/interface/vlan/add", "=name=v1", "=vlan-id=1", "=interface=ether1")
	c.send("/interface/vlan/print", "=follow=", "=.proplist=.id,name,mtu", ".tag=f")
	first := c.read()
	if first[0] != "!re" || attrs(first)["name"] != "v1" || attrs(first)[".tag"] != "f" {
		t.Fatalf("follow's current row: %q", first)
	}
	id := mustRun(t, s, "/interface/vlan/add", "=name=v2", "=vlan-id=2", "=interface=ether1")[0]["ret"]
	if got := attrs(c.read()); got["name"] != "v2" || got[".id"] != id {
		t.Fatalf("added row: %v", got)
	}
	mustRun(t, s, "/interface/vlan/set", "=numbers=v2", "=mtu=1400")
	if got := attrs(c.read()); got["mtu"] != "1400" {
		t.Fatalf("changed row: %v", got)
	}
	mustRun(t, s, "/interface/vlan/set", "=numbers=v2", "=comment=not in proplist") // no visible change
	mustRun(t, s, "/interface/vlan/remove", "=numbers=v2")
	if got := attrs(c.read()); got[".dead"] != "yes" || got[".id"] != id {
		t.Fatalf("removed row: %v", got)
	}
	c.send("/cancel", "=tag=f", ".tag=c")
	want := [][2]string{{"!trap", "f"}, {"!done", "f"}, {"!done", "c"}}
	for _, w := range want {
		s := c.read()
		if s[0] != w[0] || attrs(s)[".tag"] != w[1] {
			t.Fatalf("cancel: got %q, want %s tagged %s", s, w[0], w[1])
		}
		if s[0] == "!trap" && (attrs(s)["category"] != "2" || attrs(s)["message"] != "interrupted") {
			t.Fatalf("cancel trap %q", s)
		}
	}
	// nothing more after cancel
	mustRun(t, s, "/interface/vlan/set", "=numbers=v1", "=mtu=1300")
	if r := c.call("/system/identity/print"); len(r) != 2 || attrs(r[0])["name"] != "MikroTik" {
		t.Fatalf("after cancel: %q", r)
	}
}

func TestListenGoRouterOS(t *testing.T) {
	s := start(t, Config{})
	c := dialGo(t, s, true)
	l, err := c.Listen("/ip/address/listen")
	if err != nil {
		t.Fatal(err)
	}
	// commands run in order, so once this returns the listener is registered
	if _, err := c.Run("/system/identity/print"); err != nil {
		t.Fatal(err)
	}
	mustRun(t, s, "/ip/address/add", "=address=10.0.0.1/24", "=interface=ether1")
	select {
	case sen := <-l.Chan():
		if sen.Map["address"] != "10.0.0.1/24" || sen.Map["network"] != "10.0.0.0" {
			t.Errorf("event %v", sen.Map)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	if _, err := l.Cancel(); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	for range l.Chan() {
	}
	if l.Err() != nil {
		t.Errorf("listen ended with %v", l.Err())
	}
}

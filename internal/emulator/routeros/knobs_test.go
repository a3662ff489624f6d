package routeros

import (
	"testing"
	"time"
)

func TestRunInProcess(t *testing.T) {
	s, c := client(t, Config{})
	r := mustRun(t, s, "/interface/vlan/add", "=name=vlan10", "=vlan-id=10", "=interface=ether1")
	if len(r) != 1 || r[0]["ret"] == "" {
		t.Fatalf("add via Run: %v", r)
	}
	mustRun(t, s, "/interface/vlan/set", "=numbers=vlan10", "=vlan-id=11")
	// visible over the wire, and Run is not counted
	got := rows(c.call("/interface/vlan/print", "?name=vlan10"))
	if len(got) != 1 || got[0]["vlan-id"] != "11" {
		t.Fatalf("wire print after Run: %v", got)
	}
	if n := s.Counters()["/interface/vlan set"]; n != 0 {
		t.Errorf("Run counted: %d", n)
	}
	r = mustRun(t, s, "/interface/vlan/print", "?name=vlan10")
	if len(r) != 1 || r[0]["vlan-id"] != "11" {
		t.Fatalf("print via Run: %v", r)
	}
	_, err := s.Run("/interface/vlan/set", "=numbers=nope", "=vlan-id=11")
	if err == nil || err.Error() != "no such item" {
		t.Errorf("Run error %v", err)
	}
}

func TestCounters(t *testing.T) {
	s, c := client(t, Config{})
	c.call("/interface/vlan/print")
	c.call("/interface/vlan/print")
	c.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether1")
	want := map[string]int{"/login": 1, "/interface/vlan print": 2, "/ip/address add": 1}
	got := s.Counters()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("counter %q = %d, want %d (all %v)", k, got[k], v, got)
		}
	}
	s.ResetCounters()
	if len(s.Counters()) != 0 {
		t.Errorf("after reset: %v", s.Counters())
	}
}

// expectClosed checks the server closed the connection without replying.
func expectClosed(t *testing.T, c *tclient) {
	t.Helper()
	c.c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if s, err := readSentence(c.r); err == nil {
		t.Fatalf("got %q, want the connection closed", s)
	}
}

func TestDropOn(t *testing.T) {
	for _, tc := range []struct {
		name      string
		afterExec bool
		rows      int
	}{{"before exec", false, 0}, {"after exec", true, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := client(t, Config{})
			s.DropOn("/interface/vlan/add", tc.afterExec)
			c.call("/interface/vlan/print") // other commands pass
			c.send("/interface/vlan/add", "=name=v1", "=vlan-id=10", "=interface=ether1")
			expectClosed(t, c)
			if got := mustRun(t, s, "/interface/vlan/print"); len(got) != tc.rows {
				t.Errorf("%d vlans after drop, want %d", len(got), tc.rows)
			}
			// one-shot
			c2 := dialRaw(t, s.Addr())
			c2.login("admin", "")
			if msg := trap(c2.call("/interface/vlan/add", "=name=v2", "=vlan-id=20", "=interface=ether1")); msg != "" {
				t.Errorf("second add: %q", msg)
			}
		})
	}
}

func TestDropAfter(t *testing.T) {
	s, c := client(t, Config{})
	s.DropAfter(3)
	c.call("/interface/print")
	c.call("/interface/print")
	c.send("/interface/vlan/add", "=name=v1", "=vlan-id=10", "=interface=ether1")
	expectClosed(t, c)
	if got := mustRun(t, s, "/interface/vlan/print"); len(got) != 0 {
		t.Errorf("dropped sentence was executed")
	}
	c2 := dialRaw(t, s.Addr())
	c2.login("admin", "")
	c2.call("/interface/print")
	c2.call("/interface/print") // one-shot: no further drops
}

func TestLatency(t *testing.T) {
	s, c := client(t, Config{Latency: 50 * time.Millisecond})
	begin := time.Now()
	c.call("/interface/print")
	if el := time.Since(begin); el < 50*time.Millisecond {
		t.Errorf("reply after %v, want >= 50ms", el)
	}
	s.SetLatency(0)
	begin = time.Now()
	c.call("/interface/print")
	if el := time.Since(begin); el > 40*time.Millisecond {
		t.Errorf("reply after %v with latency off", el)
	}
}

func TestEthernetPortsKnob(t *testing.T) {
	s := start(t, Config{EthernetPorts: 3})
	r := mustRun(t, s, "/interface/ethernet/print")
	if len(r) != 3 || r[2]["name"] != "ether3" || r[2]["default-name"] != "ether3" {
		t.Fatalf("ports: %v", r)
	}
}

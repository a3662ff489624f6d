package routeros

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	goros "github.com/go-routeros/routeros/v3"
)

// dialGo logs in with go-routeros, in async mode when async is set.
func dialGo(t testing.TB, s *Server, async bool) *goros.Client {
	t.Helper()
	c, err := goros.DialTimeout(s.Addr(), "admin", "", 5*time.Second)
	if err != nil {
		t.Fatalf("go-routeros dial: %v", err)
	}
	if async {
		c.Async()
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func deviceMessage(err error) string {
	var de *goros.DeviceError
	if errors.As(err, &de) {
		return de.Sentence.Map["message"]
	}
	if err == nil {
		return ""
	}
	return "not a device error: " + err.Error()
}

func TestGoRouterOSCRUD(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			s := start(t, Config{})
			c := dialGo(t, s, async)
			r, err := c.Run("/interface/vlan/add", "=name=vlan10", "=vlan-id=10", "=interface=ether2")
			if err != nil {
				t.Fatal(err)
			}
			id := r.Done.Map["ret"]
			if id == "" || id[0] != '*' {
				t.Fatalf("add ret %q", id)
			}
			r, err = c.Run("/interface/vlan/print", "?.id="+id)
			if err != nil || len(r.Re) != 1 {
				t.Fatalf("print: %v %v", r, err)
			}
			got := r.Re[0].Map
			for k, v := range map[string]string{"name": "vlan10", "vlan-id": "10", "interface": "ether2", "mtu": "1500",
				"disabled": "false", "arp": "enabled", "use-service-tag": "false", "running": "true"} {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (row %v)", k, got[k], v, got)
				}
			}
			if _, err := c.Run("/interface/vlan/set", "=.id="+id, "=vlan-id=11", "=comment=x"); err != nil {
				t.Fatal(err)
			}
			r, _ = c.Run("/interface/vlan/print", "?name=vlan10")
			if r.Re[0].Map["vlan-id"] != "11" || r.Re[0].Map["comment"] != "x" {
				t.Errorf("after set: %v", r.Re[0].Map)
			}
			_, err = c.Run("/interface/vlan/set", "=.id="+id, "=vlan-id=5000")
			if msg := deviceMessage(err); msg != "value of vlan-id out of range (1..4094)" {
				t.Errorf("out of range: %q", msg)
			}
			if _, err := c.Run("/interface/vlan/remove", "=numbers=vlan10"); err != nil {
				t.Fatal(err)
			}
			_, err = c.Run("/interface/vlan/remove", "=.id="+id)
			if msg := deviceMessage(err); msg != "no such item" {
				t.Errorf("second remove: %q", msg)
			}
			// the connection is still usable after traps
			r, err = c.Run("/interface/vlan/print")
			if err != nil || len(r.Re) != 0 {
				t.Errorf("final print: %v %v", r, err)
			}
		})
	}
}

func TestGoRouterOSAsyncConcurrent(t *testing.T) {
	s := start(t, Config{Latency: 20 * time.Millisecond})
	c := dialGo(t, s, true)
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	begin := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r, err := c.Run("/interface/print", fmt.Sprintf("?name=ether%d", i%10+1))
			if err == nil && len(r.Re) != 1 {
				err = fmt.Errorf("%d rows", len(r.Re))
			}
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	// tagged replies are delayed concurrently, not one after another
	if el := time.Since(begin); el > n*20*time.Millisecond/2 {
		t.Errorf("%d tagged commands with 20ms latency took %v", n, el)
	}
}

func TestGoRouterOSLoginFailure(t *testing.T) {
	s := start(t, Config{Users: map[string]string{"admin": "right"}})
	_, err := goros.DialTimeout(s.Addr(), "admin", "wrong", 5*time.Second)
	if msg := deviceMessage(err); msg != "invalid user name or password (6)" {
		t.Fatalf("login error %v", err)
	}
}

func TestGoRouterOSQuit(t *testing.T) {
	s := start(t, Config{})
	c := dialGo(t, s, false)
	_, err := c.Run("/quit")
	if err == nil {
		t.Fatal("/quit did not fail")
	}
}

// TestGoRouterOSErrorsAndQueries runs the same traps and queries through
// go-routeros in sync and async mode: each trap must end its command (a
// missing !done would hang sync mode) and leave the connection usable.
func TestGoRouterOSErrorsAndQueries(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			s := start(t, Config{})
			c := dialGo(t, s, async)
			mustRun(t, s, "/interface/vlan/add", "=name=v10", "=vlan-id=10", "=interface=ether1")
			mustRun(t, s, "/interface/bridge/add", "=name=br1")
			for _, tc := range []struct {
				words []string
				msg   string
				rows  int
			}{
				{[]string{"/interface/vlan/add", "=name=v10", "=vlan-id=11", "=interface=ether1"}, "failure: already have interface with such name", 0},
				{[]string{"/interface/vlan/add", "=vlan-id=11", "=interface=nope"}, "input does not match any value of interface", 0},
				{[]string{"/interface/vlan/add", "=vlan-id=11", "=interface=ether1", "=vrf=main"}, "unknown parameter vrf", 0},
				{[]string{"/interface/vlan/set", "=.id=*FF", "=mtu=1400"}, "no such item", 0},
				{[]string{"/interface/ethernet/add", "=name=x"}, "no such command or directory (add)", 0},
				{[]string{"/ip/address/print"}, "", 0}, // !empty then !done
				{[]string{"/interface/print", "?type=vlan", "?type=bridge", "?#|"}, "", 2},
				{[]string{"/interface/print", "?-comment", "?type=ether", "?#!"}, "", 2},
				{[]string{"/interface/vlan/print", "?=name=v10", "=.proplist=name"}, "", 1},
			} {
				r, err := c.Run(tc.words...)
				if got := deviceMessage(err); got != tc.msg {
					t.Errorf("%q: error %q, want %q", tc.words, got, tc.msg)
				}
				if tc.msg == "" && len(r.Re) != tc.rows {
					t.Errorf("%q: %d rows, want %d", tc.words, len(r.Re), tc.rows)
				}
			}
			r, err := c.Run("/interface/print", "=count-only=")
			if err != nil || r.Done.Map["ret"] != "12" {
				t.Errorf("count-only: %v %v", r, err)
			}
		})
	}
}

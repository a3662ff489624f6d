package main

import (
	"net"
	"strconv"
	"testing"
)

// free-port names distinct ports that can be bound now, and never one a
// server is listening on.
func TestFreePort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	taken := busy.Addr().(*net.TCPAddr).Port
	ports, err := freePorts(20)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, p := range ports {
		if seen[p] || p == taken {
			t.Fatalf("port %d twice or taken: %v (busy %d)", p, ports, taken)
		}
		seen[p] = true
		ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		if err != nil {
			t.Fatalf("port %d is not free: %v", p, err)
		}
		ln.Close()
	}
	if code := run([]string{"free-port", "0"}); code != 2 {
		t.Errorf("free-port 0: exit %d, want 2", code)
	}
}

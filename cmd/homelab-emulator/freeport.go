package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
)

// runFreePort is `homelab-emulator free-port [N]`: N distinct TCP ports
// free on 127.0.0.1 now, one a line, for servers that need a port named
// up front (Vault's dev server). All N are held until every one is
// chosen, so they differ; another process may still take one before its
// server binds it, which the demo detects (its server then exits).
func runFreePort(args []string) int {
	n := 1
	if len(args) == 1 {
		var err error
		if n, err = strconv.Atoi(args[0]); err != nil || n < 1 || n > 100 {
			fmt.Fprintln(os.Stderr, "usage: homelab-emulator free-port [N]   (1 <= N <= 100)")
			return 2
		}
	} else if len(args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: homelab-emulator free-port [N]")
		return 2
	}
	ports, err := freePorts(n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "homelab-emulator free-port:", err)
		return 1
	}
	for _, p := range ports {
		fmt.Println(p)
	}
	return 0
}

func freePorts(n int) ([]int, error) {
	var ports []int
	for i := 0; i < n; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer ln.Close()
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

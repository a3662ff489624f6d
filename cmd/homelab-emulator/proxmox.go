package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

// tokenFlags collects repeatable --token id=secret flags.
type tokenFlags []proxmox.Token

func (t *tokenFlags) String() string { return "" }

func (t *tokenFlags) Set(v string) error {
	id, secret, ok := strings.Cut(v, "=")
	if !ok || !strings.Contains(id, "!") {
		return fmt.Errorf("want user@realm!name=secret, got %q", v)
	}
	*t = append(*t, proxmox.Token{ID: id, Secret: secret})
	return nil
}

func init() {
	register(emulator{
		name:    "proxmox",
		summary: "Proxmox VE REST API (default https://127.0.0.1:8006)",
		setup: func(fs *flag.FlagSet) func() (func() error, error) {
			listen := fs.String("listen", "127.0.0.1:8006", "address to listen on")
			nodes := fs.String("nodes", "pve-s1,pve-s2,pve-s3", "comma-separated cluster node names")
			rootPW := fs.String("root-password", "emulator", "password of root@pam")
			var tokens tokenFlags
			fs.Var(&tokens, "token", "API token `user@realm!name=secret` with all privileges (repeatable)")
			state := fs.String("state", "", "initial state JSON file")
			cert := fs.String("cert", "", "PEM certificate to serve (with --key); default: a generated CA and certificate")
			key := fs.String("key", "", "PEM private key of --cert")
			caOut := fs.String("ca-out", "", "write the CA certificate (PEM) to this file")
			latency := fs.Duration("latency", 0, "delay added to every request")
			taskDuration := fs.Duration("task-duration", 0, "how long tasks report running")
			return func() (func() error, error) {
				cfg := proxmox.Config{
					Addr: *listen, RootPassword: *rootPW, Tokens: tokens, StateFile: *state,
					Latency: *latency, TaskDuration: *taskDuration,
				}
				for _, n := range strings.Split(*nodes, ",") {
					if n = strings.TrimSpace(n); n != "" {
						cfg.Nodes = append(cfg.Nodes, n)
					}
				}
				if *cert != "" || *key != "" {
					var err error
					if cfg.CertPEM, err = os.ReadFile(*cert); err != nil {
						return nil, err
					}
					if cfg.KeyPEM, err = os.ReadFile(*key); err != nil {
						return nil, err
					}
				}
				s, err := proxmox.Start(cfg)
				if err != nil {
					return nil, err
				}
				if *caOut != "" {
					if err := os.WriteFile(*caOut, s.CACertPEM(), 0o644); err != nil {
						s.Close()
						return nil, err
					}
				}
				fmt.Printf("proxmox: listening on %s/api2/json (nodes %s, root@pam password %q", s.URL(), strings.Join(cfg.Nodes, ","), *rootPW)
				for _, t := range tokens {
					fmt.Printf(", token %s", t.ID)
				}
				fmt.Println(")")
				if *caOut != "" {
					fmt.Printf("proxmox: CA certificate written to %s\n", *caOut)
				}
				return s.Close, nil
			}
		},
	})
}

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// userFlags collects repeated --user name=password flags.
type userFlags map[string]string

func (u userFlags) String() string {
	var names []string
	for n := range u {
		names = append(names, n)
	}
	return strings.Join(names, ",")
}

func (u userFlags) Set(v string) error {
	name, pass, ok := strings.Cut(v, "=")
	if !ok || name == "" {
		return fmt.Errorf("want name=password, got %q", v)
	}
	u[name] = pass
	return nil
}

func init() {
	register(emulator{
		name:    "routeros",
		summary: "RouterOS 7 binary API (api and api-ssl)",
		setup: func(fs *flag.FlagSet) func() (func() error, error) {
			listen := fs.String("listen", "127.0.0.1:8728", "plain API listen address")
			listenTLS := fs.String("listen-tls", "", "api-ssl listen address (empty: no TLS)")
			certFile := fs.String("cert", "", "api-ssl certificate PEM file (default: generate a CA and certificate)")
			keyFile := fs.String("key", "", "api-ssl private key PEM file")
			users := userFlags{}
			fs.Var(users, "user", "user `name=password` (repeatable; default admin with an empty password)")
			version := fs.String("version", "7.19.4", "emulated RouterOS version (!empty is sent from 7.18)")
			ports := fs.Int("ports", 10, "number of ethernet ports (ether1..etherN)")
			poe := fs.String("poe-ports", "", "comma-separated ports with PoE-out, e.g. ether2,ether3 (default: a board without PoE)")
			latency := fs.Duration("latency", 0, "latency added before each command's reply")
			minService := fs.Duration("min-service-time", 5*time.Millisecond, "least time between a command's arrival and its reply, as a real router's (0 or negative: none); stock go-routeros v3 async clients lose replies that come sooner")
			trace := fs.String("trace", "", "log every sentence received and sent, with its .tag, one line each, secrets masked, to this `file` (- for stderr)")
			seed := fs.String("seed", "", "RouterOS /export script, or a snapshot (homelab-emulator snapshot routeros), to load at start; what an export's load skips is listed on stderr")
			strict := fs.Bool("strict", false, "with --seed: fail on the first line the emulator skips")
			caOut := fs.String("ca-out", "", "write the generated api-ssl CA certificate (PEM) to this file")
			return func() (func() error, error) {
				cfg := routeros.Config{
					Addr: *listen, TLS: *listenTLS != "", TLSAddr: *listenTLS,
					Version: *version, EthernetPorts: *ports, Latency: *latency,
					MinServiceTime: *minService,
				}
				if *minService == 0 {
					cfg.MinServiceTime = -1 // 0 on the command line means none
				}
				var traceFile *os.File
				switch *trace {
				case "":
				case "-":
					cfg.Trace = os.Stderr
				default:
					f, err := os.OpenFile(*trace, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
					if err != nil {
						return nil, err
					}
					traceFile = f
					cfg.Trace = f
				}
				closeTrace := func() {
					if traceFile != nil {
						traceFile.Close()
					}
				}
				if *poe != "" {
					cfg.PoEPorts = strings.Split(*poe, ",")
				}
				if len(users) > 0 {
					cfg.Users = users
				}
				if *certFile != "" || *keyFile != "" {
					var err error
					if cfg.CertPEM, err = os.ReadFile(*certFile); err != nil {
						return nil, err
					}
					if cfg.KeyPEM, err = os.ReadFile(*keyFile); err != nil {
						return nil, err
					}
				}
				if *seed != "" {
					if err := readSeed(&cfg, *seed, *strict); err != nil {
						return nil, err
					}
				}
				s, err := routeros.Start(cfg)
				if err != nil {
					closeTrace()
					return nil, err
				}
				if *caOut != "" && s.CACertPEM() != nil {
					if err := os.WriteFile(*caOut, s.CACertPEM(), 0o644); err != nil {
						s.Close()
						closeTrace()
						return nil, err
					}
				}
				fmt.Printf("routeros: api listening on %s (RouterOS %s, %d ethernet ports)\n", s.Addr(), cfg.Version, cfg.EthernetPorts)
				if s.TLSAddr() != "" {
					fmt.Printf("routeros: api-ssl listening on %s\n", s.TLSAddr())
				}
				return func() error {
					err := s.Close()
					closeTrace()
					return err
				}, nil
			}
		},
	})
}

// readSeed puts the export script at path in cfg.Seed and lists on stderr
// what the emulator skips of it (with strict, a skip is an error). The list
// comes from a check of its own: Start loads the seed before it listens, so
// that no client sees the router unseeded.
func readSeed(cfg *routeros.Config, path string, strict bool) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if strings.HasPrefix(strings.TrimSpace(string(b)), "{") {
		// A snapshot: the real router's rows with their ids.
		var snap routeros.Snapshot
		if err := json.Unmarshal(b, &snap); err != nil {
			return fmt.Errorf("snapshot %s: %w", path, err)
		}
		cfg.Snapshot = &snap
		fmt.Fprintf(os.Stderr, "routeros: snapshot %s of RouterOS %s: %d menus\n", path, snap.Version, len(snap.Menus))
		return nil
	}
	cfg.Seed = string(b)
	rep, err := routeros.CheckSeed(*cfg, strict)
	if err != nil {
		return fmt.Errorf("seed %s: %w", path, err)
	}
	fmt.Fprintf(os.Stderr, "routeros: seed %s: %s\n", path, rep)
	return nil
}

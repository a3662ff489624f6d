// Command homelab-import reads a running homelab into configuration for the
// homelab provider: resource blocks holding only non-default values, one
// import block per object, sensitive variables for every secret and
// IMPORT-REPORT.md. The first plan of what it writes shows imports only.
//
//	homelab-import [--routeros] --out DIR [--force] [--allow-partial]
//	homelab-import --routeros-export router.rsc --out DIR
//
// The router's settings come from the flags, else from the provider's
// environment variables (ROUTEROS_URL, ROUTEROS_USERNAME, ROUTEROS_PASSWORD,
// ROUTEROS_CA_CERTIFICATE, ROUTEROS_INSECURE). The password is read from
// ROUTEROS_PASSWORD only, so it never shows in the process list.
//
// Exit codes: 0 written; 1 failed (nothing written); 2 bad usage; 3 the
// configuration cannot express part of the system (listed; nothing written
// unless --allow-partial).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt/routerosimport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const (
	exitFailed      = 1
	exitUsage       = 2
	exitUnexpressed = 3
)

type settings struct {
	out, export              string
	force, allowPartial      bool
	routeros, proxmox, vault bool
	rosURL, rosUser, rosCA   string
	rosInsecure              string
	rosTimeout               time.Duration
}

func parse(args []string, stderr io.Writer) (*settings, error) {
	s := &settings{}
	fs := flag.NewFlagSet("homelab-import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&s.out, "out", "", "directory to write the configuration into (required)")
	fs.BoolVar(&s.force, "force", false, "write into a directory that already holds .tf files, replacing the generated ones")
	fs.BoolVar(&s.allowPartial, "allow-partial", false, "write even if part of the system cannot be expressed (it is listed in IMPORT-REPORT.md)")
	fs.BoolVar(&s.routeros, "routeros", false, "import the RouterOS router (the default when it is configured)")
	fs.BoolVar(&s.proxmox, "proxmox", false, "import the Proxmox VE cluster (not supported yet)")
	fs.BoolVar(&s.vault, "vault", false, "import Vault PKI (not supported yet)")
	fs.StringVar(&s.export, "routeros-export", "", "read a router's /export file instead of a live router (offline)")
	fs.StringVar(&s.rosURL, "routeros-url", "", "api://host[:8728] or apis://host[:8729] (default $ROUTEROS_URL)")
	fs.StringVar(&s.rosUser, "routeros-username", "", "RouterOS user (default $ROUTEROS_USERNAME); the password is read from $ROUTEROS_PASSWORD")
	fs.StringVar(&s.rosCA, "routeros-ca-certificate", "", "PEM or path of the CA of the router's api-ssl certificate (default $ROUTEROS_CA_CERTIFICATE)")
	fs.StringVar(&s.rosInsecure, "routeros-insecure", "", "true to skip TLS verification of apis:// (default $ROUTEROS_INSECURE)")
	fs.DurationVar(&s.rosTimeout, "routeros-timeout", 30*time.Second, "timeout of one RouterOS command")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: homelab-import [--routeros] --out DIR [--force] [--allow-partial]\n"+
			"       homelab-import --routeros-export router.rsc --out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if s.out == "" {
		return nil, errors.New("--out DIR is required")
	}
	return s, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	s, err := parse(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "homelab-import:", err)
		}
		return exitUsage
	}
	for name, on := range map[string]bool{"proxmox": s.proxmox, "vault": s.vault} {
		if on {
			fmt.Fprintf(stderr, "homelab-import: --%s is not supported yet: this version imports RouterOS only\n", name)
			return exitUsage
		}
	}
	src, cleanup, code := source(s, getenv, stderr)
	if src == nil {
		return code
	}
	defer cleanup()
	sum, err := adopt.Run(ctx, []adopt.Source{src}, adopt.Options{Dir: s.out, Force: s.force, AllowPartial: s.allowPartial})
	var ue *adopt.UnexpressedError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "homelab-import:", err)
		return exitUnexpressed
	case err != nil:
		fmt.Fprintln(stderr, "homelab-import:", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "Wrote %d import blocks into %s: %s\n", sum.Imports, s.out, strings.Join(sum.Files, ", "))
	if n := len(sum.Unexpressed); n > 0 {
		fmt.Fprintf(stdout, "%d thing(s) could not be expressed; see IMPORT-REPORT.md.\n", n)
	}
	fmt.Fprintf(stdout, "Next: cd %s && tofu init && tofu plan (only imports), then tofu apply.\n", s.out)
	return 0
}

// source is the RouterOS source the settings name: an export loaded into
// the emulator, or the live router.
func source(s *settings, getenv func(string) string, stderr io.Writer) (adopt.Source, func(), int) {
	if s.export != "" {
		script, err := os.ReadFile(s.export)
		if err != nil {
			fmt.Fprintln(stderr, "homelab-import:", err)
			return nil, nil, exitFailed
		}
		exp, err := routerosimport.LoadExport(s.export, string(script))
		if err != nil {
			fmt.Fprintln(stderr, "homelab-import: loading the export:", err)
			return nil, nil, exitFailed
		}
		return exp.Source(), func() { exp.Close() }, 0
	}
	or := func(flagValue, env string) string {
		if flagValue != "" {
			return flagValue
		}
		return getenv(env)
	}
	cfg := routerosimport.Config{
		URL:           or(s.rosURL, "ROUTEROS_URL"),
		Username:      or(s.rosUser, "ROUTEROS_USERNAME"),
		Password:      getenv("ROUTEROS_PASSWORD"),
		CACertificate: or(s.rosCA, "ROUTEROS_CA_CERTIFICATE"),
		Timeout:       s.rosTimeout,
	}
	if v := or(s.rosInsecure, "ROUTEROS_INSECURE"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fmt.Fprintf(stderr, "homelab-import: routeros insecure %q is not true or false\n", v)
			return nil, nil, exitUsage
		}
		cfg.Insecure = b
	}
	switch {
	case cfg.URL == "" && s.routeros:
		fmt.Fprintln(stderr, "homelab-import: RouterOS is not configured: set --routeros-url or ROUTEROS_URL (and ROUTEROS_USERNAME, ROUTEROS_PASSWORD)")
		return nil, nil, exitUsage
	case cfg.URL == "":
		fmt.Fprintln(stderr, "homelab-import: nothing to import: configure RouterOS (--routeros-url or ROUTEROS_URL), or give --routeros-export FILE")
		return nil, nil, exitUsage
	case cfg.Username == "":
		fmt.Fprintln(stderr, "homelab-import: no RouterOS user: set --routeros-username or ROUTEROS_USERNAME")
		return nil, nil, exitUsage
	}
	return routerosimport.New(cfg), func() {}, 0
}

// Command homelab-import reads a running homelab into configuration for the
// homelab provider: resource blocks holding only non-default values, one
// import block per object, sensitive variables for every secret and
// IMPORT-REPORT.md. The first plan of what it writes shows imports only.
//
//	homelab-import [--routeros] [--proxmox] [--vault] --out DIR [--force] [--allow-partial]
//	homelab-import --routeros-export router.rsc [--proxmox] [--vault] --out DIR
//
// Without --routeros, --proxmox or --vault it imports every system that is
// configured; with them, only those (each must be configured). The
// settings come from the flags, else from the provider's environment
// variables:
//
//   - RouterOS: ROUTEROS_URL, ROUTEROS_USERNAME, ROUTEROS_PASSWORD,
//     ROUTEROS_CA_CERTIFICATE, ROUTEROS_INSECURE;
//   - Proxmox VE: PROXMOX_VE_ENDPOINT, PROXMOX_VE_API_TOKEN (or
//     PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD), PROXMOX_VE_CA_CERTIFICATE,
//     PROXMOX_VE_INSECURE;
//   - Vault: VAULT_ADDR, VAULT_TOKEN, VAULT_CACERT, VAULT_SKIP_VERIFY.
//
// Passwords and tokens are read from the environment only, so they never
// show in the process list.
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
	pveEndpoint, pveUser     string
	pveCA, pveInsecure       string
	vaultAddr, vaultCA       string
	vaultSkipVerify          string
}

const usage = `usage: homelab-import [--routeros] [--proxmox] [--vault] --out DIR [--force] [--allow-partial]
       homelab-import --routeros-export router.rsc [--proxmox] [--vault] --out DIR

Reads the systems named (or, with none named, every system configured) and
writes configuration whose first plan is imports only, with IMPORT-REPORT.md.
Settings come from the flags, else from the provider's environment variables
(ROUTEROS_*, PROXMOX_VE_*, VAULT_ADDR, VAULT_TOKEN, VAULT_CACERT,
VAULT_SKIP_VERIFY); passwords and tokens from the environment only.

Exit codes: 0 written; 1 failed (nothing written); 2 bad usage; 3 part of a
system cannot be expressed (listed; nothing written unless --allow-partial).`

func parse(args []string, stderr io.Writer) (*settings, error) {
	s := &settings{}
	fs := flag.NewFlagSet("homelab-import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&s.out, "out", "", "directory to write the configuration into (required)")
	fs.BoolVar(&s.force, "force", false, "write into a directory that already holds .tf files, replacing the generated ones")
	fs.BoolVar(&s.allowPartial, "allow-partial", false, "write even if part of the system cannot be expressed (it is listed in IMPORT-REPORT.md)")
	fs.BoolVar(&s.routeros, "routeros", false, "import the RouterOS router")
	fs.BoolVar(&s.proxmox, "proxmox", false, "import the Proxmox VE cluster's pools, containers and VMs")
	fs.BoolVar(&s.vault, "vault", false, "import Vault's PKI mounts")
	fs.StringVar(&s.export, "routeros-export", "", "read a router's /export file instead of a live router (offline)")
	fs.StringVar(&s.rosURL, "routeros-url", "", "api://host[:8728] or apis://host[:8729] (default $ROUTEROS_URL)")
	fs.StringVar(&s.rosUser, "routeros-username", "", "RouterOS user (default $ROUTEROS_USERNAME); the password is read from $ROUTEROS_PASSWORD")
	fs.StringVar(&s.rosCA, "routeros-ca-certificate", "", "PEM or path of the CA of the router's api-ssl certificate (default $ROUTEROS_CA_CERTIFICATE)")
	fs.StringVar(&s.rosInsecure, "routeros-insecure", "", "true to skip TLS verification of apis:// (default $ROUTEROS_INSECURE)")
	fs.DurationVar(&s.rosTimeout, "routeros-timeout", 30*time.Second, "timeout of one RouterOS command")
	fs.StringVar(&s.pveEndpoint, "proxmox-endpoint", "", "https://host:8006 (default $PROXMOX_VE_ENDPOINT); the API token is read from "+
		"$PROXMOX_VE_API_TOKEN, or the password from $PROXMOX_VE_PASSWORD")
	fs.StringVar(&s.pveUser, "proxmox-username", "", "user@realm logging in with $PROXMOX_VE_PASSWORD (default $PROXMOX_VE_USERNAME)")
	fs.StringVar(&s.pveCA, "proxmox-ca-certificate", "", "PEM or path of the CA of the PVE API certificate (default $PROXMOX_VE_CA_CERTIFICATE)")
	fs.StringVar(&s.pveInsecure, "proxmox-insecure", "", "true to skip TLS verification of PVE (default $PROXMOX_VE_INSECURE)")
	fs.StringVar(&s.vaultAddr, "vault-address", "", "https://vault:8200 (default $VAULT_ADDR); the token is read from $VAULT_TOKEN")
	fs.StringVar(&s.vaultCA, "vault-ca-cert", "", "PEM or path of the CA of Vault's certificate (default $VAULT_CACERT)")
	fs.StringVar(&s.vaultSkipVerify, "vault-skip-verify", "", "true to skip TLS verification of Vault (default $VAULT_SKIP_VERIFY)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
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
	srcs, cleanup, err := sources(s, getenv)
	if err != nil {
		fmt.Fprintln(stderr, "homelab-import:", err)
		var ue usageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitFailed
	}
	defer cleanup()
	sum, err := adopt.Run(ctx, srcs, adopt.Options{Dir: s.out, Force: s.force, AllowPartial: s.allowPartial})
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

// usageError is a mistake in the command line or the settings (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// sources are the systems to read: those named by a flag, else every one
// configured. cleanup releases what they hold (an emulator loaded with an
// export).
func sources(s *settings, getenv func(string) string) ([]adopt.Source, func(), error) {
	or := func(flagValue, env string) string {
		if flagValue != "" {
			return flagValue
		}
		return getenv(env)
	}
	named := s.routeros || s.proxmox || s.vault
	var out []adopt.Source
	cleanup := func() {}
	if src, done, err := routerosSource(s, or, getenv, s.routeros || s.export != "" || !named); err != nil {
		return nil, nil, err
	} else if src != nil {
		out, cleanup = append(out, src), done
	}
	for _, f := range []func() (adopt.Source, error){
		func() (adopt.Source, error) { return proxmoxSource(s, or, getenv, s.proxmox || !named) },
		func() (adopt.Source, error) { return vaultSource(s, or, getenv, s.vault || !named) },
	} {
		src, err := f()
		if err != nil {
			cleanup()
			return nil, nil, err
		}
		if src != nil {
			out = append(out, src)
		}
	}
	if len(out) == 0 {
		return nil, nil, usagef("nothing to import: configure RouterOS (--routeros-url or ROUTEROS_URL), Proxmox VE " +
			"(--proxmox-endpoint or PROXMOX_VE_ENDPOINT) or Vault (--vault-address or VAULT_ADDR), or give --routeros-export FILE")
	}
	return out, cleanup, nil
}

// parseBool reads a true/false setting; "" is false.
func parseBool(what, v string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, usagef("%s %q is not true or false", what, v)
	}
	return b, nil
}

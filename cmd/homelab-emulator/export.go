package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"
)

// runExport is `homelab-emulator export routeros [--out FILE]`: the router
// (ROUTEROS_*, an emulator or the real one) as a RouterOS-style /export
// script, e.g. for the demo's summary or to diff a twin against the lab.
func runExport(args []string) int {
	if len(args) == 0 || args[0] != "routeros" {
		fmt.Fprintln(os.Stderr, "usage: homelab-emulator export routeros [--out FILE]   (reads ROUTEROS_URL, ROUTEROS_USERNAME, ROUTEROS_PASSWORD, ROUTEROS_CA_CERTIFICATE, ROUTEROS_INSECURE)")
		return 2
	}
	fs := flag.NewFlagSet("homelab-emulator export routeros", flag.ContinueOnError)
	out := fs.String("out", "", "file to write (default: standard output)")
	timeout := fs.Duration("timeout", 60*time.Second, "time allowed for the whole read")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	snap, err := snapshotRouter(ctx)
	var script string
	if err == nil {
		script, err = exportScript(snap)
	}
	if err == nil {
		if *out == "" {
			_, err = os.Stdout.WriteString(script)
		} else {
			err = os.WriteFile(*out, []byte(script), 0o600)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "homelab-emulator export routeros:", err)
		return 1
	}
	return 0
}

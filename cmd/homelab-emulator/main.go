// Command homelab-emulator runs the RouterOS and Proxmox VE emulators standalone,
// for the demo and for testing a change in CI before it touches the real lab.
//
//	homelab-emulator routeros [flags]   RouterOS binary API (default 127.0.0.1:8728)
//	homelab-emulator proxmox [flags]    Proxmox VE REST API (default 127.0.0.1:8006)
//	homelab-emulator                    both, with default flags
//	homelab-emulator snapshot routeros --out FILE
//	                                    reads the real router (ROUTEROS_*) into a snapshot
//	                                    that routeros --seed FILE loads with the same ids
//	homelab-emulator snapshot proxmox --out FILE
//	                                    reads the real cluster (PROXMOX_VE_*) into a state
//	                                    file that proxmox --state FILE loads with the same VMIDs
//	homelab-emulator export routeros    the router (ROUTEROS_*) as a RouterOS-style /export
//	homelab-emulator show guests        the cluster's guests per node (PROXMOX_VE_*)
//	homelab-emulator show certs FILE    the subjects and issuers of a PEM chain
//	homelab-emulator free-port [N]      N free loopback TCP ports, one a line
//
// It runs until interrupted (SIGINT or SIGTERM).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// emulator is one subcommand. Each lives in its own file and registers itself
// from init, so adding an emulator does not touch this file.
type emulator struct {
	name    string
	summary string
	// setup defines the emulator's flags on fs and returns the function that,
	// once the flags are parsed, starts it. start prints where it listens.
	setup func(fs *flag.FlagSet) (start func() (stop func() error, err error))
}

var emulators []emulator

// commands are the subcommands that are not emulators.
var commands = map[string]func(args []string) int{
	"snapshot":  runSnapshot,
	"export":    runExport,
	"show":      runShow,
	"free-port": runFreePort,
}

func register(e emulator) { emulators = append(emulators, e) }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd(args[1:])
		}
	}
	var chosen []emulator
	rest := args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		for _, e := range emulators {
			if e.name == args[0] {
				chosen = []emulator{e}
			}
		}
		if chosen == nil {
			fmt.Fprintf(os.Stderr, "homelab-emulator: unknown emulator %q\n", args[0])
			usage()
			return 2
		}
		rest = args[1:]
	} else {
		chosen = emulators
	}
	if len(rest) > 0 && len(chosen) > 1 {
		fmt.Fprintln(os.Stderr, "homelab-emulator: flags need a subcommand")
		usage()
		return 2
	}

	// Catch signals before anything starts: a script may stop the emulator as
	// soon as it has printed where it listens.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)

	var stops []func() error
	defer func() {
		for i := len(stops) - 1; i >= 0; i-- {
			if err := stops[i](); err != nil {
				fmt.Fprintln(os.Stderr, "homelab-emulator:", err)
			}
		}
	}()
	for _, e := range chosen {
		fs := flag.NewFlagSet("homelab-emulator "+e.name, flag.ContinueOnError)
		start := e.setup(fs)
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		stop, err := start()
		if err != nil {
			fmt.Fprintf(os.Stderr, "homelab-emulator %s: %v\n", e.name, err)
			return 1
		}
		stops = append(stops, stop)
	}

	<-sig
	return 0
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: homelab-emulator [emulator] [flags]\nemulators:")
	for _, e := range emulators {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", e.name, e.summary)
	}
	fmt.Fprintln(os.Stderr, "With no emulator named, all run with their default flags.")
	fmt.Fprintln(os.Stderr, "homelab-emulator snapshot routeros --out FILE reads the real router (ROUTEROS_* variables) into a snapshot for routeros --seed FILE.")
	fmt.Fprintln(os.Stderr, "homelab-emulator snapshot proxmox --out FILE reads the real cluster (PROXMOX_VE_* variables) into a state file for proxmox --state FILE.")
	fmt.Fprintln(os.Stderr, "homelab-emulator export routeros | show guests | show certs FILE | free-port [N]: the demo's helpers (see -h of each).")
}

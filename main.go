// Command terraform-provider-homelab serves the homelab provider to OpenTofu and Terraform.
package main

import (
	"flag"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/homelab-iac/terraform-provider-homelab/internal/provider"
)

// version is set at release time: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers like delve")
	flag.Parse()

	tuneGC()
	stopProfile := func() {}
	// HOMELAB_CPUPROFILE=file writes a CPU profile of the provider process,
	// flushed when the process gets SIGINT or SIGTERM (use -debug). The
	// refresh benchmark uses it to show where the provider's own CPU goes.
	if file := os.Getenv("HOMELAB_CPUPROFILE"); file != "" {
		f, err := os.Create(file)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			log.Fatal(err)
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		// A debug-mode server does not return on a signal: flush and exit here.
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
		go func() {
			<-sig
			stopProfile()
			os.Exit(0)
		}()
	}

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	newServer := provider.Server(provider.New(version)())
	err := tf6server.Serve("registry.opentofu.org/homelab-iac/homelab", func() tfprotov6.ProviderServer {
		s, err := newServer()
		if err != nil {
			log.Fatal(err)
		}
		return s
	}, opts...)
	stopProfile()
	if err != nil {
		log.Fatal(err)
	}
}

// tuneGC lets the heap grow to five times the live data between collections
// instead of twice (Go's default), under a 1 GiB soft limit. A provider
// lives for one OpenTofu command and allocates a little for every attribute
// of every resource it plans; with the default, garbage collection was
// about 40% of its CPU in a refresh plan of 500 objects. GOGC and
// GOMEMLIMIT set in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}

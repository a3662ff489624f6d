// Command terraform-provider-homelab serves the homelab provider to OpenTofu and Terraform.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/homelab-iac/terraform-provider-homelab/internal/provider"
)

// version is set at release time: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers like delve")
	flag.Parse()

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

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.opentofu.org/homelab-iac/homelab",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	stopProfile()
	if err != nil {
		log.Fatal(err)
	}
}

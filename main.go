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

	ctx := context.Background()
	stopProfile := func() {}
	// HOMELAB_CPUPROFILE=file writes a CPU profile of the provider process;
	// with -debug it is flushed when the process gets SIGINT or SIGTERM. The
	// refresh benchmark uses it to show where the provider's own CPU goes.
	if file := os.Getenv("HOMELAB_CPUPROFILE"); file != "" {
		f, err := os.Create(file)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			log.Fatal(err)
		}
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
		stopProfile = func() { stop(); pprof.StopCPUProfile(); f.Close() }
	}

	err := providerserver.Serve(ctx, provider.New(version), providerserver.ServeOpts{
		Address:         "registry.opentofu.org/homelab-iac/homelab",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	stopProfile()
	if err != nil {
		log.Fatal(err)
	}
}

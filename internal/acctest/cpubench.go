package acctest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// CPUBench runs `tofu plan` of one configuration with the real provider
// binary in a process of its own (served in debug mode and reattached, as
// OpenTofu runs it), so that the provider's CPU (read from /proc) and
// tofu's (its rusage) are measured apart from each other and from the
// emulators and the test harness in this process.
type CPUBench struct {
	b        *testing.B
	dir      string
	provider *exec.Cmd
	env      []string
}

// PlanCost is what one plan cost.
type PlanCost struct {
	Wall, ProviderCPU, TofuCPU time.Duration
}

// NewCPUBench builds the provider, serves it and writes config (the
// provider blocks and resources; the required_providers block is added).
func NewCPUBench(b *testing.B, config string) *CPUBench {
	bin := filepath.Join(b.TempDir(), "terraform-provider-homelab")
	if out, err := exec.Command("go", "build", "-o", bin, RepoRoot()).CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	c := &CPUBench{b: b, dir: b.TempDir()}
	cfg := "terraform {\n  required_providers {\n    homelab = { source = \"homelab-iac/homelab\" }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(cfg), 0o600); err != nil {
		b.Fatal(err)
	}
	var reattach string
	c.provider, reattach = serveProvider(b, bin)
	c.env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_CLI_CONFIG_FILE=/dev/null", "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return c
}

// Apply initialises the directory and applies the configuration.
func (c *CPUBench) Apply() {
	c.tofu("init", "-input=false", "-backend=false")
	c.tofu("apply", "-input=false", "-auto-approve", "-parallelism=10")
}

// Plan runs a refresh plan and returns its cost; it must plan no change.
func (c *CPUBench) Plan() PlanCost {
	before := procCPU(c.b, c.provider.Process.Pid)
	wall, tofuCPU := c.tofu("plan", "-input=false", "-detailed-exitcode", "-lock=false")
	return PlanCost{Wall: wall, ProviderCPU: procCPU(c.b, c.provider.Process.Pid) - before, TofuCPU: tofuCPU}
}

// Report logs a plan's cost with what it sent and reports the metrics,
// suffixed with at (e.g. "@5ms").
func (c *CPUBench) Report(what string, cost PlanCost, requests int, unit, at string) {
	c.b.Logf("%s: %v wall, %d %s, CPU: provider %v, tofu %v (provider = %.0f%% of tofu)",
		what, cost.Wall.Round(time.Millisecond), requests, unit, cost.ProviderCPU.Round(time.Millisecond),
		cost.TofuCPU.Round(time.Millisecond), 100*cost.ProviderCPU.Seconds()/cost.TofuCPU.Seconds())
	c.b.ReportMetric(float64(cost.Wall.Milliseconds()), "ms/plan"+at)
	c.b.ReportMetric(float64(requests), unit+"/plan"+at)
	c.b.ReportMetric(float64(cost.ProviderCPU.Milliseconds()), "provider-cpu-ms"+at)
	c.b.ReportMetric(float64(cost.TofuCPU.Milliseconds()), "tofu-cpu-ms"+at)
}

func (c *CPUBench) tofu(args ...string) (wall, cpu time.Duration) {
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		c.b.Fatalf("tofu %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	u := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return time.Since(start), time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// serveProvider starts the provider binary in debug mode and returns its
// process and the TF_REATTACH_PROVIDERS value it prints.
func serveProvider(b *testing.B, bin string) (*exec.Cmd, string) {
	cmd := exec.Command(bin, "-debug")
	// A provider in debug mode logs at trace level, formatting every
	// framework and protocol log line (a third of its CPU); a plan normally
	// runs with logging off, so the benchmark does too unless
	// HOMELAB_BENCH_TRACE=1. With HOMELAB_BENCH_CPUPROFILE=file the provider
	// writes its CPU profile there.
	cmd.Env = os.Environ()
	if os.Getenv("HOMELAB_BENCH_TRACE") == "" {
		cmd.Env = append(cmd.Env, "TF_LOG=off", "TF_LOG_PROVIDER=off", "TF_LOG_SDK=off", "TF_LOG_SDK_FRAMEWORK=off", "TF_LOG_SDK_PROTO=off")
	}
	// HOMELAB_BENCH_PROVIDER_GOGC=n overrides the provider's own GC setting
	// (main.go tuneGC) without touching tofu's.
	if g := os.Getenv("HOMELAB_BENCH_PROVIDER_GOGC"); g != "" {
		cmd.Env = append(cmd.Env, "GOGC="+g)
	}
	if p := os.Getenv("HOMELAB_BENCH_CPUPROFILE"); p != "" {
		cmd.Env = append(cmd.Env, "HOMELAB_CPUPROFILE="+p)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if v, ok := strings.CutPrefix(line, "TF_REATTACH_PROVIDERS='"); ok {
			go func() {
				for sc.Scan() {
				}
			}()
			return cmd, strings.TrimSuffix(v, "'")
		}
	}
	b.Fatal("the provider printed no TF_REATTACH_PROVIDERS")
	return nil, ""
}

// procCPU is a process's user+system CPU time so far, from /proc/<pid>/stat.
func procCPU(b *testing.B, pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// The fields after the command name (which may hold spaces) start after ")".
	fields := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+2:]))
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}

// Latencies are the per-reply delays every CPU benchmark plans at: a LAN,
// a slow LAN, a VPN from a CI runner.
var Latencies = []time.Duration{0, 5 * time.Millisecond, 50 * time.Millisecond}

// At is the metric suffix of a latency.
func At(lat time.Duration) string { return fmt.Sprintf("@%dms", lat.Milliseconds()) }

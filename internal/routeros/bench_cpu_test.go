package routeros_test

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

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// BenchmarkProviderCPU measures refresh plans of 500 and 2,000 RouterOS
// objects at 0, 5 and 50 ms per reply, with the provider in a process of
// its own (the real binary, served in debug mode and reattached, as
// OpenTofu runs it): wall time, commands sent, the provider process's CPU
// (from /proc) and tofu's CPU (its rusage), so the two are never mixed
// with each other or with the emulator's and the test harness's.
func BenchmarkProviderCPU(b *testing.B) {
	acctest.SkipUnlessAcc(b)
	bin := filepath.Join(b.TempDir(), "terraform-provider-homelab")
	if out, err := exec.Command("go", "build", "-o", bin, acctest.RepoRoot()).CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, n := range []int{50, 200} {
		b.Run(fmt.Sprintf("objects=%d", 10*n), func(b *testing.B) { benchProviderCPU(b, bin, n) })
	}
}

func benchProviderCPU(b *testing.B, bin string, n int) {
	e := acctest.RouterOS(b)
	dir := b.TempDir()
	cfg := "terraform {\n  required_providers {\n    homelab = { source = \"homelab-iac/homelab\" }\n  }\n}\n" +
		acctest.ProviderConfig(e.Block()) + benchConfig(n)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o600); err != nil {
		b.Fatal(err)
	}
	prov, reattach := serveProvider(b, bin)
	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_CLI_CONFIG_FILE=/dev/null", "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	tofu := func(args ...string) (time.Duration, time.Duration) {
		cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
		cmd.Dir, cmd.Env = dir, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("tofu %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		u := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		return time.Since(start), time.Duration(u.Utime.Nano() + u.Stime.Nano())
	}
	tofu("init", "-input=false", "-backend=false")
	tofu("apply", "-input=false", "-auto-approve", "-parallelism=10")
	for _, lat := range []time.Duration{0, 5 * time.Millisecond, 50 * time.Millisecond} {
		e.SetLatency(lat)
		e.ResetCounters()
		before := procCPU(b, prov.Process.Pid)
		wall, tofuCPU := tofu("plan", "-input=false", "-detailed-exitcode", "-lock=false")
		provCPU := procCPU(b, prov.Process.Pid) - before
		commands := 0
		for _, v := range e.Counters() {
			commands += v
		}
		e.SetLatency(0)
		b.Logf("refresh plan of %d objects, %v per reply: %v wall, %d commands, CPU: provider %v, tofu %v (provider = %.0f%% of tofu)",
			10*n, lat, wall.Round(time.Millisecond), commands, provCPU.Round(time.Millisecond), tofuCPU.Round(time.Millisecond),
			100*provCPU.Seconds()/tofuCPU.Seconds())
		at := fmt.Sprintf("@%dms", lat.Milliseconds())
		b.ReportMetric(float64(wall.Milliseconds()), "ms/plan"+at)
		b.ReportMetric(float64(commands), "commands/plan"+at)
		b.ReportMetric(float64(provCPU.Milliseconds()), "provider-cpu-ms"+at)
		b.ReportMetric(float64(tofuCPU.Milliseconds()), "tofu-cpu-ms"+at)
	}
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

package acctest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// VaultServer is a `vault server -dev` on loopback, shared by a test binary.
type VaultServer struct {
	Addr  string // http://127.0.0.1:port
	Token string // root token
}

// Block is the provider's vault block pointing at this server.
func (v *VaultServer) Block() string {
	return fmt.Sprintf("  vault {\n    address = %q\n    token   = %q\n  }", v.Addr, v.Token)
}

var (
	vaultOnce   sync.Once
	vaultServer *VaultServer
	vaultErr    error
)

// Vault returns the test binary's Vault dev server, starting it on first use.
func Vault(t testing.TB) *VaultServer {
	t.Helper()
	SkipUnlessAcc(t)
	vaultOnce.Do(func() { vaultServer, vaultErr = startVault() })
	if vaultErr != nil {
		t.Fatalf("starting vault dev server: %v", vaultErr)
	}
	return vaultServer
}

func startVault() (*VaultServer, error) {
	bin := os.Getenv("VAULT_BINARY")
	if bin == "" {
		bin = filepath.Join(RepoRoot(), "bin", "vault")
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("vault not found at %s: run `make tools` or set VAULT_BINARY", bin)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	home, err := os.MkdirTemp("", "acctest-vault-")
	if err != nil {
		return nil, err
	}
	const token = "acctest-root"
	listen := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, "server", "-dev", "-dev-root-token-id="+token, "-dev-listen-address="+listen)
	// A private HOME keeps the dev server from writing the user's ~/.vault-token.
	cmd.Env = append(os.Environ(), "HOME="+home, "VAULT_DISABLE_MLOCK=true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logFile, err := os.Create(filepath.Join(home, "vault.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	addCleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		_, _ = cmd.Process.Wait()
		logFile.Close()
		os.RemoveAll(home)
	})
	addr := "http://" + listen
	if err := waitHealthy(addr, 60*time.Second); err != nil {
		log, _ := os.ReadFile(logFile.Name())
		return nil, fmt.Errorf("%w\nvault log:\n%s", err, log)
	}
	return &VaultServer{Addr: addr, Token: token}, nil
}

func waitHealthy(addr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, addr+"/v1/sys/health", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("vault at %s not healthy after %s", addr, timeout)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// freePort asks the kernel for an unused loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

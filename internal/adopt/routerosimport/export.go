package routerosimport

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"

	rosemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// Export is a router's /export loaded into an in-process emulator on
// loopback, read back through the same client code as a live router (one
// path, not a second parser of the export's text).
type Export struct {
	srv *rosemu.Server
	cfg Config
}

// LoadExport starts an emulator holding script (the contents of file, named
// in the report). A line the emulator cannot take fails with its number.
func LoadExport(file, script string) (*Export, error) {
	pw := make([]byte, 16)
	if _, err := rand.Read(pw); err != nil {
		return nil, err
	}
	pass := hex.EncodeToString(pw)
	srv, err := rosemu.Start(rosemu.Config{Users: map[string]string{"homelab-import": pass}, EthernetPorts: ethernetPorts(script)})
	if err != nil {
		return nil, fmt.Errorf("starting the RouterOS emulator: %w", err)
	}
	skipped, err := load(srv, script)
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &Export{srv: srv, cfg: Config{URL: "api://" + srv.Addr(), Username: "homelab-import", Password: pass,
		Origin: "export `" + filepath.Base(file) + "` (loaded into the RouterOS emulator)", Skipped: skipped}}, nil
}

// Source reads the loaded export.
func (e *Export) Source() *Source { return New(e.cfg) }

// Server is the emulator holding the export (tests count its commands).
func (e *Export) Server() *rosemu.Server { return e.srv }

// Close stops the emulator.
func (e *Export) Close() error { return e.srv.Close() }

var etherN = regexp.MustCompile(`default-name=ether(\d+)`)

// ethernetPorts is how many ports the emulated router needs for the export's
// `[ find default-name=etherN ]` lines to find theirs (at least 10).
func ethernetPorts(script string) int {
	n := 10
	for _, m := range etherN.FindAllStringSubmatch(script, -1) {
		if v, err := strconv.Atoi(m[1]); err == nil && v > n && v <= 512 {
			n = v
		}
	}
	return n
}

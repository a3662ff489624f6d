package proxmox

import (
	"encoding/json"
	"fmt"
	"os"
)

// loadState reads an initial state: {"nodes": [...], "storages": [...],
// "volumes": [...], "guests": {"100": {...}}, "pools": {...}, "ha": {...},
// "bridges": {"pve-s1": ["vmbr0", "vmbr1"]}}. Omitted nodes and storages get
// the defaults; a node without bridges has vmbr0.
func loadState(file string) (*state, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var st state
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("proxmox emulator: state file %s: %w", file, err)
	}
	// A snapshot (snapshot.go) names its format; a plain state file has none.
	var head struct{ Format string }
	if _ = json.Unmarshal(b, &head); head.Format != "" && head.Format != SnapshotFormat {
		return nil, fmt.Errorf("proxmox emulator: state file %s: format %q is not %q", file, head.Format, SnapshotFormat)
	}
	return &st, nil
}

// State returns the current state as JSON, in the state-file format.
func (s *Server) State() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return json.MarshalIndent(s.st, "", "  ")
}

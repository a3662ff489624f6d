package proxmox

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// ConfigChangedError is PVE's refusal of a config update whose digest no
// longer matches the guest's config: someone changed the guest after the
// provider last read it (between plan and apply), and applying the plan
// would silently overwrite that change.
type ConfigChangedError struct {
	Kind string // "lxc" or "qemu"
	Node string
	VMID int64
	Err  error // PVE's answer
}

func (e *ConfigChangedError) Error() string {
	what, typ := "container", "homelab_proxmox_lxc"
	if e.Kind == "qemu" {
		what, typ = "VM", "homelab_proxmox_vm"
	}
	return fmt.Sprintf("The %s %s/%d (%s) was changed outside OpenTofu after it was last read: "+
		"its configuration no longer matches the one this plan was computed from, so Proxmox VE refused the update "+
		"and nothing was overwritten. Run `tofu plan` (or `tofu apply`) again, with refresh enabled, to see the "+
		"change and plan against the current configuration.\n\nProxmox VE said: %v", what, e.Node, e.VMID, typ, e.Err)
}

func (e *ConfigChangedError) Unwrap() error { return e.Err }

// staleDigest reports whether err is PVE's digest mismatch: "detected
// modified configuration - file changed by other user? Try again."
// (PVE::Tools::assert_if_modified; older qemu-server said "checksum
// missmatch (file change by other user?)").
func staleDigest(err error) bool {
	if err == nil {
		return false
	}
	m := strings.ToLower(err.Error())
	return strings.Contains(m, "detected modified configuration") ||
		strings.Contains(m, "file changed by other user") ||
		strings.Contains(m, "file change by other user")
}

// UpdateConfig changes a guest's config (kind "lxc": PUT .../config, which
// is synchronous; "qemu": POST .../config, whose qmconfig task is waited
// for). digest is the config digest of the read the change was computed
// from: PVE refuses the update when the config changed since, which comes
// back as a *ConfigChangedError. An empty digest sends none.
func (c *Client) UpdateConfig(ctx context.Context, kind, node string, vmid int64, digest string, params map[string]any) error {
	path := fmt.Sprintf("/nodes/%s/%s/%d/config", node, kind, vmid)
	p := make(map[string]any, len(params)+1)
	for k, v := range params {
		p[k] = v
	}
	if digest != "" {
		p["digest"] = digest
	}
	var err error
	if kind == "qemu" {
		err = c.PostTask(ctx, path, p)
	} else {
		err = c.PutTask(ctx, path, p)
	}
	if staleDigest(err) {
		return &ConfigChangedError{Kind: kind, Node: node, VMID: vmid, Err: err}
	}
	return err
}

// privateDigestKey is the private-state key holding the config digest of the
// guest's last read, so that Update sends the digest of the refresh its plan
// was computed from.
const privateDigestKey = "digest"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// digestFrom returns the digest kept in the resource's private state.
func digestFrom(ctx context.Context, p privateGetter) string {
	if p == nil {
		return ""
	}
	b, diags := p.GetKey(ctx, privateDigestKey)
	if diags.HasError() || len(b) == 0 {
		return ""
	}
	var d string
	if json.Unmarshal(b, &d) != nil {
		return ""
	}
	return d
}

// keepDigest stores digest in the resource's private state.
func keepDigest(ctx context.Context, p privateSetter, digest string) diag.Diagnostics {
	if p == nil {
		return nil
	}
	b, _ := json.Marshal(digest)
	return p.SetKey(ctx, privateDigestKey, b)
}

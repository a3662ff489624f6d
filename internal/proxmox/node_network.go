package proxmox

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure   = &nodeNetworkResource{}
	_ resource.ResourceWithImportState = &nodeNetworkResource{}
)

func newNodeNetworkResource() resource.Resource { return &nodeNetworkResource{} }

type nodeNetworkResource struct{ data *providerdata.Data }

func (r *nodeNetworkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_node_network"
}

func (r *nodeNetworkResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func nodeNetworkPath(node, iface string) string {
	return "/nodes/" + url.PathEscape(node) + "/network/" + url.PathEscape(iface)
}

func nodeNetworkAttr(param string) (path.Path, bool) {
	switch param {
	case "bond-primary":
		return path.Root("bond_primary"), true
	case "vlan-id":
		return path.Root("vlan_id"), true
	case "vlan-raw-device":
		return path.Root("vlan_raw_device"), true
	case "address", "netmask":
		return path.Root("cidr"), true
	case "iface", "type", "cidr", "gateway", "mtu", "comments", "autostart", "bridge_ports", "bridge_vlan_aware", "bridge_vids",
		"slaves", "bond_mode", "bond_xmit_hash_policy":
		return path.Root(param), true
	}
	return path.Path{}, false
}

// addNodeNetworkRefusal places the network writer's refusals (plain
// messages naming the interface: "bridge 'vmbr1' - unable to find bridge
// port 'eno9'", "bond 'bond0' - unable to find slave ...", "vlan ... parent
// ...", "... mtu ...") on the attribute they are about.
func addNodeNetworkRefusal(diags *diag.Diagnostics, what string, err error) {
	msg := err.Error()
	for _, c := range []struct{ needle, attr string }{{"bridge port", "bridge_ports"}, {"slave", "slaves"}, {"bond-primary", "bond_primary"},
		{"parent", "vlan_raw_device"}, {"vlan-raw-device", "vlan_raw_device"}, {"vlan-id", "vlan_id"}, {" mtu ", "mtu"}} {
		if strings.Contains(msg, c.needle) {
			diags.AddAttributeError(path.Root(c.attr), what+" failed", msg)
			return
		}
	}
	addRefusal(diags, what, err, nodeNetworkAttr)
}

// ifaceGone reports PVE's answer for an interface the node does not have
// (a parameter error on iface).
func ifaceGone(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == http.StatusBadRequest && strings.Contains(e.Errors["iface"], "does not exist")
}

// reloadNetwork applies the node's staged network configuration (ifreload)
// and waits for the task.
func reloadNetwork(ctx context.Context, c *Client, node string) error {
	return c.PutTask(ctx, "/nodes/"+url.PathEscape(node)+"/network", map[string]any{})
}

func (r *nodeNetworkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m nodeNetworkModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node, iface := m.Node.ValueString(), m.Iface.ValueString()
	params := map[string]any{"iface": iface}
	for k, v := range m.toAPI(ctx) {
		params[k] = v
	}
	what := fmt.Sprintf("Creating interface %q on %s (homelab_proxmox_node_network)", iface, node)
	if _, err := c.Post(ctx, "/nodes/"+url.PathEscape(node)+"/network", params); err != nil {
		var e *APIError
		if errors.As(err, &e) && strings.Contains(e.Errors["iface"], "already exists") {
			resp.Diagnostics.AddAttributeError(path.Root("iface"), what+" failed",
				fmt.Sprintf("The node already has %q; a create never takes it over. Import it instead "+
					"(`import { to = homelab_proxmox_node_network.<name>  id = \"%s/%s\" }`).\n\n%v", iface, node, iface, err))
			return
		}
		addNodeNetworkRefusal(&resp.Diagnostics, what, err)
		return
	}
	m.ID = types.StringValue(node + "/" + iface)
	// The interface is staged: keep it in the state before the reload, so a
	// failed reload leaves nothing unmanaged.
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	if err := reloadNetwork(ctx, c, node); err != nil {
		resp.Diagnostics.AddError(what+": the network reload failed", err.Error()+
			"\n\nThe interface is staged in /etc/network/interfaces.new; fix the configuration and apply again.")
	}
}

func (r *nodeNetworkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m nodeNetworkModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node, iface := m.Node.ValueString(), m.Iface.ValueString()
	e, err := c.GetMap(ctx, nodeNetworkPath(node, iface))
	if err != nil {
		if ifaceGone(err) || NotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		resp.Diagnostics.AddError(fmt.Sprintf("Reading interface %q on %s failed", iface, node), err.Error())
		return
	}
	m.fromAPI(e)
	m.ID = types.StringValue(node + "/" + iface)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *nodeNetworkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state nodeNetworkModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node, iface := state.Node.ValueString(), state.Iface.ValueString()
	what := fmt.Sprintf("Updating interface %q on %s (homelab_proxmox_node_network)", iface, node)
	params, del := configChanges(state.toAPI(ctx), plan.toAPI(ctx))
	setDelete(params, del)
	if len(params) > 0 {
		params["type"] = plan.Type.ValueString()
		if _, err := c.Put(ctx, nodeNetworkPath(node, iface), params); err != nil {
			addNodeNetworkRefusal(&resp.Diagnostics, what, err)
			return
		}
	}
	if err := reloadNetwork(ctx, c, node); err != nil {
		resp.Diagnostics.AddError(what+": the network reload failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *nodeNetworkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m nodeNetworkModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node, iface := m.Node.ValueString(), m.Iface.ValueString()
	what := fmt.Sprintf("Deleting interface %q on %s (homelab_proxmox_node_network)", iface, node)
	if _, err := c.Delete(ctx, nodeNetworkPath(node, iface)); err != nil && !ifaceGone(err) {
		addNodeNetworkRefusal(&resp.Diagnostics, what, err)
		return
	}
	if err := reloadNetwork(ctx, c, node); err != nil {
		resp.Diagnostics.AddError(what+": the network reload failed", err.Error())
	}
}

// ImportState takes "<node>/<iface>".
func (r *nodeNetworkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	node, iface, ok := strings.Cut(req.ID, "/")
	if !ok || !nodeRe.MatchString(node) || !netIfaceRe.MatchString(iface) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q: use <node>/<iface>, e.g. `pve-s1/vmbr0`", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node"), node)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("iface"), iface)...)
}

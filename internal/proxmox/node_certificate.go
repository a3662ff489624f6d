package proxmox

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/pemcheck"
	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure      = &nodeCertificateResource{}
	_ resource.ResourceWithImportState    = &nodeCertificateResource{}
	_ resource.ResourceWithModifyPlan     = &nodeCertificateResource{}
	_ resource.ResourceWithValidateConfig = &nodeCertificateResource{}
)

func newNodeCertificateResource() resource.Resource { return &nodeCertificateResource{} }

type nodeCertificateResource struct{ data *providerdata.Data }

func (r *nodeCertificateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_node_certificate"
}

func (r *nodeCertificateResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func certPath(node string) string { return "/nodes/" + node + "/certificates/custom" }

// ValidateConfig refuses what PVE would refuse or what no client could
// use: a PEM that is no certificate, an expired one, a key that is not its.
func (r *nodeCertificateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg nodeCertificateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pemcheck.Install(cfg.CertificatePEM, cfg.ChainPEM, cfg.PrivateKeyPEM,
		"PVE would refuse the upload (\"key does not match the certificate (chain)\").", &resp.Diagnostics) {
		resp.Diagnostics.AddAttributeError(path.Root("private_key_pem"), "Encrypted private key",
			"private_key_pem is encrypted; pveproxy needs the key unencrypted (decrypt it, e.g. `openssl pkey -in key.pem`).")
	}
}

// ModifyPlan shows the new fingerprint and expiry in the plan, keeps the
// computed values while the certificate stays, and warns when the node the
// provider talks to would serve a certificate that does not cover the
// endpoint's host.
func (r *nodeCertificateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, cfg nodeCertificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *nodeCertificateModel
	if !req.State.Raw.IsNull() {
		state = &nodeCertificateModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if !known(cfg.CertificatePEM.StringValue) {
		plan.setComputedUnknown()
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	certs, err := pemcheck.ParseCertificates(cfg.CertificatePEM.ValueString())
	if err != nil || len(certs) != 1 {
		return // ValidateConfig has said why
	}
	if state != nil && pemcheck.Same(state.CertificatePEM.ValueString(), cfg.CertificatePEM.ValueString()) {
		plan.Fingerprint, plan.NotAfter = state.Fingerprint, state.NotAfter
		plan.Subject, plan.Issuer, plan.SubjectAlternativeNames = state.Subject, state.Issuer, state.SubjectAlternativeNames
	} else {
		plan.planFromCert(certs[0])
		if known(plan.Node) {
			r.warnHost(ctx, plan.Node.ValueString(), certs[0], &resp.Diagnostics)
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// warnHost warns when node is the one answering at the provider's endpoint
// (`local` in /cluster/status) and cert does not cover the endpoint's host.
// Without a reachable API it says nothing.
func (r *nodeCertificateResource) warnHost(ctx context.Context, node string, cert *x509.Certificate, diags *diag.Diagnostics) {
	if r.data == nil || r.data.Proxmox == nil {
		return
	}
	u, err := url.Parse(r.data.Proxmox.Endpoint)
	if err != nil || u.Hostname() == "" {
		return
	}
	c, err := clientFrom(ctx, r.data)
	if err != nil {
		return
	}
	list, err := c.GetList(ctx, "/cluster/status")
	if err != nil {
		return
	}
	for _, e := range list {
		if str(e["type"]) == "node" && str(e["local"]) == "1" && str(e["name"]) == node {
			pemcheck.CoversHost(path.Root("certificate_pem"), cert, u.Hostname(), "node", "proxmox endpoint", diags)
		}
	}
}

// upload sends the certificate (with force on an update) and fills m from
// PVE's answer.
func (r *nodeCertificateResource) upload(ctx context.Context, c *Client, m *nodeCertificateModel, key string, update bool, diags *diag.Diagnostics) bool {
	node := m.Node.ValueString()
	what := fmt.Sprintf("Uploading the certificate of node %q (homelab_proxmox_node_certificate)", node)
	d, err := c.Post(ctx, certPath(node), m.toAPI(key, update))
	if err != nil {
		reportUploadError(diags, what, node, err, key)
		return false
	}
	info, ok := d.(map[string]any)
	if !ok {
		diags.AddError(what+" failed", fmt.Sprintf("unexpected answer %T", d))
		return false
	}
	m.ID = types.StringValue(node)
	m.PrivateKeyPEM = types.StringNull()
	m.fromAPI(ctx, info)
	return true
}

// reportUploadError names the attribute PVE refused; the key never goes
// into the message, even should PVE echo it.
func reportUploadError(diags *diag.Diagnostics, what, node string, err error, key string) {
	detail := err.Error()
	for _, line := range strings.Split(key, "\n") {
		if line = strings.TrimSpace(line); len(line) >= 16 {
			detail = strings.ReplaceAll(detail, line, "<hidden>")
		}
	}
	if strings.Contains(detail, "force flag is not set") {
		diags.AddAttributeError(path.Root("node"), what+" failed",
			fmt.Sprintf("Node %q already has a custom certificate; a create never silently replaces it. Import it "+
				"(`import { to = homelab_proxmox_node_certificate.<name>  id = %q }`) or set `force = true`.\n\n%s", node, node, detail))
		return
	}
	var ae *APIError
	if errors.As(err, &ae) && len(ae.Errors) > 0 {
		params := make([]string, 0, len(ae.Errors))
		for k := range ae.Errors {
			params = append(params, k)
		}
		sort.Strings(params)
		attr := map[string]string{"certificates": "certificate_pem", "key": "private_key_pem", "force": "force", "restart": "restart"}
		if a, ok := attr[params[0]]; ok {
			diags.AddAttributeError(path.Root(a), what+" failed", detail)
			return
		}
	}
	if strings.Contains(detail, "key does not match") {
		diags.AddAttributeError(path.Root("private_key_pem"), what+" failed", detail)
		return
	}
	diags.AddError(what+" failed", detail)
}

func (r *nodeCertificateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan nodeCertificateModel
	var key types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("private_key_pem"), &key)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	if !r.upload(ctx, c, &plan, key.ValueString(), false, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// readInfo is the node's custom certificate in certificates/info; nil when
// it has none.
func readInfo(ctx context.Context, c *Client, node string) (map[string]any, error) {
	list, err := c.GetList(ctx, "/nodes/"+node+"/certificates/info")
	if err != nil {
		return nil, err
	}
	return customEntry(list), nil
}

func (r *nodeCertificateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m nodeCertificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node := m.Node.ValueString()
	if node == "" {
		node = m.ID.ValueString()
	}
	e, err := readInfo(ctx, c, node)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Reading the certificate of node %q failed", node), err.Error())
		return
	}
	if e == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	m.ID, m.Node = types.StringValue(node), types.StringValue(node)
	m.PrivateKeyPEM = types.StringNull()
	m.fromAPI(ctx, e)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *nodeCertificateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state nodeCertificateModel
	var key types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("private_key_pem"), &key)...)
	if resp.Diagnostics.HasError() {
		return
	}
	changed := !pemcheck.Same(plan.CertificatePEM.ValueString(), state.CertificatePEM.ValueString()) ||
		!pemcheck.Same(plan.ChainPEM.ValueString(), state.ChainPEM.ValueString())
	if changed {
		c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
		if c == nil || !r.upload(ctx, c, &plan, key.ValueString(), true, &resp.Diagnostics) {
			return
		}
	}
	plan.ID, plan.PrivateKeyPEM = plan.Node, types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes the custom certificate: the node serves pve-ssl again.
func (r *nodeCertificateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m nodeCertificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node := m.Node.ValueString()
	restart := "1"
	if !m.Restart.IsNull() && !m.Restart.ValueBool() {
		restart = "0"
	}
	if _, err := c.Delete(ctx, certPath(node)+"?restart="+restart); err != nil && !NotFound(err) {
		resp.Diagnostics.AddError(fmt.Sprintf("Deleting the certificate of node %q (homelab_proxmox_node_certificate) failed", node), err.Error())
	}
}

// ImportState takes the node name; force and restart get their defaults.
func (r *nodeCertificateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if !nodeRe.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q: use the node name, e.g. `pve-s1`", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("force"), false)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("restart"), true)...)
}

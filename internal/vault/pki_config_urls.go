package vault

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// pkiConfigURLsResource is a mount's AIA URLs (config/urls), a singleton per mount.
type pkiConfigURLsResource struct{ pkiBase }

type pkiConfigURLsModel struct {
	ID                    types.String `tfsdk:"id"`
	Mount                 types.String `tfsdk:"mount"`
	IssuingCertificates   types.List   `tfsdk:"issuing_certificates"`
	CRLDistributionPoints types.List   `tfsdk:"crl_distribution_points"`
	OCSPServers           types.List   `tfsdk:"ocsp_servers"`
}

var (
	_ resource.ResourceWithImportState = &pkiConfigURLsResource{}
	_ resource.ResourceWithModifyPlan  = &pkiConfigURLsResource{}
)

// ModifyPlan lets the URLs follow a move of their mount in place.
func (r *pkiConfigURLsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if planMountChange(ctx, r.data, req, resp, "mount") {
		var mount types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("mount"), &mount)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), mount.ValueString()+"/config/urls")...)
	}
}

func newPKIConfigURLsResource() resource.Resource {
	return &pkiConfigURLsResource{pkiBase{typeName: "homelab_vault_pki_config_urls"}}
}

func (r *pkiConfigURLsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vault_pki_config_urls"
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", s)
	}
	return nil
}

func urlList(desc string) schema.ListAttribute {
	return schema.ListAttribute{
		ElementType:         types.StringType,
		Optional:            true,
		MarkdownDescription: desc,
		Validators:          []validator.List{listvalidator.ValueStringsAre(validate.StringFunc("URL", checkURL))},
	}
}

func (r *pkiConfigURLsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 0, // bump with a state upgrader and its test (TestSchemaVersions)
		MarkdownDescription: "The URLs a PKI mount writes into the certificates it issues (`<mount>/config/urls`): where to " +
			"fetch the issuing CA, the CRL and the OCSP responder. One per mount; destroying it clears the URLs.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`<mount>/config/urls`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"mount": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Path of the PKI mount, e.g. `pki_int`. Changing it replaces the resource, except when the change " +
					"is the move of that mount by `homelab_vault_pki_mount` (the URLs follow it).",
				Validators: []validator.String{mountPathValidator()},
			},
			"issuing_certificates": urlList("Authority Information Access URLs of the issuing CA certificate, e.g. " +
				"`[\"https://vault.rachuna-net.pl:8200/v1/pki_int/ca\"]`."),
			"crl_distribution_points": urlList("CRL distribution points, e.g. `[\"https://vault.rachuna-net.pl:8200/v1/pki_int/crl\"]`."),
			"ocsp_servers":            urlList("OCSP responder URLs, e.g. `[\"https://vault.rachuna-net.pl:8200/v1/pki_int/ocsp\"]`."),
		},
	}
}

func (r *pkiConfigURLsResource) write(ctx context.Context, c *Client, m *pkiConfigURLsModel, diags *diag.Diagnostics) bool {
	mount := m.Mount.ValueString()
	if _, err := checkPKIMount(ctx, c, mount); err != nil {
		diags.AddAttributeError(path.Root("mount"), r.typeName+": invalid mount", err.Error())
		return false
	}
	body := map[string]any{
		"issuing_certificates":    nonNil(listStrings(ctx, m.IssuingCertificates, diags)),
		"crl_distribution_points": nonNil(listStrings(ctx, m.CRLDistributionPoints, diags)),
		"ocsp_servers":            nonNil(listStrings(ctx, m.OCSPServers, diags)),
	}
	if diags.HasError() {
		return false
	}
	if _, err := c.Logical().WriteWithContext(ctx, mount+"/config/urls", body); err != nil {
		r.fail(diags, path.Path{}, fmt.Sprintf("writing the URLs of mount %q failed", mount), err)
		return false
	}
	return true
}

func (r *pkiConfigURLsResource) read(ctx context.Context, c *Client, m *pkiConfigURLsModel, diags *diag.Diagnostics) bool {
	mount := m.Mount.ValueString()
	s, err := c.Logical().ReadWithContext(ctx, mount+"/config/urls")
	if err != nil {
		if statusCode(err) == 404 || errContains(err, "no handler for route") {
			return false
		}
		r.fail(diags, path.Path{}, fmt.Sprintf("reading the URLs of mount %q failed", mount), err)
		return true
	}
	if s == nil || s.Data == nil {
		return false
	}
	m.ID = types.StringValue(mount + "/config/urls")
	m.IssuingCertificates = listFromVault(m.IssuingCertificates, strList(s.Data["issuing_certificates"]))
	m.CRLDistributionPoints = listFromVault(m.CRLDistributionPoints, strList(s.Data["crl_distribution_points"]))
	m.OCSPServers = listFromVault(m.OCSPServers, strList(s.Data["ocsp_servers"]))
	return true
}

func (r *pkiConfigURLsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.apply(ctx, req.Plan.Get, &resp.State, &resp.Diagnostics)
}

func (r *pkiConfigURLsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.apply(ctx, req.Plan.Get, &resp.State, &resp.Diagnostics)
}

// apply writes the planned URLs and stores what Vault has (Create and Update alike).
func (r *pkiConfigURLsResource) apply(ctx context.Context, get func(context.Context, any) diag.Diagnostics,
	state interface {
		Set(context.Context, any) diag.Diagnostics
	}, diags *diag.Diagnostics) {
	var plan pkiConfigURLsModel
	diags.Append(get(ctx, &plan)...)
	c := r.vault(diags)
	if diags.HasError() || c == nil || !r.write(ctx, c, &plan, diags) {
		return
	}
	if !r.read(ctx, c, &plan, diags) {
		diags.AddError(r.typeName+": URLs vanished", "the URLs just written cannot be read back")
		return
	}
	diags.Append(state.Set(ctx, &plan)...)
}

func (r *pkiConfigURLsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state pkiConfigURLsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	if !r.read(ctx, c, &state, &resp.Diagnostics) {
		if !resp.Diagnostics.HasError() {
			resp.State.RemoveResource(ctx)
		}
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *pkiConfigURLsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state pkiConfigURLsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	mount := state.Mount.ValueString()
	_, err := c.Logical().WriteWithContext(ctx, mount+"/config/urls", map[string]any{
		"issuing_certificates": []string{}, "crl_distribution_points": []string{}, "ocsp_servers": []string{},
	})
	if err != nil && statusCode(err) != 404 && !errContains(err, "no handler for route") {
		r.fail(&resp.Diagnostics, path.Path{}, fmt.Sprintf("clearing the URLs of mount %q failed", mount), err)
	}
}

func (r *pkiConfigURLsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	mount := strings.TrimSuffix(strings.Trim(req.ID, "/"), "/config/urls")
	if mount == "" {
		resp.Diagnostics.AddError(r.typeName+": invalid import ID", "expected `<mount>/config/urls` or `<mount>`, got "+req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("mount"), mount)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), mount+"/config/urls")...)
}

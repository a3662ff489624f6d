package vault

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// pkiRoleResource is a role of a PKI mount: the rules leaf certificates are
// issued by.
type pkiRoleResource struct{ pkiBase }

type pkiRoleModel struct {
	ID                        types.String `tfsdk:"id"`
	Mount                     types.String `tfsdk:"mount"`
	Name                      types.String `tfsdk:"name"`
	IssuerRef                 types.String `tfsdk:"issuer_ref"`
	AllowedDomains            types.List   `tfsdk:"allowed_domains"`
	AllowSubdomains           types.Bool   `tfsdk:"allow_subdomains"`
	AllowBareDomains          types.Bool   `tfsdk:"allow_bare_domains"`
	AllowGlobDomains          types.Bool   `tfsdk:"allow_glob_domains"`
	AllowWildcardCertificates types.Bool   `tfsdk:"allow_wildcard_certificates"`
	AllowLocalhost            types.Bool   `tfsdk:"allow_localhost"`
	AllowAnyName              types.Bool   `tfsdk:"allow_any_name"`
	AllowIPSANs               types.Bool   `tfsdk:"allow_ip_sans"`
	ServerFlag                types.Bool   `tfsdk:"server_flag"`
	ClientFlag                types.Bool   `tfsdk:"client_flag"`
	TTL                       types.String `tfsdk:"ttl"`
	MaxTTL                    types.String `tfsdk:"max_ttl"`
	KeyType                   types.String `tfsdk:"key_type"`
	KeyBits                   types.Int64  `tfsdk:"key_bits"`
	KeyUsage                  types.List   `tfsdk:"key_usage"`
	ExtKeyUsage               types.List   `tfsdk:"ext_key_usage"`
}

var (
	_ resource.ResourceWithImportState    = &pkiRoleResource{}
	_ resource.ResourceWithValidateConfig = &pkiRoleResource{}
	_ resource.ResourceWithModifyPlan     = &pkiRoleResource{}
)

// ModifyPlan lets the role follow a move of its mount in place.
func (r *pkiRoleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if planMountChange(ctx, r.data, req, resp, "mount") {
		var mount, name types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("mount"), &mount)...)
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), mount.ValueString()+"/roles/"+name.ValueString())...)
	}
}

func newPKIRoleResource() resource.Resource {
	return &pkiRoleResource{pkiBase{typeName: "homelab_vault_pki_role"}}
}

// Vault's key usages (Go's x509.KeyUsage names without the prefix).
var keyUsages = []string{"DigitalSignature", "ContentCommitment", "KeyEncipherment", "DataEncipherment",
	"KeyAgreement", "CertSign", "CRLSign", "EncipherOnly", "DecipherOnly"}

var extKeyUsages = []string{"Any", "ServerAuth", "ClientAuth", "CodeSigning", "EmailProtection", "IPSECEndSystem",
	"IPSECTunnel", "IPSECUser", "TimeStamping", "OCSPSigning", "MicrosoftServerGatedCrypto",
	"NetscapeServerGatedCrypto", "MicrosoftCommercialCodeSigning", "MicrosoftKernelCodeSigning"}

// defaultKeyUsage is what Vault stores when a role sets none.
var defaultKeyUsage = []string{"DigitalSignature", "KeyAgreement", "KeyEncipherment"}

var roleNameRe = regexp.MustCompile(`^\w([\w.-]*\w)?$`)

func (r *pkiRoleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vault_pki_role"
}

func boolAttr(def bool, desc string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(def),
		MarkdownDescription: fmt.Sprintf("%s Default `%t`.", desc, def),
	}
}

func (r *pkiRoleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	defaultUsage := make([]attr.Value, len(defaultKeyUsage))
	for i, u := range defaultKeyUsage {
		defaultUsage[i] = types.StringValue(u)
	}
	resp.Schema = schema.Schema{
		Version: 0, // bump with a state upgrader and its test (TestSchemaVersions)
		MarkdownDescription: "A role of a Vault PKI mount (`<mount>/roles/<name>`): which names leaf certificates may have, " +
			"their key and lifetime, and which issuer signs them. Every setting except `mount` and `name` updates in place.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`<mount>/roles/<name>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"mount": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Path of the PKI mount, e.g. `pki_int`. Changing it replaces the role, except when the change is " +
					"the move of that mount by `homelab_vault_pki_mount` (the role follows it).",
				Validators: []validator.String{mountPathValidator()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the role, e.g. `rachuna-net-pl`. Changing it replaces the role.",
				Validators:          []validator.String{validate.Regex(roleNameRe, "role name (letters, digits, `_`, `-`, `.`)")},
				PlanModifiers:       replace,
			},
			"issuer_ref": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("default"),
				MarkdownDescription: "Issuer that signs the role's certificates: an issuer ID, a name, or `default` (the mount's default issuer, the default).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"allowed_domains": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Domains certificates may be issued for, e.g. `[\"rachuna-net.pl\"]`; what is allowed " +
					"below and at them is set by `allow_subdomains`, `allow_bare_domains` and `allow_glob_domains`.",
				Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"allow_subdomains":            boolAttr(false, "Allow names below `allowed_domains` (`vault.rachuna-net.pl` for `rachuna-net.pl`), wildcards included."),
			"allow_bare_domains":          boolAttr(false, "Allow the `allowed_domains` themselves as names."),
			"allow_glob_domains":          boolAttr(false, "Treat `*` in `allowed_domains` as a glob."),
			"allow_wildcard_certificates": boolAttr(true, "Allow wildcard names (`*.rachuna-net.pl`) where the domain rules allow them."),
			"allow_localhost":             boolAttr(true, "Allow `localhost` and `localdomain` names."),
			"allow_any_name":              boolAttr(false, "Allow any name, ignoring `allowed_domains`."),
			"allow_ip_sans":               boolAttr(true, "Allow IP addresses in `ip_sans` of certificates."),
			"server_flag":                 boolAttr(true, "Certificates are for TLS servers (ServerAuth extended key usage)."),
			"client_flag":                 boolAttr(true, "Certificates are for TLS clients (ClientAuth extended key usage)."),
			"ttl": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Default TTL of certificates that ask for none (`720h`). Unset uses the mount's default.",
				Validators:          []validator.String{ttlValidator()},
			},
			"max_ttl": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Longest TTL a certificate may ask for (`2160h`). Unset uses the mount's max.",
				Validators:          []validator.String{ttlValidator()},
			},
			"key_type": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("rsa"),
				MarkdownDescription: "Key type of issued certificates: `rsa` (default), `ec`, `ed25519`, or `any` (only for signing CSRs).",
				Validators:          []validator.String{stringvalidator.OneOf("rsa", "ec", "ed25519", "any")},
			},
			"key_bits": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Key size: 2048 (default), 3072, 4096 or 8192 for `rsa`; 224, 256 (default), 384 or 521 for `ec`; " +
					"0 for `ed25519` and `any`.",
				PlanModifiers: []planmodifier.Int64{keyBitsDefault{}},
			},
			"key_usage": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     listdefault.StaticValue(types.ListValueMust(types.StringType, defaultUsage)),
				MarkdownDescription: "Key usages of issued certificates, among `" + strings.Join(keyUsages, "`, `") +
					"`. Default: Vault's own, `DigitalSignature`, `KeyAgreement`, `KeyEncipherment`. `[]` sets none.",
				Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(keyUsages...)), listvalidator.UniqueValues()},
			},
			"ext_key_usage": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     listdefault.StaticValue(types.ListValueMust(types.StringType, nil)),
				MarkdownDescription: "Extended key usages added to those of `server_flag`/`client_flag`, among `" +
					strings.Join(extKeyUsages, "`, `") + "`. Default none.",
				Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(extKeyUsages...)), listvalidator.UniqueValues()},
			},
		},
	}
}

func (r *pkiRoleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m pkiRoleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkKeyBits(m.KeyType, m.KeyBits, &resp.Diagnostics)
	if t, mx := ttlSeconds(m.TTL), ttlSeconds(m.MaxTTL); t > 0 && mx > 0 && t > mx {
		resp.Diagnostics.AddAttributeError(path.Root("ttl"), "ttl is longer than max_ttl",
			fmt.Sprintf("ttl (%s) must not exceed max_ttl (%s)", m.TTL.ValueString(), m.MaxTTL.ValueString()))
	}
}

func (r *pkiRoleResource) body(ctx context.Context, m *pkiRoleModel, diags *diag.Diagnostics) map[string]any {
	b := map[string]any{
		"issuer_ref":                  m.IssuerRef.ValueString(),
		"allowed_domains":             nonNil(listStrings(ctx, m.AllowedDomains, diags)),
		"allow_subdomains":            m.AllowSubdomains.ValueBool(),
		"allow_bare_domains":          m.AllowBareDomains.ValueBool(),
		"allow_glob_domains":          m.AllowGlobDomains.ValueBool(),
		"allow_wildcard_certificates": m.AllowWildcardCertificates.ValueBool(),
		"allow_localhost":             m.AllowLocalhost.ValueBool(),
		"allow_any_name":              m.AllowAnyName.ValueBool(),
		"allow_ip_sans":               m.AllowIPSANs.ValueBool(),
		"server_flag":                 m.ServerFlag.ValueBool(),
		"client_flag":                 m.ClientFlag.ValueBool(),
		"ttl":                         fmt.Sprintf("%ds", max(ttlSeconds(m.TTL), 0)),
		"max_ttl":                     fmt.Sprintf("%ds", max(ttlSeconds(m.MaxTTL), 0)),
		"key_type":                    m.KeyType.ValueString(),
		"key_bits":                    m.KeyBits.ValueInt64(),
		"key_usage":                   nonNil(listStrings(ctx, m.KeyUsage, diags)),
		"ext_key_usage":               nonNil(listStrings(ctx, m.ExtKeyUsage, diags)),
	}
	return b
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func roleErrorPath(err error) path.Path {
	switch {
	case errContains(err, "issuer"):
		return path.Root("issuer_ref")
	case errContains(err, "key_bits", "key bits", "bit length"):
		return path.Root("key_bits")
	case errContains(err, "key_type", "key type"):
		return path.Root("key_type")
	case errContains(err, "max_ttl", "max ttl"):
		return path.Root("max_ttl")
	case errContains(err, "ttl"):
		return path.Root("ttl")
	case errContains(err, "ext_key_usage"):
		return path.Root("ext_key_usage")
	case errContains(err, "key_usage", "key usage"):
		return path.Root("key_usage")
	case errContains(err, "no handler for route"):
		return path.Root("mount")
	}
	return path.Path{}
}

func (r *pkiRoleResource) write(ctx context.Context, c *Client, m *pkiRoleModel, diags *diag.Diagnostics) bool {
	mount := m.Mount.ValueString()
	if _, err := checkPKIMount(ctx, c, mount); err != nil {
		diags.AddAttributeError(path.Root("mount"), r.typeName+": invalid mount", err.Error())
		return false
	}
	body := r.body(ctx, m, diags)
	if diags.HasError() {
		return false
	}
	if _, err := c.Logical().WriteWithContext(ctx, mount+"/roles/"+m.Name.ValueString(), body); err != nil {
		r.fail(diags, roleErrorPath(err), fmt.Sprintf("writing role %q in mount %q failed", m.Name.ValueString(), mount), err)
		return false
	}
	return true
}

// read refreshes m from Vault; false when the role (or its mount) is gone.
func (r *pkiRoleResource) read(ctx context.Context, c *Client, m *pkiRoleModel, diags *diag.Diagnostics) bool {
	mount, name := m.Mount.ValueString(), m.Name.ValueString()
	s, err := c.Logical().ReadWithContext(ctx, mount+"/roles/"+name)
	if err != nil {
		if statusCode(err) == 404 || errContains(err, "no handler for route") {
			return false
		}
		r.fail(diags, path.Path{}, fmt.Sprintf("reading role %q in mount %q failed", name, mount), err)
		return true
	}
	if s == nil || s.Data == nil {
		return false
	}
	d := s.Data
	m.ID = types.StringValue(mount + "/roles/" + name)
	m.IssuerRef = types.StringValue(str(d["issuer_ref"]))
	m.AllowedDomains = listFromVault(m.AllowedDomains, strList(d["allowed_domains"]))
	m.AllowSubdomains = types.BoolValue(boolOf(d["allow_subdomains"]))
	m.AllowBareDomains = types.BoolValue(boolOf(d["allow_bare_domains"]))
	m.AllowGlobDomains = types.BoolValue(boolOf(d["allow_glob_domains"]))
	m.AllowWildcardCertificates = types.BoolValue(boolOf(d["allow_wildcard_certificates"]))
	m.AllowLocalhost = types.BoolValue(boolOf(d["allow_localhost"]))
	m.AllowAnyName = types.BoolValue(boolOf(d["allow_any_name"]))
	m.AllowIPSANs = types.BoolValue(boolOf(d["allow_ip_sans"]))
	m.ServerFlag = types.BoolValue(boolOf(d["server_flag"]))
	m.ClientFlag = types.BoolValue(boolOf(d["client_flag"]))
	m.TTL = ttlFromVault(m.TTL, int64Of(d["ttl"]))
	m.MaxTTL = ttlFromVault(m.MaxTTL, int64Of(d["max_ttl"]))
	m.KeyType = types.StringValue(str(d["key_type"]))
	m.KeyBits = types.Int64Value(int64Of(d["key_bits"]))
	m.KeyUsage = listValue(strList(d["key_usage"]), false)
	m.ExtKeyUsage = listValue(strList(d["ext_key_usage"]), false)
	return true
}

func (r *pkiRoleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan pkiRoleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil || !r.write(ctx, c, &plan, &resp.Diagnostics) {
		return
	}
	if !r.read(ctx, c, &plan, &resp.Diagnostics) {
		resp.Diagnostics.AddError(r.typeName+": role vanished", "the role just written cannot be read back")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *pkiRoleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state pkiRoleModel
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
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *pkiRoleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan pkiRoleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil || !r.write(ctx, c, &plan, &resp.Diagnostics) {
		return
	}
	if !r.read(ctx, c, &plan, &resp.Diagnostics) {
		resp.Diagnostics.AddError(r.typeName+": role vanished", "the role just written cannot be read back")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *pkiRoleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state pkiRoleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	p := state.Mount.ValueString() + "/roles/" + state.Name.ValueString()
	if _, err := c.Logical().DeleteWithContext(ctx, p); err != nil && statusCode(err) != 404 && !errContains(err, "no handler for route") {
		r.fail(&resp.Diagnostics, path.Path{}, "deleting role "+p+" failed", err)
	}
}

func (r *pkiRoleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	i := strings.LastIndex(req.ID, "/roles/")
	if i <= 0 || i+len("/roles/") >= len(req.ID) {
		resp.Diagnostics.AddError(r.typeName+": invalid import ID",
			fmt.Sprintf("expected `<mount>/roles/<name>` (e.g. `pki_int/roles/rachuna-net-pl`), got %q", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("mount"), req.ID[:i])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID[i+len("/roles/"):])...)
}

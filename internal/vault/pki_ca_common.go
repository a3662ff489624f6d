package vault

import (
	"context"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

// caModel is what the root and the intermediate CA resources share: the
// subject and key of the CA, and the issuer Vault keeps for it.
type caModel struct {
	ID            types.String `tfsdk:"id"`
	Mount         types.String `tfsdk:"mount"`
	CommonName    types.String `tfsdk:"common_name"`
	Organization  types.List   `tfsdk:"organization"`
	OU            types.List   `tfsdk:"ou"`
	Country       types.List   `tfsdk:"country"`
	Locality      types.List   `tfsdk:"locality"`
	Province      types.List   `tfsdk:"province"`
	StreetAddress types.List   `tfsdk:"street_address"`
	PostalCode    types.List   `tfsdk:"postal_code"`
	KeyType       types.String `tfsdk:"key_type"`
	KeyBits       types.Int64  `tfsdk:"key_bits"`
	TTL           types.String `tfsdk:"ttl"`
	IssuerName    types.String `tfsdk:"issuer_name"`
	Certificate   types.String `tfsdk:"certificate"`
	IssuerID      types.String `tfsdk:"issuer_id"`
	KeyID         types.String `tfsdk:"key_id"`
	SerialNumber  types.String `tfsdk:"serial_number"`
	Expiration    types.String `tfsdk:"expiration"`
}

type subjectField struct {
	attr, desc string
	get        func(*caModel) *types.List
	fromCert   func(pkix.Name) []string
}

var subjectFields = []subjectField{
	{"organization", "Organization (O)", func(m *caModel) *types.List { return &m.Organization }, func(n pkix.Name) []string { return n.Organization }},
	{"ou", "Organizational unit (OU)", func(m *caModel) *types.List { return &m.OU }, func(n pkix.Name) []string { return n.OrganizationalUnit }},
	{"country", "Country (C)", func(m *caModel) *types.List { return &m.Country }, func(n pkix.Name) []string { return n.Country }},
	{"locality", "Locality or city (L)", func(m *caModel) *types.List { return &m.Locality }, func(n pkix.Name) []string { return n.Locality }},
	{"province", "Province or state (ST)", func(m *caModel) *types.List { return &m.Province }, func(n pkix.Name) []string { return n.Province }},
	{"street_address", "Street address", func(m *caModel) *types.List { return &m.StreetAddress }, func(n pkix.Name) []string { return n.StreetAddress }},
	{"postal_code", "Postal code", func(m *caModel) *types.List { return &m.PostalCode }, func(n pkix.Name) []string { return n.PostalCode }},
}

// caAttributes is the schema shared by the CA resources; what is "root CA" or
// "intermediate CA" in the descriptions.
func caAttributes(what string) map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	a := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "`<mount>/issuer/<issuer_id>`.",
			PlanModifiers:       keep,
		},
		"mount": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Path of the PKI mount that holds the " + what + "'s key and issuer. Changing it replaces the " + what +
				", except when the change is the move of that mount by `homelab_vault_pki_mount` (the " + what + " follows it).",
			Validators: []validator.String{mountPathValidator()},
		},
		"common_name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Common name (CN) of the " + what + ", e.g. `rachuna-net Root CA`. Changing it replaces the " + what + ".",
			Validators:          []validator.String{stringvalidator.LengthBetween(1, 64)},
			PlanModifiers:       replace,
		},
		"key_type": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString("rsa"),
			MarkdownDescription: "Type of the private key Vault generates and keeps: `rsa` (default), `ec` or `ed25519`. The key never leaves Vault. Changing it replaces the " + what + ".",
			Validators:          []validator.String{stringvalidator.OneOf("rsa", "ec", "ed25519")},
			PlanModifiers:       replace,
		},
		"key_bits": schema.Int64Attribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Key size: 2048 (default), 3072, 4096 or 8192 for `rsa`; 224, 256 (default), 384 or 521 for `ec`; " +
				"0 for `ed25519`. Changing it replaces the " + what + ".",
			Validators:    []validator.Int64{int64validator.AtLeast(0)},
			PlanModifiers: []planmodifier.Int64{keyBitsDefault{}, int64planmodifier.RequiresReplace()},
		},
		"ttl": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Validity of the " + what + " certificate from now (`87600h`, `3650d`). It must not exceed the max lease TTL " +
				"of the mount that signs it. Changing the duration replaces the " + what + " (a new key and certificate); " +
				"spelling the same duration differently does not.",
			Validators:    []validator.String{ttlValidator()},
			PlanModifiers: []planmodifier.String{ttlRequiresReplace()},
		},
		"issuer_name": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Name of the issuer in the mount, usable instead of its ID in `issuer_ref`. Updated in place. " +
				"Must be unique in the mount and not `default`.",
			Validators: []validator.String{issuerNameValidator()},
		},
		"certificate": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The " + what + " certificate, PEM.",
			PlanModifiers:       keep,
		},
		"issuer_id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Vault's ID of the issuer. An issuer deleted or replaced outside Tofu shows as a planned replacement.",
			PlanModifiers:       keep,
		},
		"key_id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Vault's ID of the private key (kept inside Vault).",
			PlanModifiers:       keep,
		},
		"serial_number": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Serial number of the certificate, colon-separated hex as Vault prints it.",
			PlanModifiers:       keep,
		},
		"expiration": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When the certificate expires (RFC 3339, UTC).",
			PlanModifiers:       keep,
		},
	}
	for _, f := range subjectFields {
		a[f.attr] = schema.ListAttribute{
			ElementType:         types.StringType,
			Optional:            true,
			MarkdownDescription: f.desc + " in the subject of the " + what + ". Changing it replaces the " + what + ".",
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			PlanModifiers:       []planmodifier.List{listplanmodifier.RequiresReplace()},
		}
	}
	return a
}

// caComputed are the attributes a replacement recomputes.
var caComputed = []string{"id", "certificate", "issuer_id", "key_id", "serial_number", "expiration"}

// caKeyBody is the subject and key part of a generate request.
func caKeyBody(ctx context.Context, m *caModel, diags *diag.Diagnostics) map[string]any {
	body := map[string]any{
		"common_name": m.CommonName.ValueString(),
		"key_type":    m.KeyType.ValueString(),
		"key_bits":    m.KeyBits.ValueInt64(),
		// the CN is a name, not a host name: keep it out of the SANs
		"exclude_cn_from_sans": true,
	}
	for _, f := range subjectFields {
		if v := listStrings(ctx, *f.get(m), diags); len(v) > 0 {
			body[f.attr] = v
		}
	}
	return body
}

// caErrorPath guesses which attribute a Vault error about a CA request is about.
func caErrorPath(err error) path.Path {
	switch {
	case errContains(err, "key_bits", "key bits", "unsupported bit", "bit length"):
		return path.Root("key_bits")
	case errContains(err, "key_type", "key type"):
		return path.Root("key_type")
	case errContains(err, "issuer name", "issuer_name"):
		return path.Root("issuer_name")
	case errContains(err, "ttl", "notafter", "not_after", "expiration"):
		return path.Root("ttl")
	case errContains(err, "common name", "common_name"):
		return path.Root("common_name")
	case errContains(err, "no handler for route", "no secret engine mount"):
		return path.Root("mount")
	}
	return path.Path{}
}

// issuerState is what Vault says about an issuer.
type issuerState struct {
	id      string
	cert    *x509.Certificate
	pem     string
	name    string
	keyID   string
	caChain []string
}

// readIssuer returns the issuer, or nil when Vault says for certain that it
// (or its mount) does not exist. Any other failure (Vault sealed or
// unreachable, permission denied, a storage error) is an error: the caller
// reports it and must not take the issuer for deleted.
func readIssuer(ctx context.Context, c *Client, mount, ref string) (*issuerState, error) {
	s, err := c.Logical().ReadWithContext(ctx, mount+"/issuer/"+ref)
	if err != nil {
		if issuerNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	if s == nil {
		return nil, nil // a 404 without data: the api client returns no secret and no error
	}
	if s.Data == nil {
		return nil, fmt.Errorf("issuer %s/issuer/%s: Vault's answer has no data", mount, ref)
	}
	is := &issuerState{
		id:      str(s.Data["issuer_id"]),
		pem:     strings.TrimSpace(str(s.Data["certificate"])),
		name:    str(s.Data["issuer_name"]),
		keyID:   str(s.Data["key_id"]),
		caChain: strList(s.Data["ca_chain"]),
	}
	cert, err := parseCertPEM(is.pem)
	if err != nil {
		return nil, fmt.Errorf("issuer %s/issuer/%s: %w", mount, ref, err)
	}
	is.cert = cert
	return is, nil
}

// issuerNotFound reports whether err is Vault's definite answer that an issuer
// reference resolves to nothing, from the PKI engine's own messages
// (builtin/logical/pki/issuing/issuers.go, path_fetch_issuers.go). Vault 1.21
// answers GET <mount>/issuer/<ref>:
//   - for an issuer ID or name that does not exist (deleted):
//     500 "1 error occurred: * unable to find PKI issuer for reference: <ref>"
//     (an errutil.UserError returned as an error, hence not a 400);
//   - for "default" with no default issuer: 500 "... no default issuer currently configured";
//   - for a path with no mount: 404 "no handler for route ...";
//
// and, from other code paths and versions, 400 "unable to resolve issuer id
// for reference: <ref>" and "pki issuer id <id> does not exist" (deleted
// between lookup and read). The status alone decides nothing (a deleted issuer
// is a 500, like a storage failure); anything else — permission denied, a
// sealed or standby node, "Can not get issuer until migration has completed"
// (a 400 that mentions the issuer), no answer at all — is not a not-found.
func issuerNotFound(err error) bool {
	var re *api.ResponseError
	if !errors.As(err, &re) {
		return false // no answer from Vault at all
	}
	if re.StatusCode == http.StatusNotFound {
		return true
	}
	if re.StatusCode != http.StatusBadRequest && re.StatusCode != http.StatusInternalServerError {
		return false
	}
	msg := strings.ToLower(strings.Join(re.Errors, "; "))
	for _, s := range []string{"unable to find pki issuer for reference", "unable to resolve issuer id for reference",
		"no default issuer currently configured", "no handler for route"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return strings.Contains(msg, "pki issuer id ") && strings.Contains(msg, " does not exist")
}

// refreshCA updates m from Vault. It returns false when the mount is gone (the
// resource leaves the state). When the issuer is gone, or has another
// certificate than the one in state, it nulls the certificate so that
// ModifyPlan plans a replacement, and warns.
func refreshCA(ctx context.Context, c *Client, typeName string, m *caModel, diags *diag.Diagnostics) bool {
	mount, id := m.Mount.ValueString(), m.IssuerID.ValueString()
	mi, err := mountInfo(ctx, c, mount)
	if err != nil {
		diags.AddError(typeName+": reading mount "+mount+" failed", vaultErrText(err))
		return true
	}
	if mi == nil {
		return false
	}
	is, err := readIssuer(ctx, c, mount, id)
	if err != nil {
		diags.AddError(typeName+": reading issuer "+mount+"/issuer/"+id+" failed", vaultErrText(err))
		return true
	}
	imported := m.CommonName.IsNull()
	if is == nil && imported {
		diags.AddError(typeName+": no such issuer", fmt.Sprintf("mount %q has no issuer %q", mount, id))
		return true
	}
	serial := ""
	if is != nil {
		serial = vaultSerial(is.cert.SerialNumber)
	}
	if is == nil || (!m.SerialNumber.IsNull() && m.SerialNumber.ValueString() != serial) {
		why := "was deleted outside Tofu"
		if is != nil {
			why = fmt.Sprintf("now holds another certificate (serial %s, expected %s)", serial, m.SerialNumber.ValueString())
		}
		diags.AddWarning(typeName+": issuer changed outside Tofu",
			fmt.Sprintf("Issuer %s in mount %q %s; the plan replaces it with a new one.", id, mount, why))
		m.Certificate = types.StringNull()
		m.SerialNumber = types.StringNull()
		m.Expiration = types.StringNull()
		return true
	}
	if is.id != "" {
		id = is.id // an import may name the issuer instead of giving its ID
	}
	m.IssuerID = types.StringValue(id)
	m.ID = types.StringValue(mount + "/issuer/" + id)
	m.Certificate = types.StringValue(is.pem)
	m.SerialNumber = types.StringValue(serial)
	m.Expiration = types.StringValue(is.cert.NotAfter.UTC().Format(time.RFC3339))
	m.KeyID = types.StringValue(is.keyID)
	if is.name != "" || !m.IssuerName.IsNull() { // "" is null when unset
		m.IssuerName = types.StringValue(is.name)
	}
	if imported {
		// After import only the mount and the issuer are known: the rest
		// comes from the certificate (the key itself stays in Vault).
		m.CommonName = types.StringValue(is.cert.Subject.CommonName)
		for _, f := range subjectFields {
			*f.get(m) = listValue(f.fromCert(is.cert.Subject), true)
		}
		kt, kb := keyInfo(is.cert)
		m.KeyType, m.KeyBits = types.StringValue(kt), types.Int64Value(kb)
		m.TTL = types.StringValue(formatTTL(certTTL(is.cert)))
	}
	return true
}

// planCAReplacement plans a replacement when Read found the issuer gone.
func planCAReplacement(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, extra ...string) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var cert types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("certificate"), &cert)...)
	if !cert.IsNull() {
		return
	}
	for _, a := range append(append([]string{}, caComputed...), extra...) {
		if a == "ca_chain" {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.ListUnknown(types.StringType))...)
			continue
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.StringUnknown())...)
	}
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("issuer_id"))
}

// checkCAPlan validates, at plan time, what can be known before creating a
// CA: the TTL against the signing mount's max, when that mount already exists.
func checkCAPlan(ctx context.Context, c *Client, typeName, signMount string, ttl types.String, diags *diag.Diagnostics) {
	if c == nil || signMount == "" || ttl.IsUnknown() || ttl.IsNull() {
		return
	}
	mi, err := mountInfo(ctx, c, signMount)
	if err != nil || mi == nil || mi.Type != "pki" {
		return // reported at apply time; the mount may be created in the same run
	}
	if err := checkTTLAgainstMount(ctx, c, signMount, time.Duration(ttlSeconds(ttl))*time.Second); err != nil {
		diags.AddAttributeError(path.Root("ttl"), typeName+": ttl beyond the mount's max", err.Error())
	}
}

// deleteIssuerAndKey deletes one issuer and its key; never the mount's others.
func deleteIssuerAndKey(ctx context.Context, c *Client, mount, issuerID, keyID string) (warn string, err error) {
	if issuerID != "" {
		if _, err := c.Logical().DeleteWithContext(ctx, mount+"/issuer/"+issuerID); err != nil && !issuerNotFound(err) {
			return "", err
		}
	}
	if keyID != "" {
		if _, err := c.Logical().DeleteWithContext(ctx, mount+"/key/"+keyID); err != nil &&
			statusCode(err) != http.StatusNotFound && !errContains(err, "unable to find", "no handler for route") {
			// another issuer still uses the key (e.g. imported again): leave it
			return fmt.Sprintf("the key %s in mount %q was kept: %s", keyID, mount, vaultErrText(err)), nil
		}
	}
	return "", nil
}

func patchIssuerName(ctx context.Context, c *Client, mount, issuerID string, name types.String) error {
	_, err := c.Logical().JSONMergePatch(ctx, mount+"/issuer/"+issuerID, map[string]any{"issuer_name": name.ValueString()})
	return err
}

// validateCAConfig is the plan-time check of key_type and key_bits together.
func validateCAConfig(ctx context.Context, cfg interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, diags *diag.Diagnostics) {
	var kt types.String
	var kb types.Int64
	diags.Append(cfg.GetAttribute(ctx, path.Root("key_type"), &kt)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("key_bits"), &kb)...)
	checkKeyBits(kt, kb, diags)
}

// planCAMove lets a CA follow its mount's move in place: the ID takes the new path.
func planCAMove(ctx context.Context, d *providerdata.Data, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !planMountChange(ctx, d, req, resp, "mount") {
		return
	}
	var mount, id types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("mount"), &mount)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("issuer_id"), &id)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), mount.ValueString()+"/issuer/"+id.ValueString())...)
}

// deleteCA deletes the issuer and key a CA resource created, never the other
// issuers or keys of its mount.
func (b *pkiBase) deleteCA(ctx context.Context, mount, issuerID, keyID types.String, diags *diag.Diagnostics) {
	c := b.vault(diags)
	if diags.HasError() || c == nil {
		return
	}
	warn, err := deleteIssuerAndKey(ctx, c, mount.ValueString(), issuerID.ValueString(), keyID.ValueString())
	if err != nil {
		b.fail(diags, path.Path{}, "deleting the issuer failed", err)
		return
	}
	if warn != "" {
		diags.AddWarning(b.typeName+": key kept", warn)
	}
}

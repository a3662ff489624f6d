package vault

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// pkiIntermediateCAResource is the whole intermediate dance in one resource:
// CSR with an internal key in the intermediate mount, signed by an issuer of
// the signer mount, imported back, named and made the mount's default issuer.
type pkiIntermediateCAResource struct{ pkiBase }

type pkiIntermediateCAModel struct {
	caModel
	SignerMount     types.String `tfsdk:"signer_mount"`
	SignerIssuerRef types.String `tfsdk:"signer_issuer_ref"`
	CAChain         types.List   `tfsdk:"ca_chain"`
	SetDefault      types.Bool   `tfsdk:"set_default"`
}

var (
	_ resource.ResourceWithImportState    = &pkiIntermediateCAResource{}
	_ resource.ResourceWithModifyPlan     = &pkiIntermediateCAResource{}
	_ resource.ResourceWithValidateConfig = &pkiIntermediateCAResource{}
)

func newPKIIntermediateCAResource() resource.Resource {
	return &pkiIntermediateCAResource{pkiBase{typeName: "homelab_vault_pki_intermediate_ca"}}
}

func (r *pkiIntermediateCAResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vault_pki_intermediate_ca"
}

func (r *pkiIntermediateCAResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	a := caAttributes("intermediate CA")
	a["signer_mount"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: "Path of the PKI mount whose issuer signs this intermediate (the root CA's mount, e.g. `pki`). " +
			"Changing it replaces the intermediate CA, except when the change is the move of that mount by `homelab_vault_pki_mount`.",
		Validators: []validator.String{mountPathValidator()},
	}
	a["signer_issuer_ref"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Issuer of `signer_mount` that signs this intermediate: its ID (e.g. `homelab_vault_pki_root_ca.root.issuer_id`) " +
			"or name. Unset uses the signer mount's default issuer. Pointing it at another issuer replaces the intermediate CA; " +
			"naming the same issuer differently does not.",
	}
	a["ca_chain"] = schema.ListAttribute{
		ElementType:         types.StringType,
		Computed:            true,
		MarkdownDescription: "PEM certificates from this intermediate up to the root: the intermediate first, then its signer's chain.",
		PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
	}
	a["set_default"] = schema.BoolAttribute{
		Optional: true,
		Computed: true,
		Default:  booldefault.StaticBool(true),
		MarkdownDescription: "Make this issuer the default issuer of `mount` (`<mount>/config/issuers`), so roles with " +
			"`issuer_ref = \"default\"` use it. Default `true`; another default set outside Tofu is put back.",
	}
	a["ttl"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: "Validity of the intermediate certificate from now (`43800h`). It must not exceed the max lease TTL of " +
			"`signer_mount` nor the signer's own expiry. Changing the duration replaces the intermediate CA; spelling the same " +
			"duration differently does not.",
		Validators:    []validator.String{ttlValidator()},
		PlanModifiers: []planmodifier.String{ttlRequiresReplace()},
	}
	resp.Schema = schema.Schema{
		Version: 0, // bump with a state upgrader and its test (TestSchemaVersions)
		MarkdownDescription: "An intermediate CA in one resource: Vault generates the key and a CSR in `mount` " +
			"(the key never leaves Vault), the issuer `signer_issuer_ref` of `signer_mount` signs it, the signed certificate is " +
			"imported into `mount`, named `issuer_name` and made the mount's default issuer. Destroying it deletes only this issuer " +
			"and its key. An issuer deleted or replaced outside Tofu, or a replaced signer, shows as a planned replacement.",
		Attributes: a,
	}
}

func (r *pkiIntermediateCAResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	validateCAConfig(ctx, req.Config, &resp.Diagnostics)
	var m, s types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("mount"), &m)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("signer_mount"), &s)...)
	if !m.IsNull() && !m.IsUnknown() && m.Equal(s) {
		resp.Diagnostics.AddAttributeError(path.Root("signer_mount"), "signer_mount is the intermediate's own mount",
			"Vault advises against mixing a root and its intermediates in one mount: use a separate mount for the intermediate (e.g. `pki_int`).")
	}
}

func (r *pkiIntermediateCAResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	planCAReplacement(ctx, req, resp, "ca_chain")
	if len(resp.RequiresReplace) == 0 {
		planCAMove(ctx, r.data, req, resp)
	}
	if len(resp.RequiresReplace) == 0 {
		planMountChange(ctx, r.data, req, resp, "signer_mount") // a signer found by import is null in state: no replacement
	}
	var plan, state pkiIntermediateCAModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var c *Client
	if r.data != nil && r.data.Vault != nil {
		c, _ = client(r.data)
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if !plan.SignerIssuerRef.Equal(state.SignerIssuerRef) && !state.SignerMount.IsNull() && len(resp.RequiresReplace) == 0 {
			same, err := r.sameSigner(ctx, c, state, plan)
			switch {
			case err != nil:
				// A failed read says nothing about the signer: report it, plan nothing.
				resp.Diagnostics.AddAttributeError(path.Root("signer_issuer_ref"),
					r.typeName+": cannot tell whether signer_issuer_ref names the same issuer", vaultErrText(err))
				return
			case !same:
				r.planReplace(ctx, resp, path.Root("signer_issuer_ref"))
			}
		}
		if len(resp.RequiresReplace) == 0 {
			return
		}
	}
	if plan.SignerMount.IsUnknown() {
		return
	}
	checkCAPlan(ctx, c, r.typeName, plan.SignerMount.ValueString(), plan.TTL, &resp.Diagnostics)
}

func (r *pkiIntermediateCAResource) planReplace(ctx context.Context, resp *resource.ModifyPlanResponse, why path.Path) {
	for _, a := range caComputed {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.StringUnknown())...)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("ca_chain"), types.ListUnknown(types.StringType))...)
	resp.RequiresReplace = append(resp.RequiresReplace, why)
}

// sameSigner tells whether the new signer_issuer_ref names the issuer that
// signed the intermediate (an ID, a name or "default" can all mean it). It is
// false when either reference names no issuer (Vault says so), and an error
// when Vault could not be asked: that is no reason to replace a CA.
func (r *pkiIntermediateCAResource) sameSigner(ctx context.Context, c *Client, state, plan pkiIntermediateCAModel) (bool, error) {
	if plan.SignerIssuerRef.IsUnknown() || plan.SignerMount.IsUnknown() || !plan.SignerMount.Equal(state.SignerMount) {
		return false, nil
	}
	if c == nil {
		_, err := client(r.data)
		if err == nil {
			err = errors.New("the Vault client is not available")
		}
		return false, err
	}
	resolve := func(ref types.String) (string, error) {
		is, err := readIssuer(ctx, c, plan.SignerMount.ValueString(), refOrDefault(ref))
		if err != nil || is == nil {
			return "", err
		}
		return is.id, nil
	}
	a, err := resolve(state.SignerIssuerRef)
	if err != nil {
		return false, err
	}
	b, err := resolve(plan.SignerIssuerRef)
	if err != nil {
		return false, err
	}
	return a != "" && a == b, nil
}

func refOrDefault(ref types.String) string {
	if ref.IsNull() || ref.ValueString() == "" {
		return "default"
	}
	return ref.ValueString()
}

func (r *pkiIntermediateCAResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan pkiIntermediateCAModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	mount, signer := plan.Mount.ValueString(), plan.SignerMount.ValueString()
	if _, err := checkPKIMount(ctx, c, mount); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("mount"), r.typeName+": invalid mount", err.Error())
		return
	}
	if _, err := checkPKIMount(ctx, c, signer); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("signer_mount"), r.typeName+": invalid signer_mount", err.Error())
		return
	}
	ref := refOrDefault(plan.SignerIssuerRef)
	signerIssuer, err := readIssuer(ctx, c, signer, ref)
	if err != nil || signerIssuer == nil {
		msg := fmt.Sprintf("mount %q has no issuer %q", signer, ref)
		if err != nil {
			msg = vaultErrText(err)
		}
		resp.Diagnostics.AddAttributeError(path.Root("signer_issuer_ref"), r.typeName+": signer issuer not found", msg)
		return
	}
	ttl := time.Duration(ttlSeconds(plan.TTL)) * time.Second
	if err := checkTTLAgainstMount(ctx, c, signer, ttl); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("ttl"), r.typeName+": ttl beyond the signer mount's max", err.Error())
		return
	}
	if end := time.Now().Add(ttl); end.After(signerIssuer.cert.NotAfter) {
		resp.Diagnostics.AddAttributeError(path.Root("ttl"), r.typeName+": ttl beyond the signer's expiry",
			fmt.Sprintf("an intermediate valid for %s would outlive its signer %q (expires %s)", plan.TTL.ValueString(), ref,
				signerIssuer.cert.NotAfter.UTC().Format(time.RFC3339)))
		return
	}

	// 1. key and CSR inside the intermediate mount
	body := caKeyBody(ctx, &plan.caModel, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	s, err := c.Logical().WriteWithContext(ctx, mount+"/issuers/generate/intermediate/internal", body)
	if err != nil {
		r.fail(&resp.Diagnostics, caErrorPath(err), fmt.Sprintf("generating the intermediate key and CSR in mount %q failed", mount), err)
		return
	}
	csr, keyID := str(s.Data["csr"]), str(s.Data["key_id"])
	cleanup := func() { r.undoCreate(ctx, c, mount, "", keyID, &resp.Diagnostics) }

	// 2. signed by the signer issuer
	s, err = c.Logical().WriteWithContext(ctx, signer+"/issuer/"+signerIssuer.id+"/sign-intermediate", map[string]any{
		"csr":                  csr,
		"common_name":          plan.CommonName.ValueString(),
		"ttl":                  fmt.Sprintf("%ds", int64(ttl/time.Second)),
		"use_csr_values":       true,
		"format":               "pem",
		"exclude_cn_from_sans": true,
	})
	if err != nil {
		cleanup()
		r.fail(&resp.Diagnostics, caErrorPath(err), fmt.Sprintf("signing the intermediate with %s/issuer/%s failed", signer, ref), err)
		return
	}
	certPEM := strings.TrimSpace(str(s.Data["certificate"]))

	// 3. imported back into the intermediate mount (the certificate only: the
	// signer's certificates would become extra issuers there)
	s, err = c.Logical().WriteWithContext(ctx, mount+"/intermediate/set-signed", map[string]any{"certificate": certPEM})
	if err != nil {
		cleanup()
		r.fail(&resp.Diagnostics, path.Path{}, fmt.Sprintf("importing the signed intermediate into mount %q failed", mount), err)
		return
	}
	imported := strList(s.Data["imported_issuers"])
	if len(imported) != 1 {
		cleanup()
		resp.Diagnostics.AddError(r.typeName+": unexpected answer",
			fmt.Sprintf("set-signed in mount %q imported %d issuers (%v), expected 1", mount, len(imported), imported))
		return
	}
	issuerID := imported[0]
	plan.IssuerID = types.StringValue(issuerID)
	plan.KeyID = types.StringValue(keyID)
	plan.ID = types.StringValue(mount + "/issuer/" + issuerID)

	// 4. name and default
	if !plan.IssuerName.IsNull() {
		if err := patchIssuerName(ctx, c, mount, issuerID, plan.IssuerName); err != nil {
			r.undoCreate(ctx, c, mount, issuerID, keyID, &resp.Diagnostics)
			r.fail(&resp.Diagnostics, path.Root("issuer_name"), "naming the intermediate issuer failed", err)
			return
		}
	}
	if plan.SetDefault.ValueBool() {
		if err := setDefaultIssuer(ctx, c, mount, issuerID); err != nil {
			r.undoCreate(ctx, c, mount, issuerID, keyID, &resp.Diagnostics)
			r.fail(&resp.Diagnostics, path.Root("set_default"), fmt.Sprintf("making the intermediate the default issuer of mount %q failed", mount), err)
			return
		}
	}
	plan.SerialNumber = types.StringNull()
	plan.CAChain = types.ListNull(types.StringType)
	if !r.refresh(ctx, c, &plan, &resp.Diagnostics) || plan.Certificate.IsNull() {
		resp.Diagnostics.AddError(r.typeName+": intermediate CA vanished", "the issuer just imported cannot be read back")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// undoCreate removes what a failed create made in the intermediate mount; what
// it cannot remove is reported, so nothing is left in Vault unnoticed.
func (r *pkiIntermediateCAResource) undoCreate(ctx context.Context, c *Client, mount, issuerID, keyID string, diags *diag.Diagnostics) {
	warn, err := deleteIssuerAndKey(ctx, c, mount, issuerID, keyID)
	if err != nil {
		warn = fmt.Sprintf("removing the half-made intermediate (issuer %q, key %q) from mount %q failed: %s; delete them by hand "+
			"(vault delete %s/issuer/<id>, %s/key/<id>) before applying again", issuerID, keyID, mount, vaultErrText(err), mount, mount)
	}
	if warn != "" {
		diags.AddWarning(r.typeName+": left in Vault", warn)
	}
}

// refresh reads the issuer back; after create or import it also finds the
// chain (and, after import, the signer). It returns false when the mount is gone.
func (r *pkiIntermediateCAResource) refresh(ctx context.Context, c *Client, m *pkiIntermediateCAModel, diags *diag.Diagnostics) bool {
	ok := refreshCA(ctx, c, r.typeName, &m.caModel, diags)
	if !ok || m.Certificate.IsNull() || diags.HasError() {
		return ok
	}
	if m.SignerMount.IsNull() {
		mount, ref, err := findSigner(ctx, c, m.Mount.ValueString(), m.Certificate.ValueString())
		if err == nil && mount != "" {
			m.SignerMount, m.SignerIssuerRef = types.StringValue(mount), types.StringValue(ref)
		}
	}
	if m.SetDefault.IsNull() || m.SetDefault.ValueBool() {
		// drift: another issuer made default outside Tofu shows as set_default = false
		d, err := c.Logical().ReadWithContext(ctx, m.Mount.ValueString()+"/config/issuers")
		if err == nil && d != nil && d.Data != nil {
			m.SetDefault = types.BoolValue(str(d.Data["default"]) == m.IssuerID.ValueString())
		}
	}
	if m.CAChain.IsNull() || m.CAChain.IsUnknown() {
		chain := []string{m.Certificate.ValueString()}
		var chainErr error
		if !m.SignerMount.IsNull() {
			is, err := readIssuer(ctx, c, m.SignerMount.ValueString(), refOrDefault(m.SignerIssuerRef))
			chainErr = err
			if err == nil && is != nil {
				for _, p := range is.caChain {
					if p = strings.TrimSpace(p); p != "" && p != chain[0] {
						chain = append(chain, p)
					}
				}
			}
		}
		if chainErr != nil {
			// Not a reason to fail (or taint) the CA: ca_chain stays null and
			// the next refresh reads it again, rather than keeping a chain
			// that lacks the signer's certificates.
			diags.AddWarning(r.typeName+": ca_chain not read",
				fmt.Sprintf("reading the signer %s/issuer/%s failed, ca_chain is filled in by the next refresh: %s",
					m.SignerMount.ValueString(), refOrDefault(m.SignerIssuerRef), vaultErrText(chainErr)))
			m.CAChain = types.ListNull(types.StringType)
		} else {
			m.CAChain = listValue(chain, false)
		}
	}
	return true
}

func setDefaultIssuer(ctx context.Context, c *Client, mount, issuerID string) error {
	_, err := c.Logical().WriteWithContext(ctx, mount+"/config/issuers", map[string]any{"default": issuerID})
	return err
}

// findSigner looks through the PKI mounts for the issuer whose key signed cert.
func findSigner(ctx context.Context, c *Client, ownMount, certPEM string) (string, string, error) {
	cert, err := parseCertPEM(certPEM)
	if err != nil {
		return "", "", err
	}
	mounts, err := c.Sys().ListMountsWithContext(ctx)
	if err != nil {
		return "", "", err
	}
	for p, mi := range mounts {
		p = strings.TrimSuffix(p, "/")
		if mi.Type != "pki" || p == ownMount {
			continue
		}
		s, err := c.Logical().ListWithContext(ctx, p+"/issuers")
		if err != nil || s == nil {
			continue
		}
		for _, id := range strList(s.Data["keys"]) {
			is, err := readIssuer(ctx, c, p, id)
			if err != nil || is == nil {
				continue
			}
			if cert.CheckSignatureFrom(is.cert) == nil {
				return p, is.id, nil
			}
		}
	}
	return "", "", nil
}

func (r *pkiIntermediateCAResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state pkiIntermediateCAModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	if !r.refresh(ctx, c, &state, &resp.Diagnostics) {
		resp.State.RemoveResource(ctx)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *pkiIntermediateCAResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state pkiIntermediateCAModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	if !plan.IssuerName.Equal(state.IssuerName) {
		if err := patchIssuerName(ctx, c, plan.Mount.ValueString(), state.IssuerID.ValueString(), plan.IssuerName); err != nil {
			r.fail(&resp.Diagnostics, path.Root("issuer_name"), "renaming the intermediate issuer failed", err)
			return
		}
	}
	if plan.SetDefault.ValueBool() && !state.SetDefault.ValueBool() {
		if err := setDefaultIssuer(ctx, c, plan.Mount.ValueString(), state.IssuerID.ValueString()); err != nil {
			r.fail(&resp.Diagnostics, path.Root("set_default"), "making the intermediate the default issuer failed", err)
			return
		}
	}
	plan.CAChain = state.CAChain
	if !r.refresh(ctx, c, &plan, &resp.Diagnostics) || plan.Certificate.IsNull() {
		resp.Diagnostics.AddError(r.typeName+": intermediate CA vanished", "the issuer cannot be read back after the update")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *pkiIntermediateCAResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state pkiIntermediateCAModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.deleteCA(ctx, state.Mount, state.IssuerID, state.KeyID, &resp.Diagnostics)
}

func (r *pkiIntermediateCAResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importCA(ctx, req, resp, r.typeName)
}

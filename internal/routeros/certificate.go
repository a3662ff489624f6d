package routeros

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/homelab-iac/terraform-provider-homelab/internal/pemcheck"
	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// The key material this resource sends is kept out of logs like a spec's
// Sensitive fields (the client redacts by menu and field name).
func init() {
	menu.RegisterSensitive("/file", "contents")
	menu.RegisterSensitive("/certificate", "passphrase")
}

const (
	certMenu    = "/certificate"
	fileMenu    = "/file"
	serviceMenu = "/ip/service"
	newSuffix   = ".homelab-new"
)

// NewCertificate is homelab_routeros_certificate.
func NewCertificate() resource.Resource { return &certificateResource{} }

type certificateResource struct{ data *providerdata.Data }

var (
	_ resource.ResourceWithConfigure      = (*certificateResource)(nil)
	_ resource.ResourceWithImportState    = (*certificateResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*certificateResource)(nil)
	_ resource.ResourceWithValidateConfig = (*certificateResource)(nil)
)

func (r *certificateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_routeros_certificate"
}

func (r *certificateResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = certificateSchema()
}

func (r *certificateResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig refuses what the router would refuse or what cannot work:
// a PEM that is no certificate, an expired certificate, a key that is not the
// certificate's.
func (r *certificateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg certificateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	encrypted := pemcheck.Install(cfg.CertificatePEM, cfg.ChainPEM, cfg.PrivateKeyPEM,
		"the router would install the certificate without a key and a TLS service could not use it.", &resp.Diagnostics)
	if encrypted && cfg.Passphrase.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("passphrase"), "Missing passphrase", "private_key_pem is encrypted: set passphrase.")
	}
}

func known(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// ModifyPlan fills the computed attributes from the configured PEM (so the
// plan shows the new fingerprint) and warns when a server certificate's SANs
// do not cover the host the provider dials.
func (r *certificateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, cfg certificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *certificateModel
	if !req.State.Raw.IsNull() {
		state = &certificateModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	switch {
	case cfg.PrivateKeyPEM.IsUnknown():
		plan.PrivateKey = types.BoolUnknown()
	default:
		plan.PrivateKey = types.BoolValue(!cfg.PrivateKeyPEM.IsNull())
	}
	if !known(cfg.CertificatePEM.StringValue) {
		setCertUnknown(&plan)
	} else if certs, err := parseCertificates(cfg.CertificatePEM.ValueString()); err == nil && len(certs) == 1 {
		setCertComputed(&plan, certs[0])
		if !plan.PrivateKey.IsNull() && plan.PrivateKey.ValueBool() {
			pemcheck.CoversHost(path.Root("certificate_pem"), certs[0], r.routerHost(), "router", "routeros url", &resp.Diagnostics)
		}
	}
	if plan.Trusted.IsUnknown() && state != nil && (state.CertificatePEM.Equal(plan.CertificatePEM) || sameCert(state.CertificatePEM, plan.CertificatePEM)) {
		plan.Trusted = state.Trusted
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func sameCert(a, b pemValue) bool {
	eq, _ := a.StringSemanticEquals(context.Background(), b)
	return eq
}

func (r *certificateResource) routerHost() string {
	if r.data == nil || r.data.RouterOS == nil {
		return ""
	}
	u, err := url.Parse(r.data.RouterOS.URL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

func setCertUnknown(m *certificateModel) {
	m.Fingerprint, m.CommonName, m.Issuer = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	m.InvalidBefore, m.InvalidAfter = types.StringUnknown(), types.StringUnknown()
	m.SubjectAltNames = types.ListUnknown(types.StringType)
}

func setCertComputed(m *certificateModel, c *x509.Certificate) {
	m.Fingerprint = types.StringValue(fingerprint(c))
	m.CommonName = types.StringValue(c.Subject.CommonName)
	m.Issuer = types.StringValue(c.Issuer.String())
	m.InvalidBefore = types.StringValue(c.NotBefore.UTC().Format(time.RFC3339))
	m.InvalidAfter = types.StringValue(c.NotAfter.UTC().Format(time.RFC3339))
	sans, _ := types.ListValueFrom(context.Background(), types.StringType, subjectAltNames(c))
	m.SubjectAltNames = sans
}

// secrets are the write-only values of the configuration.
type secrets struct{ key, passphrase string }

func secretsOf(ctx context.Context, cfg interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, diags *diag.Diagnostics) secrets {
	var key, pass types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("private_key_pem"), &key)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("passphrase"), &pass)...)
	return secrets{key: key.ValueString(), passphrase: pass.ValueString()}
}

func (r *certificateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan certificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	sec := secretsOf(ctx, req.Config, &resp.Diagnostics)
	c := menu.Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	if err := r.install(ctx, c, name, plan.CertificatePEM.ValueString(), sec); err != nil {
		resp.Diagnostics.AddError("Installing the certificate", name+": "+err.Error())
		return
	}
	plan.ID = types.StringValue(name)
	// From here on the certificate is on the router: keep it in state even
	// if the rest fails, so nothing is orphaned.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if err := r.syncChain(ctx, c, name, plan.ChainPEM.ValueString()); err != nil {
		resp.Diagnostics.AddError("Installing the certificate chain", name+": "+err.Error())
		return
	}
	r.finish(ctx, c, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// finish sets trusted when configured and reads the row back.
func (r *certificateResource) finish(ctx context.Context, c *client.Client, plan *certificateModel, diags *diag.Diagnostics) {
	name := plan.Name.ValueString()
	row, err := certRow(ctx, c, name)
	if err != nil || row == nil {
		diags.AddError("Reading the certificate", fmt.Sprintf("%s: %v", name, orGone(err)))
		return
	}
	if !plan.Trusted.IsUnknown() && !plan.Trusted.IsNull() && boolOf(row["trusted"]) != plan.Trusted.ValueBool() {
		if err := c.Set(ctx, certMenu, row[".id"], []string{"=trusted=" + yesNo(plan.Trusted.ValueBool())}); err != nil {
			diags.AddError("Setting trusted", name+": "+err.Error())
			return
		}
		if row, err = certRow(ctx, c, name); err != nil || row == nil {
			diags.AddError("Reading the certificate", fmt.Sprintf("%s: %v", name, orGone(err)))
			return
		}
	}
	plan.Trusted = types.BoolValue(boolOf(row["trusted"]))
	if plan.PrivateKey.ValueBool() && !boolOf(row["private-key"]) {
		diags.AddError("The router has no private key for the certificate",
			name+": the key was imported but the router did not attach it to the certificate (a key of another certificate?).")
	}
	plan.PrivateKey = types.BoolValue(boolOf(row["private-key"]))
}

func orGone(err error) error {
	if err == nil {
		return fmt.Errorf("not on the router after the import")
	}
	return err
}

func boolOf(s string) bool { return s == "true" || s == "yes" }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// certRow is the /certificate row with this name (nil when there is none),
// printed now (not cached: imports are not add/set, so the client's table
// cache does not know about them).
func certRow(ctx context.Context, c *client.Client, name string) (client.Row, error) {
	rows, err := c.Find(ctx, certMenu, map[string]string{"name": name})
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

// tempName is a file name no other run uses.
func tempName(kind string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "homelab-" + kind + "-" + hex.EncodeToString(b) + ".pem"
}

// importPEM uploads text as a temporary file and imports it, naming the
// first certificate name; the file is removed whatever happens. It returns
// the router's counters.
func importPEM(ctx context.Context, c *client.Client, text, name, passphrase string) (map[string]int, error) {
	file := tempName("cert")
	if _, err := c.Add(ctx, fileMenu, []string{"=name=" + file, "=contents=" + text}); err != nil {
		return nil, fmt.Errorf("uploading the PEM as a file: %w", err)
	}
	defer func() {
		// On a context of its own, so a cancelled apply still cleans up.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		removeFile(cctx, c, file)
	}()
	words := []string{certMenu + "/import", "=file-name=" + file, "=passphrase=" + passphrase}
	if name != "" {
		words = append(words, "=name="+name)
	}
	re, done, err := c.Run(ctx, words...)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, row := range append(re, done) {
		for k, v := range row {
			if n, err := strconv.Atoi(v); err == nil && strings.Contains(k, "-") {
				counts[k] += n
			}
		}
	}
	return counts, nil
}

// install imports certificate (and key) as name. A certificate the router
// already holds (under another name) is refused with the name to import.
func (r *certificateResource) install(ctx context.Context, c *client.Client, name, certPEM string, sec secrets) error {
	text := strings.TrimSpace(certPEM) + "\n"
	if sec.key != "" {
		text += strings.TrimSpace(sec.key) + "\n"
	}
	counts, err := importPEM(ctx, c, text, name, sec.passphrase)
	if err != nil {
		return err
	}
	if counts["certificates-imported"] == 0 {
		certs, _ := parseCertificates(certPEM)
		if len(certs) == 1 {
			if other := findByFingerprint(ctx, c, fingerprint(certs[0])); other != "" {
				return fmt.Errorf("the router already holds this certificate as %q: import it (import { to = ... id = %q }) "+
					"or remove it first", other, other)
			}
		}
		return fmt.Errorf("the router imported no certificate (decryption failures: %d)", counts["decryption-failures"])
	}
	if sec.key != "" && counts["private-keys-imported"] == 0 {
		return fmt.Errorf("the router did not accept the private key (decryption failures: %d, keys without a certificate: %d): "+
			"check passphrase", counts["decryption-failures"], counts["keys-with-no-certificate"])
	}
	return nil
}

func findByFingerprint(ctx context.Context, c *client.Client, fp string) string {
	rows, err := c.Find(ctx, certMenu, map[string]string{"fingerprint": fp})
	if err != nil || len(rows) == 0 {
		return ""
	}
	return rows[0]["name"]
}

// chainName is the name of the n-th (from 1) certificate of name's chain.
func chainName(name string, n int) string { return name + "-chain-" + strconv.Itoa(n) }

// syncChain makes name's chain certificates those of chainPEM: each one the
// router does not hold yet is imported as <name>-chain-<n>; chain rows no
// longer wanted are removed.
func (r *certificateResource) syncChain(ctx context.Context, c *client.Client, name, chainPEM string) error {
	var chain []*x509.Certificate
	if strings.TrimSpace(chainPEM) != "" {
		var err error
		if chain, err = parseCertificates(chainPEM); err != nil {
			return err
		}
	}
	rows, _, err := c.RunRetry(ctx, certMenu+"/print")
	if err != nil {
		return err
	}
	held := map[string]string{} // fingerprint -> name
	for _, row := range rows {
		held[row["fingerprint"]] = row["name"]
	}
	want := map[string]bool{}
	for i, cert := range chain {
		n := chainName(name, i+1)
		want[n] = true
		if have, ok := held[fingerprint(cert)]; ok {
			if have == n || !strings.HasPrefix(have, name+"-chain-") {
				want[have] = true
				continue
			}
		}
		if existing, err := certRow(ctx, c, n); err != nil {
			return err
		} else if existing != nil {
			if err := c.Remove(ctx, certMenu, existing[".id"]); err != nil {
				return err
			}
		}
		if _, err := importPEM(ctx, c, canonicalPEM(cert), n, ""); err != nil {
			return err
		}
	}
	for _, row := range rows {
		if n := row["name"]; strings.HasPrefix(n, name+"-chain-") && !want[n] {
			if err := c.Remove(ctx, certMenu, row[".id"]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *certificateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state certificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := menu.Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	if name == "" {
		name = state.ID.ValueString()
	}
	rows, err := c.Table(ctx, certMenu)
	if err != nil {
		resp.Diagnostics.AddError("Reading the certificate", name+": "+err.Error())
		return
	}
	byName := map[string]client.Row{}
	byFP := map[string]client.Row{}
	for _, row := range rows {
		byName[row["name"]] = row
		byFP[row["fingerprint"]] = row
	}
	row := byName[name]
	if row == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID, state.Name = types.StringValue(name), types.StringValue(name)
	cur, err := parseCertificates(state.CertificatePEM.ValueString())
	if err != nil || len(cur) != 1 || fingerprint(cur[0]) != row["fingerprint"] {
		text, err := exportPEM(ctx, c, row[".id"])
		if err != nil {
			resp.Diagnostics.AddError("Reading the certificate", name+": "+err.Error())
			return
		}
		if cur, err = parseCertificates(text); err != nil || len(cur) != 1 {
			resp.Diagnostics.AddError("Reading the certificate", fmt.Sprintf("%s: the router's export is not one certificate: %v", name, err))
			return
		}
		state.CertificatePEM = pemOf(canonicalPEM(cur[0]))
	}
	setCertComputed(&state, cur[0])
	state.Fingerprint = types.StringValue(row["fingerprint"])
	state.Trusted = types.BoolValue(boolOf(row["trusted"]))
	state.PrivateKey = types.BoolValue(boolOf(row["private-key"]))
	state.PrivateKeyPEM, state.Passphrase = types.StringNull(), types.StringNull()

	// The chain: what the state says while the router holds all of it,
	// else what the router holds as <name>-chain-<n>.
	keep := !state.ChainPEM.IsNull()
	if keep {
		chain, err := parseCertificates(state.ChainPEM.ValueString())
		keep = err == nil
		for _, cc := range chain {
			if byFP[fingerprint(cc)] == nil {
				keep = false
			}
		}
	}
	if !keep {
		var chain []*x509.Certificate
		for n := 1; byName[chainName(name, n)] != nil; n++ {
			text, err := exportPEM(ctx, c, byName[chainName(name, n)][".id"])
			if err != nil {
				resp.Diagnostics.AddError("Reading the certificate chain", name+": "+err.Error())
				return
			}
			cc, err := parseCertificates(text)
			if err != nil {
				resp.Diagnostics.AddError("Reading the certificate chain", name+": "+err.Error())
				return
			}
			chain = append(chain, cc...)
		}
		state.ChainPEM = pemNull()
		if len(chain) > 0 {
			state.ChainPEM = pemOf(canonicalPEM(chain...))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// exportPEM reads an installed certificate: export-certificate writes it to
// a file, which is read and removed.
func exportPEM(ctx context.Context, c *client.Client, id string) (string, error) {
	base := strings.TrimSuffix(tempName("export"), ".pem")
	if _, _, err := c.RunRetry(ctx, certMenu+"/export-certificate", "=numbers="+id, "=type=pem", "=file-name="+base); err != nil {
		return "", err
	}
	file := base + ".crt"
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		removeFile(cctx, c, file)
	}()
	rows, err := c.Find(ctx, fileMenu, map[string]string{"name": file})
	if err != nil {
		return "", err
	}
	if len(rows) == 0 {
		return "", fmt.Errorf("export-certificate wrote no file %s", file)
	}
	return rows[0]["contents"], nil
}

func (r *certificateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state certificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	sec := secretsOf(ctx, req.Config, &resp.Diagnostics)
	c := menu.Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	old, err := certRow(ctx, c, name)
	if err != nil {
		resp.Diagnostics.AddError("Reading the certificate", name+": "+err.Error())
		return
	}
	switch {
	case old == nil:
		err = r.install(ctx, c, name, plan.CertificatePEM.ValueString(), sec)
	case old["fingerprint"] != plan.Fingerprint.ValueString() || boolOf(old["private-key"]) && !plan.PrivateKey.ValueBool():
		err = r.replace(ctx, c, name, old[".id"], plan.CertificatePEM.ValueString(), sec)
	case plan.PrivateKey.ValueBool() && !boolOf(old["private-key"]):
		// The same certificate, now with its key: the key attaches to it.
		var counts map[string]int
		if counts, err = importPEM(ctx, c, sec.key, "", sec.passphrase); err == nil && counts["private-keys-imported"] == 0 {
			err = fmt.Errorf("the router did not accept the private key (decryption failures: %d)", counts["decryption-failures"])
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Installing the certificate", name+": "+err.Error())
		return
	}
	if err := r.syncChain(ctx, c, name, plan.ChainPEM.ValueString()); err != nil {
		resp.Diagnostics.AddError("Installing the certificate chain", name+": "+err.Error())
		return
	}
	plan.ID = types.StringValue(name)
	r.finish(ctx, c, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// replace installs a new certificate in place of the row oldID named name:
// import as <name>.homelab-new, bind the services of the old one to it,
// remove the old one, rename the new one to name (and bind those services
// to name again, should a binding not have followed the rename). The
// emulator refuses a second certificate under a name in use; whether
// RouterOS does is unconfirmed, and removing the old one first would leave
// api-ssl without a certificate in between.
func (r *certificateResource) replace(ctx context.Context, c *client.Client, name, oldID, certPEM string, sec secrets) error {
	tmp := name + newSuffix
	if stale, err := certRow(ctx, c, tmp); err != nil {
		return err
	} else if stale != nil { // left by an interrupted replace
		if err := c.Remove(ctx, certMenu, stale[".id"]); err != nil {
			return err
		}
	}
	bound, err := boundTo(ctx, c, name)
	if err != nil {
		return err
	}
	// The same certificate without its key: it cannot be installed twice,
	// so the old row goes first.
	certs, _ := parseCertificates(certPEM)
	old, _ := c.Get(ctx, certMenu, oldID)
	if old != nil && len(certs) == 1 && old["fingerprint"] == fingerprint(certs[0]) {
		if err := c.Remove(ctx, certMenu, oldID); err != nil {
			return err
		}
		if err := r.install(ctx, c, name, certPEM, sec); err != nil {
			return err
		}
		return bind(ctx, c, bound, name)
	}
	if err := r.install(ctx, c, tmp, certPEM, sec); err != nil {
		return err
	}
	if err := bind(ctx, c, bound, tmp); err != nil {
		return err
	}
	if err := c.Remove(ctx, certMenu, oldID); err != nil {
		return err
	}
	row, err := certRow(ctx, c, tmp)
	if err != nil || row == nil {
		return fmt.Errorf("reading %s back: %v", tmp, orGone(err))
	}
	if err := c.Set(ctx, certMenu, row[".id"], []string{"=name=" + name}); err != nil {
		return err
	}
	return bind(ctx, c, bound, name)
}

// boundTo lists the .id of every service bound to the certificate name.
func boundTo(ctx context.Context, c *client.Client, name string) ([]string, error) {
	rows, err := c.Find(ctx, serviceMenu, map[string]string{"certificate": name})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range rows {
		ids = append(ids, s[".id"])
	}
	return ids, nil
}

// bind binds the services ids to the certificate name (those already bound
// to it are left alone).
func bind(ctx context.Context, c *client.Client, ids []string, name string) error {
	for _, id := range ids {
		s, err := c.Get(ctx, serviceMenu, id)
		if err != nil {
			return err
		}
		if s == nil || s["certificate"] == name {
			continue
		}
		if err := c.Set(ctx, serviceMenu, id, []string{"=certificate=" + name}); err != nil {
			return err
		}
	}
	return nil
}

// removeFile removes a temporary file (one already gone is fine).
func removeFile(ctx context.Context, c *client.Client, name string) {
	if _, _, err := c.RunRetry(ctx, fileMenu+"/remove", "=numbers="+name); err != nil && !client.IsNotFound(err) {
		tflog.Warn(ctx, "could not remove a temporary file on the router", map[string]any{"file": name, "error": err.Error()})
	}
}

func (r *certificateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state certificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := menu.Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	if err := r.syncChain(ctx, c, name, ""); err != nil {
		resp.Diagnostics.AddError("Removing the certificate chain", name+": "+err.Error())
		return
	}
	row, err := certRow(ctx, c, name)
	if err == nil && row != nil {
		err = c.Remove(ctx, certMenu, row[".id"])
	}
	if err != nil {
		resp.Diagnostics.AddError("Removing the certificate", name+": "+err.Error())
	}
}

// ImportState takes the certificate's name or its .id (*1A).
func (r *certificateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if strings.HasPrefix(id, "*") {
		c := menu.Client(r.data, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		row, err := c.Get(ctx, certMenu, id)
		if err != nil || row == nil {
			resp.Diagnostics.AddError("Importing the certificate", fmt.Sprintf("no /certificate row %s: %v", id, err))
			return
		}
		id = row["name"]
	}
	if id == "" {
		resp.Diagnostics.AddError("Invalid import ID", "homelab_routeros_certificate: import by name (router-api) or .id (*1A).")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), id)...)
}

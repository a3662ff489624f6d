package proxmox

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/pemcheck"
)

// nodeCertificateModel is homelab_proxmox_node_certificate's state.
// PrivateKeyPEM is write-only: always null here, read from the
// configuration when an upload needs it.
type nodeCertificateModel struct {
	ID                      types.String   `tfsdk:"id"`
	Node                    types.String   `tfsdk:"node"`
	CertificatePEM          pemcheck.Value `tfsdk:"certificate_pem"`
	ChainPEM                pemcheck.Value `tfsdk:"chain_pem"`
	PrivateKeyPEM           types.String   `tfsdk:"private_key_pem"`
	Force                   types.Bool     `tfsdk:"force"`
	Restart                 types.Bool     `tfsdk:"restart"`
	Fingerprint             types.String   `tfsdk:"fingerprint"`
	Subject                 types.String   `tfsdk:"subject"`
	Issuer                  types.String   `tfsdk:"issuer"`
	NotAfter                types.String   `tfsdk:"not_after"`
	SubjectAlternativeNames types.List     `tfsdk:"subject_alternative_names"`
}

// customCertFile is the file name certificates/info reports for the custom
// certificate (CertHelpers.pm cert_path_prefix).
const customCertFile = "pveproxy-ssl.pem"

// toAPI is the POST /nodes/{node}/certificates/custom body: the
// certificate followed by its chain, the key, and always force on an update.
func (m *nodeCertificateModel) toAPI(key string, update bool) map[string]any {
	certs := strings.TrimSpace(m.CertificatePEM.ValueString()) + "\n"
	if chain := strings.TrimSpace(m.ChainPEM.ValueString()); chain != "" {
		certs += chain + "\n"
	}
	return map[string]any{
		"certificates": certs,
		"key":          strings.TrimSpace(key) + "\n",
		"force":        boolParam(update || m.Force.ValueBool()),
		"restart":      boolParam(m.Restart.ValueBool()),
	}
}

func boolParam(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// fromAPI fills the computed attributes from an entry of certificates/info
// (or the upload's answer). The certificate is taken from PVE only when it
// is not the one m holds, so its spelling in the configuration stays.
func (m *nodeCertificateModel) fromAPI(ctx context.Context, e map[string]any) {
	if p := str(e["pem"]); p != "" && !pemcheck.Same(p, m.CertificatePEM.ValueString()) {
		m.CertificatePEM = pemcheck.Of(p)
		// A certificate put there by someone else: its chain is unknown.
		m.ChainPEM = pemcheck.Null()
	}
	fp := str(e["fingerprint"])
	if !strings.EqualFold(fp, m.Fingerprint.ValueString()) {
		m.Fingerprint = types.StringValue(fp)
	}
	m.Subject = types.StringValue(str(e["subject"]))
	m.Issuer = types.StringValue(str(e["issuer"]))
	m.NotAfter = types.StringNull()
	if na, ok := toInt(e["notafter"]); ok {
		m.NotAfter = types.StringValue(time.Unix(int64(na), 0).UTC().Format(time.RFC3339))
	}
	sans := []string{}
	if list, ok := e["san"].([]any); ok {
		for _, v := range list {
			sans = append(sans, str(v))
		}
	}
	m.SubjectAlternativeNames, _ = types.ListValueFrom(ctx, types.StringType, sans)
}

// pveFingerprint is the fingerprint as certificates/info prints it:
// SHA-256, upper-case hex pairs joined by colons.
func pveFingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// planFromCert sets what the plan can know from the configured
// certificate; what PVE formats (subject, issuer, SANs) is unknown until
// the upload answers.
func (m *nodeCertificateModel) planFromCert(c *x509.Certificate) {
	m.Fingerprint = types.StringValue(pveFingerprint(c))
	m.NotAfter = types.StringValue(c.NotAfter.UTC().Format(time.RFC3339))
	m.Subject, m.Issuer = types.StringUnknown(), types.StringUnknown()
	m.SubjectAlternativeNames = types.ListUnknown(types.StringType)
}

func (m *nodeCertificateModel) setComputedUnknown() {
	m.Fingerprint, m.NotAfter = types.StringUnknown(), types.StringUnknown()
	m.Subject, m.Issuer = types.StringUnknown(), types.StringUnknown()
	m.SubjectAlternativeNames = types.ListUnknown(types.StringType)
}

// customEntry picks the custom certificate out of certificates/info; nil
// when the node has none.
func customEntry(list []map[string]any) map[string]any {
	for _, e := range list {
		if str(e["filename"]) == customCertFile {
			return e
		}
	}
	return nil
}

package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// certificateModel is homelab_routeros_certificate's state. PrivateKeyPEM
// and Passphrase are write-only: always null here, read from the
// configuration when a write needs them.
type certificateModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	CertificatePEM  pemValue     `tfsdk:"certificate_pem"`
	PrivateKeyPEM   types.String `tfsdk:"private_key_pem"`
	Passphrase      types.String `tfsdk:"passphrase"`
	ChainPEM        pemValue     `tfsdk:"chain_pem"`
	Trusted         types.Bool   `tfsdk:"trusted"`
	PrivateKey      types.Bool   `tfsdk:"private_key"`
	Fingerprint     types.String `tfsdk:"fingerprint"`
	CommonName      types.String `tfsdk:"common_name"`
	SubjectAltNames types.List   `tfsdk:"subject_alt_names"`
	Issuer          types.String `tfsdk:"issuer"`
	InvalidBefore   types.String `tfsdk:"invalid_before"`
	InvalidAfter    types.String `tfsdk:"invalid_after"`
}

func certificateSchema() schema.Schema {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		Version: 0,
		MarkdownDescription: "A certificate installed in the router's `/certificate` store: a server certificate with its " +
			"private key (for `api-ssl`/`www-ssl`, bound with `homelab_routeros_ip_service`'s `certificate`), or, without " +
			"`private_key_pem`, a CA certificate the router trusts to verify others.\n\n" +
			"The PEMs are uploaded as temporary files (`/file add name=... contents=...`, RouterOS 7.9 or later) and imported " +
			"with `/certificate import file-name=... passphrase=... name=...`; the files are removed afterwards, also when the " +
			"import fails. The private key and passphrase are write-only: sent to the router, never read back, never in state " +
			"or logs.\n\n" +
			"A changed `certificate_pem` is installed in place under the same name, so a service bound to it keeps working: " +
			"the new certificate is imported under a temporary name (`<name>.homelab-new`), every `/ip/service` bound to the " +
			"old one is bound to the new one, the old one is removed and the new one renamed to `name`. Each certificate of " +
			"`chain_pem` is imported as `<name>-chain-<n>` (n from 1) unless the router already holds it. Destroy removes the " +
			"certificate and its chain; a service still bound to it falls back to none.\n\n" +
			"Plan-time checks: `certificate_pem` and `chain_pem` must be PEM certificates, the certificate must not have " +
			"expired, the key must match the certificate (when both are known and the key is not encrypted), and a " +
			"certificate with a key whose SANs do not cover the host of the provider's `routeros.url` gets a warning.\n\n" +
			"Import by name (`router-api`) or by `.id` (`*1A`); the certificate and its chain are read back with " +
			"`/certificate export-certificate`, the key never is (configure it again).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The certificate's name",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "Name in `/certificate` (what `/ip/service` `certificate` refers to)",
				Validators:    []validator.String{checkName},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"certificate_pem": schema.StringAttribute{Required: true, CustomType: pemType{},
				MarkdownDescription: "The certificate, PEM (one `CERTIFICATE` block). A change installs the new one in place under the same name."},
			"private_key_pem": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Its private key, PEM (PKCS#8, PKCS#1 or SEC 1; encrypted with `passphrase` if set). " +
					"Write-only: sent when the certificate is installed, never stored. Leave out for a CA certificate the router only trusts."},
			"passphrase": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Passphrase of an encrypted `private_key_pem`. Write-only."},
			"chain_pem": schema.StringAttribute{Optional: true, CustomType: pemType{},
				MarkdownDescription: "Issuing CA certificates, PEM, installed next to it so the router sends them with its certificate"},
			"trusted": schema.BoolAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Whether the router trusts the certificate (RouterOS sets `yes` on import)"},
			"private_key": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the router holds the certificate's private key (true when `private_key_pem` is set)"},
			"fingerprint":       computed("SHA-256 fingerprint, lower-case hex, as RouterOS prints it"),
			"common_name":       computed("Subject common name"),
			"subject_alt_names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Subject alternative names as RouterOS prints them (`DNS:router.lan`, `IP:10.0.0.1`)"},
			"issuer":            computed("Issuer's distinguished name"),
			"invalid_before":    computed("Start of validity, RFC 3339 UTC"),
			"invalid_after":     computed("End of validity, RFC 3339 UTC"),
		},
	}
}

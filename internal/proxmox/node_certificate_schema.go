package proxmox

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/pemcheck"
)

func (r *nodeCertificateResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released.
		Version: 0,
		MarkdownDescription: "The custom certificate of a Proxmox VE node, the one its web interface and API (pveproxy, port " +
			"8006) serve instead of the self-signed `pve-ssl.pem`: `POST /nodes/{node}/certificates/custom` with the " +
			"certificate, its chain and key, read back from `GET /nodes/{node}/certificates/info` (`pveproxy-ssl.pem`).\n\n" +
			"A changed certificate (a renewal) is uploaded again in place (`force`), and pveproxy is reloaded (`restart`) so " +
			"the next connection gets it. Destroy deletes the custom certificate (`DELETE .../certificates/custom`): the node " +
			"serves its self-signed `pve-ssl.pem` again.\n\n" +
			"The private key is write-only: sent with every upload, never read back, never in state or logs.\n\n" +
			"Plan-time checks: `certificate_pem` must be one PEM certificate that has not expired, `chain_pem` PEM " +
			"certificates, and `private_key_pem` the certificate's key; when `node` is the node the provider's `endpoint` " +
			"reaches (`local` in `/cluster/status`), a certificate whose SANs do not cover the endpoint's host gets a warning.\n\n" +
			"Import by node name (`pve-s1`). PVE reports only the first certificate of the file, so an imported " +
			"`chain_pem` stays empty until the next upload.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The node name.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"node": schema.StringAttribute{Required: true, MarkdownDescription: "The node, e.g. `pve-s1`.",
				Validators:    []validator.String{vNode()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"certificate_pem": schema.StringAttribute{Required: true, CustomType: pemcheck.Type{},
				MarkdownDescription: "The node's certificate, PEM (one `CERTIFICATE` block). A change uploads the new one in place."},
			"chain_pem": schema.StringAttribute{Optional: true, CustomType: pemcheck.Type{},
				MarkdownDescription: "Issuing CA certificates, PEM, uploaded after the certificate so pveproxy sends them too " +
					"(clients that trust only the root CA need the intermediate)."},
			"private_key_pem": schema.StringAttribute{Required: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "The certificate's private key, PEM (unencrypted PKCS#8, PKCS#1 or SEC 1). Write-only: sent " +
					"with each upload, never stored."},
			"force": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether the create may overwrite a custom (or ACME) certificate the node already has. " +
					"Without it the create is refused and names the import to use. Updates always overwrite."},
			"restart": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Reload pveproxy after an upload or delete, so it serves the change at once (PVE's own " +
					"default is not to; without it the node keeps serving the old certificate until pveproxy restarts)."},
			"fingerprint": computed("SHA-256 fingerprint as PVE prints it (`AB:CD:...`)."),
			"subject":     computed("Subject as PVE prints it (`/CN=pve-s1.rachuna-net.pl`)."),
			"issuer":      computed("Issuer as PVE prints it."),
			"not_after":   computed("End of validity, RFC 3339 UTC."),
			"subject_alternative_names": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "DNS names and IP addresses of the certificate, as PVE lists them (`san`)."},
		},
	}
}

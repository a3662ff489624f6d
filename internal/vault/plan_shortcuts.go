package vault

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/homelab-iac/terraform-provider-homelab/internal/tfmodel"
)

// The provider server's shortcuts (package provider, Server):
//
//   - ValidationIsPure: these resources' checks read the configuration alone
//     (no provider settings, no clock, no Vault), so the second validation
//     of a configuration in a plan is answered with the first's result.
//   - UnchangedPlanIsPrior, certificates only: their plan modifiers act only
//     on a change, and their ModifyPlan changes an unchanged plan only when
//     the renewal is due, which PriorPlanHolds tells the server. The plans
//     of mounts, roles and CAs, a few per lab, were not checked against the
//     shortcut's conditions and keep the framework's path.

func (r *pkiCertificateResource) ValidationIsPure() bool { return true }
func (r *pkiMountResource) ValidationIsPure() bool       { return true }
func (r *pkiRoleResource) ValidationIsPure() bool        { return true }

func (r *pkiCertificateResource) UnchangedPlanIsPrior() bool { return true }

func (r *pkiCertificateResource) PriorPlanHolds(ctx context.Context, prior tftypes.Value) bool {
	var m pkiCertificateModel
	if err := tfmodel.Get(ctx, prior, certificateType, &m); err != nil {
		return false
	}
	return !renewalDue(m.Certificate, m.Expiration, m.MinSecondsRemaining)
}

// certificateType is the certificate's state type, for PriorPlanHolds.
var certificateType = func() attr.Type {
	var resp resource.SchemaResponse
	(&pkiCertificateResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp.Schema.Type()
}()

package vault

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/tfmodel"
)

// TestCertificateStateLikeFramework: the certificate's Read, ModifyPlan and
// ValidateConfig convert values with tfmodel; for a full and a sparse
// certificate it gives what the framework's State.Set and State.Get give.
func TestCertificateStateLikeFramework(t *testing.T) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&pkiCertificateResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	list := func(s ...string) types.List {
		l, _ := types.ListValueFrom(ctx, types.StringType, s)
		return l
	}
	full := pkiCertificateModel{
		ID: types.StringValue("pki/cert/01"), Mount: types.StringValue("pki"), Role: types.StringValue("server"),
		CommonName: types.StringValue("router.lab"), AltNames: list("a.lab", "b.lab"), IPSANs: list("10.0.0.1"),
		TTL: types.StringValue("720h"), IssuerRef: types.StringValue("default"), MinSecondsRemaining: types.Int64Value(3600),
		Revoke: types.BoolValue(true), Certificate: types.StringValue("PEM"), IssuingCA: types.StringValue("CA"),
		CAChain: list("CA"), PrivateKey: types.StringValue("KEY"), PrivateKeyType: types.StringValue("rsa"),
		SerialNumber: types.StringValue("01"), Expiration: types.StringValue("2027-01-01T00:00:00Z"),
	}
	sparse := full
	sparse.AltNames, sparse.IPSANs, sparse.CAChain = types.ListNull(types.StringType), list(), types.ListUnknown(types.StringType)
	sparse.Certificate, sparse.TTL = types.StringNull(), types.StringUnknown()
	for name, m := range map[string]pkiCertificateModel{"full": full, "sparse": sparse} {
		st := tfsdk.State{Schema: sr.Schema}
		if d := st.Set(ctx, &m); d.HasError() {
			t.Fatalf("%s: State.Set: %v", name, d)
		}
		raw, err := tfmodel.Value(ctx, sr.Schema.Type(), &m)
		if err != nil || !raw.Equal(st.Raw) {
			t.Errorf("%s: tfmodel.Value = %v, %v; State.Set gives %v", name, raw, err, st.Raw)
		}
		var fromFramework, fromModel pkiCertificateModel
		st.Get(ctx, &fromFramework)
		if err := tfmodel.Get(ctx, st.Raw, sr.Schema.Type(), &fromModel); err != nil || !reflect.DeepEqual(fromFramework, fromModel) {
			t.Errorf("%s: tfmodel.Get gives %+v (%v), State.Get %+v", name, fromModel, err, fromFramework)
		}
	}
}

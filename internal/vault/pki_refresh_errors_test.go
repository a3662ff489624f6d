package vault

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

// fakeVault answers the few reads a CA refresh makes: the mount, and issuers
// by reference. A reply set in fail (by path) replaces the normal answer.
type fakeVault struct {
	*httptest.Server
	mu      sync.Mutex
	issuers map[string]map[string]any // "<mount>/issuer/<ref>" -> data
	fail    map[string]reply          // path without /v1/ -> reply
}

type reply struct {
	code   int
	errors []string
}

func newFakeVault(t *testing.T) *fakeVault {
	t.Helper()
	// The api client retries 5xx answers with a back-off; the tests want
	// one request per read.
	t.Setenv("VAULT_MAX_RETRIES", "0")
	f := &fakeVault{issuers: map[string]map[string]any{}, fail: map[string]reply{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeVault) serve(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/v1/")
	f.mu.Lock()
	fr, failing := f.fail[p]
	data, isIssuer := f.issuers[p]
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case failing:
		w.WriteHeader(fr.code)
		_ = json.NewEncoder(w).Encode(map[string]any{"errors": fr.errors})
	case strings.HasPrefix(p, "sys/mounts/"):
		_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"type": "pki"}})
	case isIssuer:
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
	default:
		// What Vault 1.21 answers for an unknown issuer reference.
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(map[string]any{"errors": []string{
			"1 error occurred:\n\t* unable to find PKI issuer for reference: " + p[strings.LastIndex(p, "/")+1:] + "\n\n"}})
	}
}

func (f *fakeVault) setFail(path string, code int, errs ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if code == 0 {
		delete(f.fail, path)
		return
	}
	f.fail[path] = reply{code, errs}
}

func (f *fakeVault) data() *providerdata.Data {
	return &providerdata.Data{Vault: &providerdata.VaultSettings{Address: f.URL, Token: "test"}}
}

func (f *fakeVault) client(t *testing.T) *Client {
	t.Helper()
	c, err := client(f.data())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// addIssuer registers a self-signed CA as issuer id (also readable by name).
func (f *fakeVault) addIssuer(t *testing.T, mount, id, name string) (pemText, serial string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	n, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{SerialNumber: n, Subject: pkix.Name{CommonName: name}, IsCA: true, BasicConstraintsValid: true,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pemText = strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	d := map[string]any{"issuer_id": id, "issuer_name": name, "key_id": "key-" + id, "certificate": pemText, "ca_chain": []string{pemText}}
	f.mu.Lock()
	f.issuers[mount+"/issuer/"+id] = d
	f.issuers[mount+"/issuer/"+name] = d
	f.mu.Unlock()
	return pemText, vaultSerial(n)
}

// transientFailures are answers that say nothing about the issuer's existence.
var transientFailures = []struct {
	name   string
	code   int
	errors []string
}{
	{"internal error", http.StatusInternalServerError, []string{"internal error"}},
	{"storage error about the issuer", http.StatusInternalServerError, []string{"unable to fetch pki issuer: context deadline exceeded"}},
	{"400 permission denied", http.StatusBadRequest, []string{"permission denied"}},
	{"403 permission denied", http.StatusForbidden, []string{"1 error occurred:\n\t* permission denied\n\n"}},
	// A real 400 that mentions the issuer (path_fetch_issuers.go, during the
	// issuer storage migration): not a not-found.
	{"400 during migration", http.StatusBadRequest, []string{"Can not get issuer until migration has completed"}},
	{"sealed", http.StatusServiceUnavailable, []string{"Vault is sealed"}},
}

// definiteNotFound are Vault's answers for an issuer that does not exist.
var definiteNotFound = []struct {
	name   string
	code   int
	errors []string
}{
	{"400 unable to find", http.StatusBadRequest, []string{"unable to find PKI issuer for reference: 0f4b"}},
	// What Vault 1.21 answers for a deleted issuer (checked against bin/vault).
	{"500 unable to find (Vault 1.21)", http.StatusInternalServerError, []string{"1 error occurred:\n\t* unable to find PKI issuer for reference: 0f4b\n\n"}},
	{"500 no default issuer", http.StatusInternalServerError, []string{"1 error occurred:\n\t* no default issuer currently configured\n\n"}},
	{"404 empty", http.StatusNotFound, nil},
	{"404 no route", http.StatusNotFound, []string{"no handler for route \"pki/issuer/0f4b\". route entry not found."}},
	{"issuer id does not exist", http.StatusBadRequest, []string{"pki issuer id 0f4b does not exist"}},
}

func rootState(t *testing.T, f *fakeVault) caModel {
	t.Helper()
	pemText, serial := f.addIssuer(t, "pki", "0f4b", "root")
	return caModel{
		ID: types.StringValue("pki/issuer/0f4b"), Mount: types.StringValue("pki"), CommonName: types.StringValue("root"),
		KeyType: types.StringValue("ec"), KeyBits: types.Int64Value(256), TTL: types.StringValue("24h"),
		IssuerName: types.StringValue("root"), IssuerID: types.StringValue("0f4b"), KeyID: types.StringValue("key-0f4b"),
		Certificate: types.StringValue(pemText), SerialNumber: types.StringValue(serial), Expiration: types.StringValue("x"),
		Organization: types.ListNull(types.StringType), OU: types.ListNull(types.StringType), Country: types.ListNull(types.StringType),
		Locality: types.ListNull(types.StringType), Province: types.ListNull(types.StringType),
		StreetAddress: types.ListNull(types.StringType), PostalCode: types.ListNull(types.StringType),
	}
}

// A refresh that cannot read the issuer reports an error and leaves the
// state as it was: no removal, no planned replacement.
func TestRefreshCAErrorIsNotDeletion(t *testing.T) {
	for _, tc := range transientFailures {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeVault(t)
			m := rootState(t, f)
			f.setFail("pki/issuer/0f4b", tc.code, tc.errors...)
			var diags diag.Diagnostics
			keep := refreshCA(context.Background(), f.client(t), "homelab_vault_pki_root_ca", &m, &diags)
			if !keep || !diags.HasError() {
				t.Fatalf("kept=%v diags=%v: want the resource kept and an error", keep, diags)
			}
			if m.Certificate.IsNull() || m.SerialNumber.IsNull() {
				t.Fatal("a failed read nulled the certificate: the plan would replace the CA")
			}
		})
	}
	t.Run("mount read fails", func(t *testing.T) {
		f := newFakeVault(t)
		m := rootState(t, f)
		f.setFail("sys/mounts/pki", http.StatusInternalServerError, "internal error")
		var diags diag.Diagnostics
		if keep := refreshCA(context.Background(), f.client(t), "x", &m, &diags); !keep || !diags.HasError() || m.Certificate.IsNull() {
			t.Fatalf("kept=%v diags=%v", keep, diags)
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		f := newFakeVault(t)
		m := rootState(t, f)
		c := f.client(t)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		if err := c.SetAddress("http://" + addr); err != nil {
			t.Fatal(err)
		}
		var diags diag.Diagnostics
		if keep := refreshCA(context.Background(), c, "x", &m, &diags); !keep || !diags.HasError() || m.Certificate.IsNull() {
			t.Fatalf("kept=%v diags=%v", keep, diags)
		}
	})
}

// Vault's definite not-found still plans the replacement, and a mount that
// is gone still removes the resource.
func TestRefreshCANotFoundPlansReplacement(t *testing.T) {
	for _, tc := range definiteNotFound {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeVault(t)
			m := rootState(t, f)
			f.setFail("pki/issuer/0f4b", tc.code, tc.errors...)
			var diags diag.Diagnostics
			keep := refreshCA(context.Background(), f.client(t), "x", &m, &diags)
			if !keep || diags.HasError() || !m.Certificate.IsNull() || diags.WarningsCount() != 1 {
				t.Fatalf("kept=%v cert null=%v diags=%v: want the certificate nulled and a warning", keep, m.Certificate.IsNull(), diags)
			}
		})
	}
	t.Run("mount gone", func(t *testing.T) {
		f := newFakeVault(t)
		m := rootState(t, f)
		f.setFail("sys/mounts/pki", http.StatusBadRequest, "No secret engine mount at pki/")
		var diags diag.Diagnostics
		if keep := refreshCA(context.Background(), f.client(t), "x", &m, &diags); keep || diags.HasError() {
			t.Fatalf("kept=%v diags=%v: want the resource removed", keep, diags)
		}
	})
}

// The Read of the root CA resource itself: an error, the state untouched.
func TestRootCAReadErrorKeepsState(t *testing.T) {
	f := newFakeVault(t)
	m := rootState(t, f)
	r := &pkiRootCAResource{pkiBase{data: f.data(), typeName: "homelab_vault_pki_root_ca"}}
	var sr resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &sr)
	state := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(context.Background()), nil)}
	if d := state.Set(context.Background(), &m); d.HasError() {
		t.Fatal(d)
	}
	f.setFail("pki/issuer/0f4b", http.StatusBadRequest, "Can not get issuer until migration has completed")
	resp := &resource.ReadResponse{State: state}
	r.Read(context.Background(), resource.ReadRequest{State: state}, resp)
	if !resp.Diagnostics.HasError() {
		t.Fatalf("no error: %v", resp.Diagnostics)
	}
	var got caModel
	resp.State.Get(context.Background(), &got)
	if resp.State.Raw.IsNull() || got.Certificate.IsNull() {
		t.Fatal("the root CA was removed from state or marked for replacement on a failed read")
	}
}

// intermediateState is an intermediate signed by signer "root-a" of mount
// pki, with signer_issuer_ref "root-a".
func intermediateModels(t *testing.T, f *fakeVault) (state, plan pkiIntermediateCAModel) {
	t.Helper()
	f.addIssuer(t, "pki", "aaaa", "root-a")
	state.caModel = rootState(t, f)
	state.Mount = types.StringValue("pki_int")
	state.ID = types.StringValue("pki_int/issuer/0f4b")
	state.SignerMount = types.StringValue("pki")
	state.SignerIssuerRef = types.StringValue("root-a")
	state.CAChain = types.ListNull(types.StringType)
	state.SetDefault = types.BoolValue(true)
	plan = state
	plan.SignerIssuerRef = types.StringValue("aaaa") // the same issuer, by its ID
	return state, plan
}

func modifyIntermediatePlan(t *testing.T, f *fakeVault, state, plan pkiIntermediateCAModel) *resource.ModifyPlanResponse {
	t.Helper()
	ctx := context.Background()
	r := &pkiIntermediateCAResource{pkiBase{data: f.data(), typeName: "homelab_vault_pki_intermediate_ca"}}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx)
	st := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}
	pl := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}
	if d := st.Set(ctx, &state); d.HasError() {
		t.Fatal(d)
	}
	if d := pl.Set(ctx, &plan); d.HasError() {
		t.Fatal(d)
	}
	cfg := tfsdk.Config{Schema: sr.Schema, Raw: pl.Raw}
	resp := &resource.ModifyPlanResponse{Plan: pl}
	r.ModifyPlan(ctx, resource.ModifyPlanRequest{State: st, Plan: pl, Config: cfg}, resp)
	return resp
}

// signer_issuer_ref respelled while Vault cannot be read: an error, and no
// replacement of the intermediate CA.
func TestIntermediateSignerReadErrorPlansNothing(t *testing.T) {
	for _, tc := range transientFailures {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeVault(t)
			state, plan := intermediateModels(t, f)
			f.setFail("pki/issuer/root-a", tc.code, tc.errors...)
			resp := modifyIntermediatePlan(t, f, state, plan)
			if len(resp.RequiresReplace) != 0 {
				t.Fatalf("a failed read of the signer planned a replacement (%v)", resp.RequiresReplace)
			}
			if !resp.Diagnostics.HasError() {
				t.Fatalf("no error: %v", resp.Diagnostics)
			}
		})
	}
}

// The same signer named differently plans nothing; a signer that is gone, or
// another issuer, plans the replacement.
func TestIntermediateSignerChange(t *testing.T) {
	f := newFakeVault(t)
	state, plan := intermediateModels(t, f)
	if resp := modifyIntermediatePlan(t, f, state, plan); len(resp.RequiresReplace) != 0 || resp.Diagnostics.HasError() {
		t.Fatalf("same issuer by ID: replace=%v diags=%v", resp.RequiresReplace, resp.Diagnostics)
	}
	f.addIssuer(t, "pki", "bbbb", "root-b")
	plan.SignerIssuerRef = types.StringValue("root-b")
	if resp := modifyIntermediatePlan(t, f, state, plan); len(resp.RequiresReplace) == 0 || resp.Diagnostics.HasError() {
		t.Fatalf("another issuer: replace=%v diags=%v", resp.RequiresReplace, resp.Diagnostics)
	}
	plan.SignerIssuerRef = types.StringValue("aaaa")
	for _, tc := range definiteNotFound {
		f.setFail("pki/issuer/root-a", tc.code, tc.errors...)
		if resp := modifyIntermediatePlan(t, f, state, plan); len(resp.RequiresReplace) == 0 || resp.Diagnostics.HasError() {
			t.Fatalf("%s: old signer gone: replace=%v diags=%v", tc.name, resp.RequiresReplace, resp.Diagnostics)
		}
	}
}

func TestIssuerNotFound(t *testing.T) {
	for _, tc := range definiteNotFound {
		if !issuerNotFound(&api.ResponseError{StatusCode: tc.code, Errors: tc.errors}) {
			t.Errorf("%s: not taken for a not-found", tc.name)
		}
	}
	for _, tc := range transientFailures {
		if issuerNotFound(&api.ResponseError{StatusCode: tc.code, Errors: tc.errors}) {
			t.Errorf("%s: taken for a not-found", tc.name)
		}
	}
}

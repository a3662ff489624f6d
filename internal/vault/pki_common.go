package vault

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// mountMoves records the mount moves of the current plan or apply, per
// provider configuration: homelab_vault_pki_mount registers old -> new path
// when it plans a move, and the resources in that mount, planned after it
// (they reference its path), follow it in place instead of being replaced.
var mountMoves sync.Map // moveKey -> new path

type moveKey struct {
	data *providerdata.Data
	from string
}

func recordMountMove(d *providerdata.Data, from, to string) {
	if d != nil {
		mountMoves.Store(moveKey{d, from}, to)
	}
}

// planMountChange handles a change of the mount-path attribute attr of a
// resource living in a mount: it returns true when the plan moves that mount
// to the new path (the resource follows in place), and otherwise requires
// the resource's replacement. Unchanged, it returns false.
func planMountChange(ctx context.Context, d *providerdata.Data, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, attr string) bool {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return false
	}
	var old, cur types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(attr), &old)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(attr), &cur)...)
	if old.IsNull() || old.Equal(cur) {
		return false
	}
	if !cur.IsUnknown() && d != nil {
		if to, ok := mountMoves.Load(moveKey{d, old.ValueString()}); ok && to == cur.ValueString() {
			return true
		}
	}
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root(attr))
	return false
}

// now is the clock the certificate renewal window is measured with; tests
// replace it (export_test.go) to move time forward without waiting.
var now = time.Now

// pkiBase is embedded by every PKI resource: it holds the provider data and
// the resource's full type name for diagnostics.
type pkiBase struct {
	data     *providerdata.Data
	typeName string
}

func (b *pkiBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

// vault returns the Vault client or adds a diagnostic naming the resource.
func (b *pkiBase) vault(diags *diag.Diagnostics) *Client {
	c, err := client(b.data)
	if err != nil {
		diags.AddError(b.typeName+": Vault is not available", err.Error())
		return nil
	}
	return c
}

// fail reports a Vault error for an operation, attached to an attribute when at is not empty.
func (b *pkiBase) fail(diags *diag.Diagnostics, at path.Path, what string, err error) {
	summary := fmt.Sprintf("%s: %s", b.typeName, what)
	detail := vaultErrText(err)
	if len(at.Steps()) > 0 {
		diags.AddAttributeError(at, summary, fmt.Sprintf("%s\n\n(attribute %s)", detail, at))
		return
	}
	diags.AddError(summary, detail)
}

// ---------------------------------------------------------------------------
// Vault errors and mounts

func statusCode(err error) int {
	var re *api.ResponseError
	if errors.As(err, &re) {
		return re.StatusCode
	}
	return 0
}

// vaultErrText is Vault's own error messages, without the request dump that
// api.ResponseError.Error() adds (URL, code), which stays readable in logs only.
func vaultErrText(err error) string {
	var re *api.ResponseError
	if errors.As(err, &re) && len(re.Errors) > 0 {
		return fmt.Sprintf("Vault answered %d %s: %s", re.StatusCode, re.HTTPMethod+" "+trimURL(re.URL),
			strings.Join(re.Errors, "; "))
	}
	return err.Error()
}

func trimURL(u string) string {
	if i := strings.Index(u, "/v1/"); i >= 0 {
		return u[i:]
	}
	return u
}

func errContains(err error, subs ...string) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	var re *api.ResponseError
	if errors.As(err, &re) && len(re.Errors) > 0 {
		msg = strings.Join(re.Errors, "; ") // Vault's words, not the request URL
	}
	msg = strings.ToLower(msg)
	for _, s := range subs {
		if strings.Contains(msg, strings.ToLower(s)) {
			return true
		}
	}
	return false
}

// mountInfo returns the mount at path, or nil when there is none.
func mountInfo(ctx context.Context, c *Client, mount string) (*api.MountOutput, error) {
	return c.reads.mounts.get(ctx, &c.reads.gen, mount, func(ctx context.Context) (*api.MountOutput, error) {
		return readMount(ctx, c, mount)
	})
}

func readMount(ctx context.Context, c *Client, mount string) (*api.MountOutput, error) {
	m, err := c.Sys().GetMountWithContext(ctx, mount)
	if err != nil {
		if sc := statusCode(err); sc == http.StatusNotFound ||
			(sc == http.StatusBadRequest && errContains(err, "no secret engine mount", "no matching mount")) {
			return nil, nil
		}
		return nil, err
	}
	return m, nil
}

// checkPKIMount verifies that mount exists and is a PKI secrets engine; the
// error names the mount, for the diagnostic on the `mount` attribute.
func checkPKIMount(ctx context.Context, c *Client, mount string) (*api.MountOutput, error) {
	m, err := mountInfo(ctx, c, mount)
	if err != nil {
		return nil, fmt.Errorf("reading mount %q: %s", mount, vaultErrText(err))
	}
	if m == nil {
		return nil, fmt.Errorf("there is no secrets engine mounted at %q: create it first (homelab_vault_pki_mount)", mount)
	}
	if m.Type != "pki" {
		return nil, fmt.Errorf("the secrets engine at %q is of type %q, not pki", mount, m.Type)
	}
	return m, nil
}

// mountMaxTTL is the effective max lease TTL of a mount (the system's when the
// mount has none of its own).
func mountMaxTTL(ctx context.Context, c *Client, mount string) (time.Duration, error) {
	cfg, err := c.Sys().MountConfigWithContext(ctx, mount)
	if err != nil {
		return 0, err
	}
	return time.Duration(cfg.MaxLeaseTTL) * time.Second, nil
}

// checkTTLAgainstMount returns an error when ttl exceeds the mount's max lease
// TTL: Vault would silently truncate the certificate to the max.
func checkTTLAgainstMount(ctx context.Context, c *Client, mount string, ttl time.Duration) error {
	maxTTL, err := mountMaxTTL(ctx, c, mount)
	if err != nil {
		return fmt.Errorf("reading the max lease TTL of mount %q: %s", mount, vaultErrText(err))
	}
	if maxTTL > 0 && ttl > maxTTL {
		return fmt.Errorf("ttl %s is longer than the max lease TTL of mount %q (%s); Vault would silently shorten "+
			"the certificate. Raise max_lease_ttl of the mount or lower ttl", formatTTL(int64(ttl/time.Second)), mount,
			formatTTL(int64(maxTTL/time.Second)))
	}
	return nil
}

// ---------------------------------------------------------------------------
// Durations

var daysRe = regexp.MustCompile(`^(\d+)d$`)

// parseTTL parses a Go duration ("720h", "90m") or a number of days ("365d").
func parseTTL(s string) (time.Duration, error) {
	if m := daysRe.FindStringSubmatch(s); m != nil {
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			return 0, err
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

// ttlValidator accepts positive whole-second durations.
func ttlValidator() validator.String {
	return validate.StringFunc("duration", func(s string) error {
		d, err := parseTTL(s)
		if err != nil {
			return fmt.Errorf("%q is not a duration such as \"8760h\", \"30m\" or \"365d\"", s)
		}
		if d <= 0 {
			return fmt.Errorf("%q must be positive", s)
		}
		if d%time.Second != 0 {
			return fmt.Errorf("%q must be a whole number of seconds", s)
		}
		return nil
	})
}

// formatTTL renders seconds in the largest whole unit: 31536000 -> "8760h".
func formatTTL(secs int64) string {
	switch {
	case secs%3600 == 0:
		return fmt.Sprintf("%dh", secs/3600)
	case secs%60 == 0:
		return fmt.Sprintf("%dm", secs/60)
	default:
		return fmt.Sprintf("%ds", secs)
	}
}

func ttlSeconds(v types.String) int64 {
	if v.IsNull() || v.IsUnknown() {
		return 0
	}
	d, err := parseTTL(v.ValueString())
	if err != nil {
		return -1
	}
	return int64(d / time.Second)
}

// ttlFromVault keeps the user's spelling when it means the same number of
// seconds as Vault reports; 0 (unset in Vault) is null.
func ttlFromVault(prior types.String, secs int64) types.String {
	if secs == 0 {
		return types.StringNull()
	}
	if ttlSeconds(prior) == secs {
		return prior
	}
	return types.StringValue(formatTTL(secs))
}

// ttlRequiresReplace replaces the resource only when the duration itself changes.
func ttlRequiresReplace() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = ttlSeconds(req.StateValue) != ttlSeconds(req.PlanValue)
	}, "Changing the duration replaces the resource (a new certificate is issued).",
		"Changing the duration replaces the resource (a new certificate is issued).")
}

// ---------------------------------------------------------------------------
// Keys

var keyBitsByType = map[string][]int64{
	"rsa":     {2048, 3072, 4096, 8192},
	"ec":      {224, 256, 384, 521},
	"ed25519": {0},
	"any":     {0},
}

var defaultKeyBits = map[string]int64{"rsa": 2048, "ec": 256, "ed25519": 0, "any": 0}

// checkKeyBits reports key_bits not allowed for key_type, at plan time.
func checkKeyBits(keyType types.String, keyBits types.Int64, diags *diag.Diagnostics) {
	if keyType.IsUnknown() || keyBits.IsUnknown() || keyBits.IsNull() {
		return
	}
	kt := keyType.ValueString()
	if keyType.IsNull() {
		kt = "rsa"
	}
	allowed, ok := keyBitsByType[kt]
	if !ok {
		return // key_type's own validator reports it
	}
	bits := keyBits.ValueInt64()
	for _, a := range allowed {
		if bits == a {
			return
		}
	}
	want := make([]string, len(allowed))
	for i, a := range allowed {
		want[i] = strconv.FormatInt(a, 10)
	}
	diags.AddAttributeError(path.Root("key_bits"), "Invalid key_bits for key_type",
		fmt.Sprintf("key_bits = %d is not allowed for key_type = %q; allowed: %s", bits, kt, strings.Join(want, ", ")))
}

// keyBitsDefault fills an unset key_bits with Vault's default for key_type, so
// the plan shows what will be created and Vault's normalisation is no diff.
type keyBitsDefault struct{}

func (keyBitsDefault) Description(context.Context) string {
	return "Defaults to 2048 for rsa, 256 for ec and 0 for ed25519."
}
func (m keyBitsDefault) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keyBitsDefault) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	var kt types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("key_type"), &kt)...)
	if kt.IsUnknown() {
		return
	}
	t := "rsa"
	if !kt.IsNull() {
		t = kt.ValueString()
	}
	if !req.ConfigValue.IsNull() {
		return
	}
	if d, ok := defaultKeyBits[t]; ok {
		resp.PlanValue = types.Int64Value(d)
	}
}

// keyInfo describes a certificate's public key the way Vault's key_type/key_bits do.
func keyInfo(cert *x509.Certificate) (string, int64) {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return "rsa", int64(k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ec", int64(k.Curve.Params().BitSize)
	case ed25519.PublicKey:
		return "ed25519", 0
	}
	return "", 0
}

// ---------------------------------------------------------------------------
// Certificates

func parseCertPEM(s string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, errors.New("not a PEM certificate")
	}
	return x509.ParseCertificate(block.Bytes)
}

// vaultSerial formats a serial the way Vault does: colon-separated hex pairs.
func vaultSerial(n *big.Int) string {
	b := n.Bytes()
	parts := make([]string, len(b))
	for i, x := range b {
		parts[i] = fmt.Sprintf("%02x", x)
	}
	return strings.Join(parts, ":")
}

// vaultNotBefore is how far back Vault backdates NotBefore (not_before_duration).
const vaultNotBefore = 30 * time.Second

// certTTL recovers the ttl a CA was requested with from its validity period.
func certTTL(cert *x509.Certificate) int64 {
	d := cert.NotAfter.Sub(cert.NotBefore) - vaultNotBefore
	// Vault reads the clock twice (NotBefore, NotAfter): a second boundary in
	// between is off by one; a whole minute is what a user writes.
	if m := d.Round(time.Minute); (d - m).Abs() <= 2*time.Second {
		d = m
	}
	return int64(d.Round(time.Second) / time.Second)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strList(v any) []string {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	case string:
		if x == "" {
			return nil
		}
		return strings.Split(x, ",")
	}
	return nil
}

func boolOf(v any) bool {
	b, _ := v.(bool)
	return b
}

func int64Of(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case float64:
		return int64(x)
	case interface{ Int64() (int64, error) }: // json.Number
		n, _ := x.Int64()
		return n
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	}
	return 0
}

// listValue is a list of strings; empty or nil is null when nullIfEmpty.
func listValue(ss []string, nullIfEmpty bool) types.List {
	if len(ss) == 0 && nullIfEmpty {
		return types.ListNull(types.StringType)
	}
	vals := make([]attr.Value, len(ss))
	for i, s := range ss {
		vals[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, vals)
}

// listStrings reads a list of strings from a model value (null/unknown -> nil).
func listStrings(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

// listFromVault keeps a null prior when Vault reports an empty list.
func listFromVault(prior types.List, ss []string) types.List {
	if len(ss) == 0 && prior.IsNull() {
		return prior
	}
	return listValue(ss, false)
}

var mountPathRe = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$`)

func mountPathValidator() validator.String {
	return validate.Regex(mountPathRe, "mount path (letters, digits, `_`, `-`, `.`, segments separated by `/`, no leading or trailing `/`)")
}

// issuerNameRe is Vault's rule for issuer and key names.
var issuerNameRe = regexp.MustCompile(`^\w([\w.-]*\w)?$`)

func issuerNameValidator() validator.String {
	return validate.StringFunc("issuer name", func(s string) error {
		if s == "default" {
			return errors.New(`"default" is reserved by Vault for the mount's default issuer`)
		}
		if !issuerNameRe.MatchString(s) {
			return fmt.Errorf("%q is not a valid issuer name (letters, digits, `_`, `-`, `.`)", s)
		}
		return nil
	})
}

// splitIssuerID splits "<mount>/issuer/<issuer_id>".
func splitIssuerID(id string) (mount, issuerID string, ok bool) {
	i := strings.LastIndex(id, "/issuer/")
	if i <= 0 || i+len("/issuer/") >= len(id) {
		return "", "", false
	}
	return id[:i], id[i+len("/issuer/"):], true
}

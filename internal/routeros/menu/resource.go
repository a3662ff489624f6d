package menu

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
)

// importKey marks a state produced by import: its first Read fills in every
// field the router holds with a non-default value.
const importKey = "imported"

// New returns the constructor of the resource a spec describes.
func New(spec Spec) func() resource.Resource {
	registerSensitive(spec.Path, spec.Fields)
	ts, obj := spec.attrTypes()
	return func() resource.Resource { return &Resource{spec: &spec, types: ts, objType: obj} }
}

// sensitiveFields are the secret fields of every spec, by menu and field
// name, so the client keeps their values out of logs.
var sensitiveFields sync.Map

// RegisterSensitive marks fields of a menu as secret for resources written
// without a Spec (certificate files and passphrases), so the client keeps
// their values out of logs too.
func RegisterSensitive(menu string, fields ...string) {
	for _, f := range fields {
		sensitiveFields.Store(menu+"\x00"+f, true)
	}
}

func registerSensitive(menu string, fields []Field) {
	for _, f := range fields {
		if f.Sensitive {
			sensitiveFields.Store(menu+"\x00"+f.Name, true)
		}
	}
}

func isSensitive(menu, field string) bool {
	_, ok := sensitiveFields.Load(menu + "\x00" + field)
	return ok
}

// Resource is the generic resource for one menu.
type Resource struct {
	spec    *Spec
	data    *providerdata.Data
	types   map[string]attr.Type
	objType tftypes.Object
}

var (
	_ resource.ResourceWithConfigure   = (*Resource)(nil)
	_ resource.ResourceWithImportState = (*Resource)(nil)
	_ resource.ResourceWithModifyPlan  = (*Resource)(nil)
)

func (r *Resource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_routeros_" + r.spec.Type
}

// UnchangedPlanIsPrior lets the provider's server answer the plan of an
// unchanged row with its prior state (provider.Server): the schema has no
// defaults, and ModifyPlan does nothing for an unchanged row. A settings
// menu's ModifyPlan checks every plan, so it keeps the framework's path.
func (r *Resource) UnchangedPlanIsPrior() bool { return !r.spec.Singleton }

// ValidationIsPure: a row's checks are its fields' validators and, where a
// menu adds them, checks of the configuration's values; none reads the
// router or the provider's settings (version checks are made at plan time).
func (r *Resource) ValidationIsPure() bool { return true }

func (r *Resource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.spec.schema()
}

func (r *Resource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

// Client returns the run's RouterOS client, or adds a diagnostic.
func Client(data *providerdata.Data, diags *diag.Diagnostics) *client.Client {
	if data == nil || data.RouterOS == nil {
		diags.AddError("RouterOS is not configured", providerdata.NotConfigured("routeros", providerdata.RouterOSEnv).Error())
		return nil
	}
	s := data.RouterOS
	c, err := providerdata.ClientOf(data, "routeros", func() (*client.Client, error) {
		return client.New(client.Config{URL: s.URL, Username: s.Username, Password: s.Password,
			CACertificate: s.CACertificate, Insecure: s.Insecure, Timeout: s.Timeout, Sensitive: isSensitive})
	})
	if err != nil {
		diags.AddError("RouterOS client", err.Error())
		return nil
	}
	return c
}

// vals holds a resource's values by attribute name.
type vals map[string]attr.Value

// attrTypes are the resource's attribute types by name, and objType the
// object type of its raw state: computed once, so reading or writing a
// state converts the whole object in one pass instead of walking the
// schema once per attribute (GetAttribute/SetAttribute), which was most of
// the provider's CPU in a large refresh.
func (s *Spec) attrTypes() (map[string]attr.Type, tftypes.Object) {
	ts := map[string]attr.Type{"id": types.StringType}
	if s.Singleton {
		ts[adoptAttr] = types.BoolType
	}
	for i := range s.Fields {
		ts[s.Fields[i].AttrName()] = s.Fields[i].attrType()
	}
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
	for name, t := range ts {
		obj.AttributeTypes[name] = t.TerraformType(context.Background())
	}
	return ts, obj
}

// get reads every attribute of a plan, state or configuration.
func (r *Resource) get(ctx context.Context, raw tftypes.Value, diags *diag.Diagnostics) vals {
	v := vals{}
	var m map[string]tftypes.Value
	if raw.IsNull() || !raw.IsKnown() {
		return v
	}
	if err := raw.As(&m); err != nil {
		diags.AddError("Reading "+r.spec.FullType()+" failed", err.Error())
		return v
	}
	for name, t := range r.types {
		tv, ok := m[name]
		if !ok {
			continue
		}
		av, err := t.ValueFromTerraform(ctx, tv)
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Reading "+r.spec.FullType()+" failed", err.Error())
			continue
		}
		v[name] = av
	}
	return v
}

// set writes v as the whole state; attributes v lacks are null.
func (r *Resource) set(ctx context.Context, st *tfsdk.State, v vals, diags *diag.Diagnostics) {
	m := make(map[string]tftypes.Value, len(r.types))
	for name, t := range r.types {
		av := v[name]
		if av == nil || !av.Type(ctx).Equal(t) {
			av = nullOf(t)
		}
		tv, err := av.ToTerraformValue(ctx)
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Writing "+r.spec.FullType()+" failed", err.Error())
			return
		}
		m[name] = tv
	}
	st.Raw = tftypes.NewValue(r.objType, m)
}

// nullOf is the null value of an attribute type.
func nullOf(t attr.Type) attr.Value {
	switch t := t.(type) {
	case types.ListType:
		return types.ListNull(t.ElemType)
	case types.SetType:
		return types.SetNull(t.ElemType)
	}
	switch t {
	case types.Int64Type:
		return types.Int64Null()
	case types.BoolType:
		return types.BoolNull()
	}
	return types.StringNull()
}

func (v vals) id() string {
	if s, ok := v["id"].(types.String); ok {
		return s.ValueString()
	}
	return ""
}

// label names the object in messages: the type and its natural key.
func (r *Resource) label(v vals) string {
	var parts []string
	for _, k := range r.spec.Key {
		if f := r.spec.field(k); f != nil {
			if s, ok := f.toDevice(v[f.AttrName()]); ok {
				parts = append(parts, s)
			}
		}
	}
	if len(parts) == 0 && v.id() != "" {
		parts = append(parts, v.id())
	}
	if len(parts) == 0 {
		return r.spec.FullType()
	}
	return fmt.Sprintf("%s %q", r.spec.FullType(), strings.Join(parts, ","))
}

// addArgs are the words of an add: every field the user set.
func (r *Resource) addArgs(plan vals) []string {
	var args []string
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		if f.Mode == ReadOnly || f.Select {
			continue
		}
		if s, ok := f.toDevice(plan[f.AttrName()]); ok {
			args = append(args, "="+f.Name+"="+s)
		}
	}
	return args
}

// setArgs are the words of a set: changed fields, and =!field= for optional
// fields the user removed.
func (r *Resource) setArgs(plan, state vals) []string {
	var args []string
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		if f.Mode == ReadOnly || f.Select {
			continue
		}
		p, s := plan[f.AttrName()], state[f.AttrName()]
		ps, pok := f.toDevice(p)
		ss, sok := f.toDevice(s)
		switch {
		case pok && (!sok || !f.Equal(ps, ss)):
			args = append(args, "="+f.Name+"="+ps)
		case !pok && p != nil && p.IsNull() && sok:
			if f.Kind == List || f.Kind == Set {
				args = append(args, "="+f.Name+"=")
			} else if f.NoUnset {
				args = append(args, "="+f.Name+"="+f.Default)
			} else {
				args = append(args, "=!"+f.Name+"=")
			}
		}
	}
	return args
}

// merge is the state after a write: what the user planned, with what only the
// router knows filled in from its row.
func (r *Resource) merge(plan vals, row client.Row) vals {
	out := vals{"id": plan["id"], adoptAttr: plan[adoptAttr]}
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		p := plan[f.AttrName()]
		if p != nil && !p.IsUnknown() {
			out[f.AttrName()] = p
			continue
		}
		if dv, ok := row[f.Name]; ok && dv != "" || ok && f.Mode == ReadOnly {
			out[f.AttrName()] = f.fromDevice(dv)
		} else {
			out[f.AttrName()] = f.null()
		}
	}
	return out
}

// refresh is the state after a Read: the router's row, in the router's own
// spelling (`10m` where the configuration says `600`), so that state matches
// what an import of the same row reads. The plan compares through each
// field's kind (keepPriorSpelling), so the respelling is never a diff.
func (r *Resource) refresh(prev vals, row client.Row, imported bool) vals {
	out := vals{"id": prev["id"], adoptAttr: prev[adoptAttr]}
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		p := prev[f.AttrName()]
		ps, pok := f.toDevice(p)
		dv, present := row[f.Name]
		if !present && f.Printed != nil {
			dv = f.Printed(row)
			present = dv != ""
		}
		if present && dv == "" && f.Kind != List && f.Kind != Set && f.Mode != ReadOnly {
			present = false
		}
		var v attr.Value
		switch {
		case f.Mode == ReadOnly || f.Mode == Computed:
			switch {
			case !present:
				v = f.null()
			default:
				v = f.fromDevice(dv)
			}
		case !pok && imported:
			if present && (f.Mode == Required || f.Default == "" || !f.Equal(dv, f.Default)) &&
				!((f.Kind == List || f.Kind == Set) && dv == "") {
				v = f.fromDevice(dv)
			} else {
				v = f.null()
			}
		case !pok:
			v = f.null() // not managed
		case f.Unprinted:
			v = p
		case present && f.Countdown:
			v = p
		case present:
			v = f.fromDevice(dv)
		case f.Default != "" && f.Equal(ps, f.Default):
			v = p // the router leaves defaults out of print
		case (f.Kind == List || f.Kind == Set) && ps == "":
			v = p
		default:
			v = f.null()
		}
		out[f.AttrName()] = v
	}
	return out
}

// keyMatch is what identifies the planned row: its natural key, or every
// field sent on add.
func (r *Resource) keyMatch(plan vals) map[string]string {
	m := map[string]string{}
	for _, k := range r.spec.Key {
		if f := r.spec.field(k); f != nil {
			if s, ok := f.toDevice(plan[f.AttrName()]); ok {
				m[f.Name] = s
			} else if f.Default != "" {
				m[f.Name] = f.Default
			}
		}
	}
	if len(m) == 0 {
		for _, a := range r.addArgs(plan) {
			k, v, _ := strings.Cut(a[1:], "=")
			m[k] = v
		}
	}
	return m
}

// matches filters rows by device values, compared the way each field is.
func (r *Resource) matches(rows []client.Row, m map[string]string) []client.Row {
	rows = canonRows(r.spec.Fields, rows)
	var out []client.Row
	for _, row := range rows {
		ok := true
		for k, want := range m {
			got, present := row[k]
			f := r.spec.field(k)
			if !present && f != nil && f.Printed != nil {
				got = f.Printed(row)
				present = got != ""
			}
			switch {
			case k == ".id":
				ok = got == want
			case f == nil:
				ok = got == want
			case !present:
				ok = f.Default != "" && f.Equal(want, f.Default) || want == "" || f.Kind == Bool && !ParseBool(want)
			default:
				ok = f.Equal(want, got)
			}
			if !ok {
				break
			}
		}
		if ok && row["dynamic"] != "true" {
			out = append(out, row)
		}
	}
	return out
}

func (r *Resource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.get(ctx, req.Plan.Raw, &resp.Diagnostics)
	c := Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sp := r.spec
	var id string
	switch {
	case sp.Singleton:
		row, err := r.row(ctx, c, "", false)
		if err != nil {
			r.fail(&resp.Diagnostics, "print", plan, err)
			return
		}
		if _, err := r.singletonTakeover(plan, row, boolTrue(plan[adoptAttr])); err != nil {
			r.reportTakeover(&resp.Diagnostics, "", err)
			return
		}
		if args, err := r.onVersion(ctx, c, r.addArgs(plan)); err != nil || len(args) > 0 {
			if err == nil {
				err = c.Set(ctx, sp.Path, "", args)
			}
			if err != nil {
				r.fail(&resp.Diagnostics, "set", plan, err)
				return
			}
		}
		id = sp.Path
	case sp.adopts(plan):
		rows, err := c.Table(ctx, sp.Path)
		if err != nil {
			r.fail(&resp.Diagnostics, "print", plan, err)
			return
		}
		m := map[string]string{}
		for _, k := range sp.Key {
			f := sp.field(k)
			s, _ := f.toDevice(plan[f.AttrName()])
			m[k] = s
		}
		found := r.matches(rows, m)
		if len(found) != 1 {
			resp.Diagnostics.AddAttributeError(path.Root(sp.keyAttrs()[0]), "No such "+sp.Path+" row",
				fmt.Sprintf("%s: %s has no row with %s; this resource adopts an existing row and cannot create one.", r.label(plan), sp.Path, fmtMatch(m)))
			return
		}
		id = found[0][".id"]
		if args, err := r.onVersion(ctx, c, r.addArgs(plan)); err != nil || len(args) > 0 {
			if err == nil {
				err = c.Set(ctx, sp.Path, id, args)
			}
			if err != nil {
				r.fail(&resp.Diagnostics, "set", plan, err)
				return
			}
		}
	default:
		var err error
		id, err = r.add(ctx, c, plan)
		if err != nil {
			if id != "" {
				// Interrupted after the router added the row: keep it in state
				// (the resource is tainted), so it is neither orphaned nor added twice.
				plan["id"] = types.StringValue(id)
				r.set(ctx, &resp.State, r.merge(plan, nil), &resp.Diagnostics)
			} else {
				err = r.explainExisting(ctx, c, plan, err)
			}
			r.fail(&resp.Diagnostics, "add", plan, err)
			return
		}
	}
	plan["id"] = types.StringValue(id)
	row, err := r.row(ctx, c, id, false)
	if err != nil {
		// The write happened: keep the row in state even though it could
		// not be read back (the resource is tainted and replaced next time).
		r.set(ctx, &resp.State, r.merge(plan, nil), &resp.Diagnostics)
		r.fail(&resp.Diagnostics, "print", plan, err)
		return
	}
	r.set(ctx, &resp.State, r.merge(plan, row), &resp.Diagnostics)
}

// interruptLookup bounds the read-back after an interrupted add: long enough
// for one print, short enough for an interrupted apply to end promptly.
const interruptLookup = 5 * time.Second

// importID is how the user imports row: by its natural key when that is one
// field, else by .id.
func (r *Resource) importID(row client.Row) string {
	if len(r.spec.Key) == 1 && row[r.spec.Key[0]] != "" {
		return row[r.spec.Key[0]]
	}
	return row[".id"]
}

// explainExisting turns the router's "already have ..." refusal of an add into
// the import to use when the row that is in the way is the one planned (left
// by an interrupted apply whose state was lost, or made by hand).
func (r *Resource) explainExisting(ctx context.Context, c *client.Client, plan vals, err error) error {
	var de *client.DeviceError
	if !errors.As(err, &de) || !strings.Contains(de.Message, "already") {
		return err
	}
	rows, ferr := c.Find(ctx, r.spec.Path, nil)
	if ferr != nil {
		return err
	}
	found := r.matches(rows, r.keyMatch(plan))
	if len(found) != 1 {
		return err
	}
	return &hinted{err, fmt.Sprintf("%s already has this row (%s) but it is not in this state: it was left by an interrupted apply or made by hand. "+
		"Import it instead of creating it:\n%s\n(or `tofu import %s.<name> %s`)",
		r.spec.Path, describeRow(r.spec.Fields, found[0]), importBlock(r.spec.FullType(), r.importID(found[0])), r.spec.FullType(), r.importID(found[0]))}
}

// hinted is an error with advice that the diagnostic adds after the
// router's own message.
type hinted struct {
	err  error
	hint string
}

func (h *hinted) Error() string { return h.err.Error() + "\n" + h.hint }
func (h *hinted) Unwrap() error { return h.err }

// add runs add; when the connection drops on the way, the add may or may not
// have happened, so it looks for the row by its natural key before trying
// again (nothing is added twice).
func (r *Resource) add(ctx context.Context, c *client.Client, plan vals) (string, error) {
	args, err := r.onVersion(ctx, c, r.addArgs(plan))
	if err != nil {
		return "", err
	}
	for attempt := 0; attempt < 4; attempt++ {
		var id string
		id, err = c.Add(ctx, r.spec.Path, args)
		if err == nil {
			return id, nil
		}
		if ctx.Err() != nil {
			return r.interruptedAdd(ctx, c, plan, err)
		}
		if !client.IsConnError(err) {
			return "", err
		}
		tflog.Warn(ctx, "RouterOS connection lost during add; looking for the row before retrying",
			map[string]any{"menu": r.spec.Path, "error": err.Error()})
		id, err = r.lookupAdded(ctx, c, plan)
		if err != nil || id != "" {
			return id, err
		}
	}
	return "", err
}

// interruptedAdd handles an add cut short by an interrupt (the apply was
// cancelled): the router may have added the row. One read-back, on a short
// context of its own, finds it so the caller can keep its id in state along
// with the error; otherwise the error says how to adopt the row.
func (r *Resource) interruptedAdd(ctx context.Context, c *client.Client, plan vals, err error) (string, error) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), interruptLookup)
	defer cancel()
	if id, lerr := r.lookupAdded(lctx, c, plan); lerr == nil && id != "" {
		return id, fmt.Errorf("interrupted; the router added the row (%s), kept in state: %w", id, err)
	}
	return "", fmt.Errorf("interrupted before the router confirmed the add; the row may exist on the router: "+
		"if the next apply says it already exists, import it as that error shows: %w", err)
}

// lookupAdded returns the id of the row matching plan's natural key, or ""
// when there is none. It retries lost connections itself: adding again before
// the menu has been read back could add the row twice.
func (r *Resource) lookupAdded(ctx context.Context, c *client.Client, plan vals) (string, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var rows []client.Row
		rows, err = c.Find(ctx, r.spec.Path, nil)
		if err == nil {
			if found := r.matches(rows, r.keyMatch(plan)); len(found) == 1 {
				return found[0][".id"], nil
			}
			return "", nil
		}
		if !client.IsConnError(err) || ctx.Err() != nil {
			break
		}
	}
	return "", fmt.Errorf("the connection dropped during the add and %s could not be read back to tell whether the row was created; "+
		"check the router for it (import it if it is there) before applying again: %w", r.spec.Path, err)
}

// row prints one row: from the run's table cache for refresh, fresh after a write.
func (r *Resource) row(ctx context.Context, c *client.Client, id string, cached bool) (client.Row, error) {
	row, err := r.printRow(ctx, c, id, cached)
	if row == nil || !versioned(r.spec.Fields) {
		return row, err
	}
	return canonRow(r.spec.Fields, row), err
}

func (r *Resource) printRow(ctx context.Context, c *client.Client, id string, cached bool) (client.Row, error) {
	if r.spec.Singleton {
		var rows []client.Row
		var err error
		if cached {
			rows, err = c.Table(ctx, r.spec.Path)
		} else {
			rows, _, err = c.RunRetry(ctx, r.spec.Path+"/print")
		}
		if err != nil || len(rows) == 0 {
			return client.Row{}, err
		}
		return rows[0], nil
	}
	if !cached {
		return c.Get(ctx, r.spec.Path, id)
	}
	rows, err := c.Table(ctx, r.spec.Path)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		if row[".id"] == id {
			return row, nil
		}
	}
	return nil, nil
}

func (r *Resource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := r.get(ctx, req.State.Raw, &resp.Diagnostics)
	c := Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	row, err := r.row(ctx, c, state.id(), true)
	if err != nil {
		r.fail(&resp.Diagnostics, "print", state, err)
		return
	}
	if row == nil {
		tflog.Info(ctx, "RouterOS row is gone; removing it from state", map[string]any{"menu": r.spec.Path, "id": state.id()})
		resp.State.RemoveResource(ctx)
		return
	}
	imp, diags := req.Private.GetKey(ctx, importKey)
	resp.Diagnostics.Append(diags...)
	r.set(ctx, &resp.State, r.refresh(state, row, len(imp) > 0), &resp.Diagnostics)
	if len(imp) > 0 {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importKey, nil)...)
	}
}

func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.get(ctx, req.Plan.Raw, &resp.Diagnostics)
	state := r.get(ctx, req.State.Raw, &resp.Diagnostics)
	c := Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.id()
	plan["id"] = state["id"]
	if args, err := r.onVersion(ctx, c, r.setArgs(plan, state)); err != nil || len(args) > 0 {
		setID := id
		if r.spec.Singleton {
			setID = ""
		}
		if err == nil {
			err = c.Set(ctx, r.spec.Path, setID, args)
		}
		if err != nil {
			r.fail(&resp.Diagnostics, "set", plan, err)
			return
		}
	}
	row, err := r.row(ctx, c, id, false)
	if err != nil {
		r.fail(&resp.Diagnostics, "print", plan, err)
		return
	}
	if row == nil {
		resp.Diagnostics.AddError("RouterOS row vanished", fmt.Sprintf("%s: %s row %s disappeared during update; apply again to recreate it.", r.label(plan), r.spec.Path, id))
		return
	}
	r.set(ctx, &resp.State, r.merge(plan, row), &resp.Diagnostics)
}

func (r *Resource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.get(ctx, req.State.Raw, &resp.Diagnostics)
	c := Client(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.spec.Singleton || r.spec.adopts(state) {
		dev := map[string]string{}
		for i := range r.spec.Fields {
			f := &r.spec.Fields[i]
			if s, ok := f.toDevice(state[f.AttrName()]); ok {
				dev[f.Name] = s
			}
		}
		var args []string
		switch {
		case r.spec.ResetOnDestroy:
			args = r.resetArgs(dev)
		case r.spec.Destroy != nil:
			args = r.spec.Destroy(dev)
		}
		args, err := r.onVersion(ctx, c, args)
		if err == nil && len(args) > 0 {
			id := state.id()
			if r.spec.Singleton {
				id = ""
			}
			err = c.Set(ctx, r.spec.Path, id, args)
		}
		if err != nil && !client.IsNotFound(err) {
			r.fail(&resp.Diagnostics, "set", state, err)
		}
		return
	}
	if err := c.Remove(ctx, r.spec.Path, state.id()); err != nil {
		r.fail(&resp.Diagnostics, "remove", state, err)
	}
}

// resetArgs are the set words that put the fields a resource managed (dev,
// its state's device values) back to their defaults.
func (r *Resource) resetArgs(dev map[string]string) []string {
	var args []string
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		if _, managed := dev[f.Name]; !managed || f.Mode == ReadOnly || f.Select {
			continue
		}
		d := f.Default
		if f.Kind == Bool && d != "" {
			d = map[bool]string{true: "yes", false: "no"}[ParseBool(d)]
		}
		args = append(args, "="+f.Name+"="+d)
	}
	return args
}

func fmtMatch(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	sp := r.spec
	id := strings.TrimSpace(req.ID)
	if !sp.Singleton && !strings.HasPrefix(id, "*") {
		m := map[string]string{}
		switch {
		case strings.Contains(id, "="):
			// field=value pairs split on commas; a piece without "=" continues
			// the previous value (vlan_ids=10,20).
			var pairs []string
			for _, piece := range strings.Split(id, ",") {
				if !strings.Contains(piece, "=") && len(pairs) > 0 {
					pairs[len(pairs)-1] += "," + piece
					continue
				}
				pairs = append(pairs, piece)
			}
			for _, pair := range pairs {
				k, v, ok := strings.Cut(pair, "=")
				f := sp.field(strings.TrimSpace(k))
				if !ok || f == nil {
					resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%s: %q is not field=value with a field of %s; use the row's .id (*1A)%s or field=value[,field=value].", sp.FullType(), pair, sp.FullType(), keyHint(sp)))
					return
				}
				m[f.Name] = v
			}
		case len(sp.Key) >= 1:
			m[sp.Key[0]] = id
		default:
			resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%s: import by .id (*1A) or by field=value[,field=value], e.g. %s.", sp.FullType(), importExample(sp)))
			return
		}
		c := Client(r.data, &resp.Diagnostics)
		if c == nil {
			return
		}
		rows, err := c.Table(ctx, sp.Path)
		if err != nil {
			resp.Diagnostics.AddError("RouterOS print failed", fmt.Sprintf("%s: %s", sp.Path, err))
			return
		}
		found := r.matches(rows, m)
		switch len(found) {
		case 0:
			resp.Diagnostics.AddError("Nothing to import", fmt.Sprintf("%s: no row of %s has %s.", sp.FullType(), sp.Path, fmtMatch(m)))
			return
		case 1:
			id = found[0][".id"]
		default:
			resp.Diagnostics.AddError("Ambiguous import ID", fmt.Sprintf("%s: %d rows of %s have %s; import by .id instead.", sp.FullType(), len(found), sp.Path, fmtMatch(m)))
			return
		}
	}
	if sp.Singleton {
		id = sp.Path
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importKey, []byte("true"))...)
}

func keyHint(sp *Spec) string {
	if len(sp.Key) == 1 {
		return ", its " + sp.keyAttrs()[0]
	}
	return ""
}

func importExample(sp *Spec) string {
	var parts []string
	for _, a := range sp.keyAttrs() {
		parts = append(parts, a+"=...")
	}
	return strings.Join(parts, ",")
}

// fieldInMessage finds which field a !trap message is about.
var fieldInMessage = []*regexp.Regexp{
	regexp.MustCompile(`unknown parameter (\S+)`),
	regexp.MustCompile(`value of (\S+) out of range`),
	regexp.MustCompile(`value for argument (\S+):`),
	regexp.MustCompile(`missing value\(s\) of argument\(s\) (\S+)`),
	regexp.MustCompile(`input does not match any value of (\S+)`),
	regexp.MustCompile(`ambiguous value of (\S+)`),
	regexp.MustCompile(`invalid value of (\S+)`),
	regexp.MustCompile(`(\S+) (?:is )?invalid`),
	regexp.MustCompile(`already have (?:\S+ )?with such (\S+)`),
	regexp.MustCompile(`can not (?:change|set|use) (\S+)`),
}

// fail reports an error naming the resource and, when the router's message
// names a field, the attribute.
func (r *Resource) fail(diags *diag.Diagnostics, op string, v vals, err error) {
	label := r.label(v)
	var de *client.DeviceError
	if !errors.As(err, &de) {
		diags.AddError("RouterOS "+op+" failed", fmt.Sprintf("%s: %s/%s: %s", label, r.spec.Path, op, err))
		return
	}
	msg := de.Message
	var h *hinted
	if errors.As(err, &h) {
		msg += "\n" + h.hint
	}
	var f *Field
	for _, re := range fieldInMessage {
		if m := re.FindStringSubmatch(de.Message); m != nil {
			if f = r.spec.field(strings.Trim(m[1], ",:")); f != nil {
				break
			}
		}
	}
	if f == nil && strings.Contains(de.Message, "already have") {
		if len(r.spec.Key) > 0 {
			f = r.spec.field(r.spec.Key[0])
		} else {
			f = r.spec.field("name")
		}
	}
	if f != nil {
		val, _ := f.toDevice(v[f.AttrName()])
		diags.AddAttributeError(path.Root(f.AttrName()), "RouterOS rejected "+f.AttrName(),
			fmt.Sprintf("%s, attribute %s = %q: %s/%s: %s", label, f.AttrName(), val, r.spec.Path, op, msg))
		return
	}
	diags.AddError("RouterOS rejected "+r.spec.FullType(), fmt.Sprintf("%s: %s/%s: %s", label, r.spec.Path, op, msg))
}

package menu

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
)

// RouterOS renames and adds parameters between 7.x versions. A field's
// Since and OldNames say when; the engine reads either name, sends the one
// the router's version expects, and refuses at plan time a configured
// field the router is too old for. The version is printed once per run,
// and only when a resource uses such a field.

// versioned reports whether any field of fields depends on the version.
func versioned(fields []Field) bool {
	for i := range fields {
		if fields[i].Since != "" || len(fields[i].OldNames) > 0 {
			return true
		}
	}
	return false
}

// nameOn is the field's name on a router running version.
func (f *Field) nameOn(version string) string {
	name := f.Name
	for _, o := range f.OldNames {
		if client.VersionLess(version, o.Before) {
			name = o.Name
		}
	}
	return name
}

// canonRow is row with the fields printed under an old name copied to their
// current name (a copy: table rows are shared by concurrent readers).
func canonRow(fields []Field, row client.Row) client.Row {
	var out client.Row
	for i := range fields {
		f := &fields[i]
		if _, ok := row[f.Name]; ok {
			continue
		}
		for _, o := range f.OldNames {
			if v, ok := row[o.Name]; ok {
				if out == nil {
					out = make(client.Row, len(row)+1)
					for k, x := range row {
						out[k] = x
					}
				}
				out[f.Name] = v
			}
		}
	}
	if out == nil {
		return row
	}
	return out
}

func canonRows(fields []Field, rows []client.Row) []client.Row {
	if !versioned(fields) {
		return rows
	}
	out := make([]client.Row, len(rows))
	for i, r := range rows {
		out[i] = canonRow(fields, r)
	}
	return out
}

// onVersion rewrites the words of an add or set to the parameter names the
// router's version expects.
func (r *Resource) onVersion(ctx context.Context, c *client.Client, words []string) ([]string, error) {
	var renamed bool
	for i := range r.spec.Fields {
		if len(r.spec.Fields[i].OldNames) > 0 {
			renamed = true
		}
	}
	if !renamed || len(words) == 0 {
		return words, nil
	}
	version, err := c.Version(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		prefix := "="
		if strings.HasPrefix(w, "=!") {
			prefix = "=!"
		}
		name, rest, _ := strings.Cut(strings.TrimPrefix(w, prefix), "=")
		if f := r.spec.field(name); f != nil {
			out[i] = prefix + f.nameOn(version) + "=" + rest
		}
	}
	return out, nil
}

// checkVersion refuses configured fields the router's version does not
// have. Without a reachable router (the provider's settings unknown yet, or
// the router down) it says nothing: apply finds out.
func (r *Resource) checkVersion(ctx context.Context, plan vals, diags *diag.Diagnostics) {
	var used []*Field
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		// Unknown is a computed field the user left out (a peer's name).
		if v := plan[f.AttrName()]; f.Since != "" && v != nil && !v.IsNull() && !v.IsUnknown() {
			used = append(used, f)
		}
	}
	if len(used) == 0 || r.data == nil || r.data.RouterOS == nil {
		return
	}
	var quiet diag.Diagnostics
	c := Client(r.data, &quiet)
	if c == nil {
		return
	}
	version, err := c.Version(ctx)
	if err != nil {
		return
	}
	for _, f := range used {
		if client.VersionLess(version, f.Since) {
			diags.AddAttributeError(path.Root(f.AttrName()), "Not available on this RouterOS version",
				fmt.Sprintf("%s: %s (RouterOS %s %s) exists from RouterOS %s on; the router runs %s. Remove it from the configuration or upgrade the router.",
					r.spec.FullType(), f.AttrName(), r.spec.Path, f.Name, f.Since, version))
		}
	}
}

// Command schemagen extracts, from PVE's official API description
// (pve-docs api-viewer apidata as JSON), the endpoints the emulator serves and
// writes them, stripped of prose, as the JSON file the emulator embeds.
//
//	go run ./internal/schemagen -in ../../../../shared/reference/pve-apidata-9.1.json -out schema/pve-api.json
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
)

// servedPaths are the API paths the emulator implements; every method PVE
// defines on them is kept (unimplemented ones answer 501 like PVE does for
// unknown methods).
var servedPaths = []string{
	"/access/ticket",
	"/access/permissions",
	"/version",
	"/nodes",
	"/nodes/{node}/status",
	"/nodes/{node}/aplinfo",
	"/nodes/{node}/storage",
	"/nodes/{node}/storage/{storage}/status",
	"/nodes/{node}/storage/{storage}/content",
	"/nodes/{node}/storage/{storage}/content/{volume}",
	"/nodes/{node}/storage/{storage}/download-url",
	"/nodes/{node}/tasks/{upid}/status",
	"/nodes/{node}/tasks/{upid}/log",
	"/cluster/resources",
	"/cluster/nextid",
	"/cluster/status",
	"/cluster/ha/resources",
	"/cluster/ha/resources/{sid}",
	"/pools",
	"/pools/{poolid}",
	"/storage",
	"/storage/{storage}",
	"/cluster/backup",
	"/cluster/backup/{id}",
	"/cluster/ha/rules",
	"/cluster/ha/rules/{rule}",
	"/nodes/{node}/network",
	"/nodes/{node}/network/{iface}",
	"/nodes/{node}/certificates",
	"/nodes/{node}/certificates/info",
	"/nodes/{node}/certificates/custom",
	"/nodes/{node}/query-url-metadata",
	"/nodes/{node}/storage/{storage}/upload",
	"/nodes/{node}/lxc/{vmid}/interfaces",
	"/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces",
	"/cluster/ha/resources/{sid}/migrate",
	"/cluster/ha/resources/{sid}/relocate",
}

// guestPaths are instantiated for both lxc and qemu.
var guestPaths = []string{
	"/nodes/{node}/%s",
	"/nodes/{node}/%s/{vmid}",
	"/nodes/{node}/%s/{vmid}/config",
	"/nodes/{node}/%s/{vmid}/pending",
	"/nodes/{node}/%s/{vmid}/status/current",
	"/nodes/{node}/%s/{vmid}/status/start",
	"/nodes/{node}/%s/{vmid}/status/stop",
	"/nodes/{node}/%s/{vmid}/status/shutdown",
	"/nodes/{node}/%s/{vmid}/status/reboot",
	"/nodes/{node}/%s/{vmid}/status/suspend",
	"/nodes/{node}/%s/{vmid}/status/resume",
	"/nodes/{node}/%s/{vmid}/resize",
	"/nodes/{node}/%s/{vmid}/clone",
	"/nodes/{node}/%s/{vmid}/template",
	"/nodes/{node}/%s/{vmid}/migrate",
	"/nodes/{node}/%s/{vmid}/feature",
}

// keptKeys are the schema keys validation needs; prose is dropped.
var keptKeys = map[string]bool{
	"type": true, "optional": true, "enum": true, "minimum": true, "maximum": true,
	"minLength": true, "maxLength": true, "pattern": true, "format": true,
	"default_key": true, "alias": true, "keyAlias": true, "requires": true, "items": true,
	"default": true,
}

type node struct {
	Path     string                     `json:"path"`
	Info     map[string]json.RawMessage `json:"info"`
	Children []node                     `json:"children"`
}

func main() {
	in := flag.String("in", "", "PVE apidata JSON (e.g. ../shared/reference/pve-apidata-9.1.json)")
	out := flag.String("out", "schema/pve-api.json", "output file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	if in == "" {
		return fmt.Errorf("-in is required")
	}
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	if i := bytes.IndexByte(raw, '['); i > 0 { // apidata.js wrapper "const apiSchema = [...];"
		raw = bytes.TrimRight(bytes.TrimSpace(raw[i:]), ";")
	}
	var roots []node
	if err := json.Unmarshal(raw, &roots); err != nil {
		return err
	}
	byPath := map[string]node{}
	var walk func(n node)
	walk = func(n node) {
		byPath[n.Path] = n
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	want := append([]string{}, servedPaths...)
	for _, t := range []string{"lxc", "qemu"} {
		for _, p := range guestPaths {
			want = append(want, fmt.Sprintf(p, t))
		}
	}
	sort.Strings(want)
	result := map[string]map[string]any{}
	for _, p := range want {
		n, ok := byPath[p]
		if !ok {
			return fmt.Errorf("path %s not in the API description", p)
		}
		methods := map[string]any{}
		for m, info := range n.Info {
			var mi struct {
				AllowToken int `json:"allowtoken"`
				Parameters struct {
					AdditionalProperties *int                       `json:"additionalProperties"`
					Properties           map[string]json.RawMessage `json:"properties"`
				} `json:"parameters"`
			}
			if err := json.Unmarshal(info, &mi); err != nil {
				return fmt.Errorf("%s %s: %w", m, p, err)
			}
			props := map[string]any{}
			for name, s := range mi.Parameters.Properties {
				v, err := strip(s)
				if err != nil {
					return fmt.Errorf("%s %s %s: %w", m, p, name, err)
				}
				props[name] = v
			}
			entry := map[string]any{"params": props}
			if mi.AllowToken == 1 {
				entry["allowtoken"] = 1
			}
			if mi.Parameters.AdditionalProperties == nil || *mi.Parameters.AdditionalProperties != 0 {
				entry["additional"] = 1
			}
			methods[m] = entry
		}
		result[p] = methods
	}
	b, err := json.MarshalIndent(result, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

// strip keeps the validation-relevant keys of a parameter schema, recursing
// into property-string formats and array items.
func strip(raw json.RawMessage) (map[string]any, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	res := map[string]any{}
	for k, v := range m {
		if !keptKeys[k] {
			continue
		}
		switch k {
		case "format":
			if len(v) > 0 && v[0] == '{' {
				var sub map[string]json.RawMessage
				if err := json.Unmarshal(v, &sub); err != nil {
					return nil, err
				}
				fm := map[string]any{}
				for sk, sv := range sub {
					s, err := strip(sv)
					if err != nil {
						return nil, err
					}
					fm[sk] = s
				}
				res[k] = fm
				continue
			}
		case "items":
			s, err := strip(v)
			if err != nil {
				return nil, err
			}
			res[k] = s
			continue
		case "default":
			// Only simple defaults are kept; prose defaults are useless here.
			var s string
			if json.Unmarshal(v, &s) == nil && len(s) > 40 {
				continue
			}
		}
		res[k] = v
	}
	return res, nil
}

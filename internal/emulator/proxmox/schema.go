package proxmox

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./internal/schemagen -in ../../../../shared/reference/pve-apidata-9.1.json -out schema/pve-api.json

// pveAPI is the part of PVE 9.1's API description the emulator serves,
// extracted by internal/schemagen.
//
//go:embed schema/pve-api.json
var pveAPI []byte

// paramSchema is one parameter (or property-string key) of PVE's JSON schema.
type paramSchema struct {
	Type       string          `json:"type"`
	Optional   flexNum         `json:"optional"`
	Enum       []flexString    `json:"enum"`
	Minimum    *flexNum        `json:"minimum"`
	Maximum    *flexNum        `json:"maximum"`
	MinLength  *flexNum        `json:"minLength"`
	MaxLength  *flexNum        `json:"maxLength"`
	Pattern    string          `json:"pattern"`
	RawFormat  json.RawMessage `json:"format"`
	DefaultKey flexNum         `json:"default_key"`
	Alias      string          `json:"alias"`
	KeyAlias   string          `json:"keyAlias"`
	Requires   string          `json:"requires"`
	Default    json.RawMessage `json:"default"`

	// Derived on load.
	format    string                  // registered format name
	subSchema map[string]*paramSchema // property-string format
	re        *regexp.Regexp
}

// methodSchema is one method of one path.
type methodSchema struct {
	AllowToken int                     `json:"allowtoken"`
	Additional int                     `json:"additional"`
	Params     map[string]*paramSchema `json:"params"`
}

var (
	schemaOnce sync.Once
	schemaAll  map[string]map[string]*methodSchema
)

// apiSchema returns the embedded schema, parsed once.
func apiSchema() map[string]map[string]*methodSchema {
	schemaOnce.Do(func() {
		if err := json.Unmarshal(pveAPI, &schemaAll); err != nil {
			panic("proxmox emulator: embedded schema: " + err.Error())
		}
		for _, methods := range schemaAll {
			for _, m := range methods {
				for _, p := range m.Params {
					p.prepare()
				}
			}
		}
	})
	return schemaAll
}

// methodFor returns the schema of method on the path template, or nil.
func methodFor(method, template string) *methodSchema {
	if ms := apiSchema()[template]; ms != nil {
		return ms[method]
	}
	return nil
}

func (p *paramSchema) prepare() {
	if len(p.RawFormat) > 0 {
		if p.RawFormat[0] == '"' {
			_ = json.Unmarshal(p.RawFormat, &p.format)
		} else if p.RawFormat[0] == '{' {
			_ = json.Unmarshal(p.RawFormat, &p.subSchema)
			for _, s := range p.subSchema {
				s.prepare()
			}
		}
	}
	if p.Pattern != "" {
		p.re = compilePerl(p.Pattern)
	}
}

// lookup finds the schema of a (possibly indexed) parameter: net0 matches
// "net[n]" when the index is in range.
func (m *methodSchema) lookup(name string) *paramSchema {
	if p, ok := m.Params[name]; ok {
		return p
	}
	base, idx, ok := splitIndex(name)
	if !ok {
		return nil
	}
	p, ok := m.Params[base+"[n]"]
	if !ok || idx > maxIndex(base) {
		return nil
	}
	return p
}

// splitIndex splits "net12" into "net", 12.
func splitIndex(name string) (string, int, bool) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i == 0 || i == len(name) || (name[i] == '0' && i < len(name)-1) {
		return "", 0, false
	}
	n, err := strconv.Atoi(name[i:])
	if err != nil {
		return "", 0, false
	}
	return name[:i], n, true
}

// maxIndex is the highest index of an indexed option (from pve-container
// LXC/Config.pm and qemu-server; the schema only gives it in prose).
func maxIndex(base string) int {
	switch base {
	case "net", "ipconfig":
		return 31
	case "scsi":
		return 30
	case "virtio":
		return 15
	case "sata":
		return 5
	case "ide":
		return 3
	case "serial", "parallel":
		return 3
	case "usb":
		return 13
	case "hostpci":
		return 15
	case "numa":
		return 7
	case "virtiofs":
		return 9
	default: // mp, unused, dev
		return 255
	}
}

var perlGroup = regexp.MustCompile(`\(\?\^[a-z]*:`)

// compilePerl translates one of PVE's Perl patterns to RE2 and anchors it the
// way JSONSchema.pm applies it (^(?:pattern)$).
func compilePerl(p string) *regexp.Regexp {
	p = perlGroup.ReplaceAllString(p, "(?:")
	p = strings.ReplaceAll(p, `\@`, `@`)
	p = strings.ReplaceAll(p, `\Z`, `$`)
	p = strings.ReplaceAll(p, `\z`, `$`)
	re, err := regexp.Compile(`^(?:` + p + `)$`)
	if err != nil {
		return nil
	}
	return re
}

// flexNum reads a schema number PVE sometimes writes as a string.
type flexNum float64

func (n *flexNum) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		f, _ := strconv.ParseFloat(s, 64)
		*n = flexNum(f)
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = flexNum(f)
	return nil
}

// flexString reads an enum value that may be a JSON number.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	var v string
	if json.Unmarshal(b, &v) == nil {
		*s = flexString(v)
		return nil
	}
	*s = flexString(strings.Trim(string(b), `"`))
	return nil
}

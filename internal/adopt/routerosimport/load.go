package routerosimport

import (
	"regexp"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	rosemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// load loads the export into the emulator and returns the lines it left
// out, for the report, with their line numbers.
func load(srv *rosemu.Server, script string) ([]adopt.Skipped, error) {
	rep, err := srv.LoadExportReport(script, false)
	if err != nil {
		return nil, err
	}
	var out []adopt.Skipped
	for _, s := range rep.Skipped {
		reason := s.Reason
		if s.Partial {
			reason += " (the rest of the line was loaded)"
		}
		out = append(out, adopt.Skipped{Menu: s.Menu, Object: redact(s.Text), Line: s.Line, Reason: reason})
	}
	return out, nil
}

// secretParam is a parameter whose value must not reach the report. The
// emulator already hides the values of secrets; this also catches keys and
// tokens it may not know, since the report is committed with the code.
var secretParam = regexp.MustCompile(`(^|[\s\[])(!?[A-Za-z0-9-]*(?:password|secret|key|passphrase|psk|token)=)("(?:[^"\\]|\\.)*"?|[^\s\]]*)`)

func redact(text string) string { return secretParam.ReplaceAllString(text, "${1}${2}***") }

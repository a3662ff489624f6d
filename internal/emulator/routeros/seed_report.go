package routeros

import (
	"fmt"
	"regexp"
	"strings"
)

// SeedReport tells what a load of an /export script did, so that a test run
// against the emulator can show which part of the router it does not hold.
type SeedReport struct {
	Loaded  int           // commands run, some of them without skipped parameters
	Skipped []SkippedLine // in the script's order, one per line
}

// SkippedLine is a command the emulator left out, whole or in part.
type SkippedLine struct {
	Line    int    // where the command starts (its "\" continuations join it)
	Menu    string // "/routing/ospf/instance"
	Text    string // the command with its menu; values of secrets are ***
	Reason  string // "menu /routing/ospf/instance is not modelled"
	Partial bool   // the other parameters of the line were loaded
}

// maxReportText is how much of a command String shows.
const maxReportText = 80

// String is a summary for people: a count, then one line per skip.
func (r SeedReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "loaded %s", plural(r.Loaded, "line"))
	if len(r.Skipped) == 0 {
		b.WriteString(", skipped nothing")
		return b.String()
	}
	fmt.Fprintf(&b, ", skipped %d:", len(r.Skipped))
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "\n  line %d %s: %s", s.Line, truncate(s.Text, maxReportText), s.Reason)
		if s.Partial {
			b.WriteString(" (the rest loaded)")
		}
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-3]) + "..."
	}
	return s
}

// unknownParams is the skip reason for parameters a menu does not have, ""
// for none.
func unknownParams(names []string, menuPath string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("parameter %s of %s is not modelled", names[0], menuPath)
	}
	return fmt.Sprintf("parameters %s of %s are not modelled", strings.Join(names, ", "), menuPath)
}

// secretValue matches a parameter whose value must not leave the script:
// password, secret, private-key, passphrase, authentication-key, and names
// ending in them (smtp-password, ipsec-secret). The value is quoted or runs
// to the next space or "]".
var secretValue = regexp.MustCompile(`(^|[\s\[])(!?(?:[A-Za-z0-9-]*-)?(?:password|secret|private-key|passphrase|authentication-key)=)("(?:[^"\\]|\\.)*"?|[^\s\]]*)`)

// redact replaces the values of secrets in script text by ***: the report
// ends up in CI logs.
func redact(text string) string {
	return secretValue.ReplaceAllString(text, "${1}${2}***")
}

// CheckSeed loads cfg.Seed into a router of its own built as Start builds
// one, without listening, and reports what was skipped (with strict, the
// first skip is an error). Start loads the seed the same way, so the report
// holds for the server it starts; checking first keeps Start's promise that
// the seed is in place before the first connection.
func CheckSeed(cfg Config, strict bool) (SeedReport, error) {
	ports := cfg.EthernetPorts
	if ports <= 0 {
		ports = 10 // as Start
	}
	d := newDB(cfg.Version, ports)
	d.setPoE(cfg.PoEPorts)
	return d.loadExport(cfg.Seed, strict)
}

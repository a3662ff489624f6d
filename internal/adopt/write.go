package adopt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Options say where and how to write.
type Options struct {
	Dir string
	// Force writes into a directory that already holds .tf files: the
	// generated files are replaced, earlier generated files no longer
	// produced are removed, files written by hand are kept.
	Force bool
	// AllowPartial writes even when something cannot be expressed; it goes
	// into the report instead.
	AllowPartial bool
}

// Summary is what Run did.
type Summary struct {
	Files       []string // names written, sorted
	Imports     int
	Unexpressed []Skipped
}

// UnexpressedError lists what the configuration could not express; nothing
// was written.
type UnexpressedError struct{ Items []Skipped }

func (e *UnexpressedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d thing(s) on the system cannot be expressed in the configuration (nothing was written; "+
		"--allow-partial writes the rest and lists these in IMPORT-REPORT.md):", len(e.Items))
	for _, s := range e.Items {
		obj := s.Object
		if s.Field != "" {
			obj += " " + s.Field
		}
		fmt.Fprintf(&b, "\n  %s %s: %s", s.Menu, obj, s.Reason)
		if s.Line > 0 {
			fmt.Fprintf(&b, " (line %d)", s.Line)
		}
	}
	return b.String()
}

// Run reads every source and writes the configuration into opts.Dir.
func Run(ctx context.Context, sources []Source, opts Options) (*Summary, error) {
	if err := checkDir(opts.Dir, opts.Force); err != nil {
		return nil, err
	}
	var results []*Result
	for _, s := range sources {
		r, err := s.Read(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", s.Name(), err)
		}
		results = append(results, r)
	}
	files, sum, err := Generate(results, opts.AllowPartial)
	if err != nil {
		return sum, err
	}
	return sum, writeFiles(opts.Dir, files)
}

// Generate renders the files of the configuration from what the sources read.
func Generate(results []*Result, allowPartial bool) (map[string][]byte, *Summary, error) {
	var rs []*Resource
	var vars []Variable
	var blocks []*Block
	sum := &Summary{}
	for _, r := range results {
		rs = append(rs, r.Resources...)
		vars = append(vars, r.Variables...)
		if r.Provider != nil {
			blocks = append(blocks, r.Provider)
		}
		sum.Unexpressed = append(sum.Unexpressed, r.Unexpressed...)
	}
	if len(sum.Unexpressed) > 0 && !allowPartial {
		return nil, sum, &UnexpressedError{sum.Unexpressed}
	}
	if err := checkUnique(rs); err != nil {
		return nil, sum, err
	}
	sort.SliceStable(vars, func(i, j int) bool { return vars[i].Name < vars[j].Name })
	rs = byFile(rs)
	files := resourceFiles(rs)
	for name := range files {
		if reserved[name] {
			return nil, sum, fmt.Errorf("a source put resources into %s, a file of its own", name)
		}
	}
	files["versions.tf"] = versionsFile()
	files["provider.tf"] = providerFile(blocks)
	files["variables.tf"] = variablesFile(vars)
	files["imports.tf"] = importsFile(rs)
	files["IMPORT-REPORT.md"] = report(results, rs, allowPartial)
	for name := range files {
		sum.Files = append(sum.Files, name)
	}
	sort.Strings(sum.Files)
	sum.Imports = len(rs)
	return files, sum, nil
}

var reserved = map[string]bool{"versions.tf": true, "provider.tf": true, "variables.tf": true, "imports.tf": true}

// checkDir refuses a directory that already holds configuration, unless forced.
func checkDir(dir string, force bool) error {
	if dir == "" {
		return errors.New("no output directory: use --out DIR")
	}
	tf, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(tf) == 0 || force {
		return err
	}
	for i := range tf {
		tf[i] = filepath.Base(tf[i])
	}
	return fmt.Errorf("%s already holds configuration (%s): choose an empty directory, or use --force to replace the generated files",
		dir, strings.Join(tf, ", "))
}

// writeFiles writes the files and removes earlier generated .tf files this
// run no longer produces (they would plan resources to create).
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, p := range old {
		if _, ours := files[filepath.Base(p)]; ours {
			continue
		}
		if b, err := os.ReadFile(p); err == nil && bytes.HasPrefix(b, []byte(header[:len(header)-1])) {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

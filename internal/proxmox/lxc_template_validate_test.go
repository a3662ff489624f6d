package proxmox

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestTemplateFileError(t *testing.T) {
	for _, ok := range []string{"ubuntu-24.04-standard_24.04-2_amd64.tar.zst", "x.tar", "x.tar.gz", "x.tar.xz", "x.tar.bz2", "Runner.TAR.ZST"} {
		if err := templateFileError(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for name, want := range map[string]string{
		"../../../../tmp/x":                   `is a path`,
		"../../../../tmp/x.tar.zst":           `it would store "x.tar.zst"`,
		`..\x.tar.zst`:                        `is a path`,
		"my template.tar.zst":                 `contains " "`,
		"a;b.tar.zst":                         `it would store "a_b.tar.zst"`,
		"x.iso":                               `does not end in .tar`,
		"x.tar.foo":                           `does not end in .tar`,
		strings.Repeat("a", 250) + ".tar.zst": `longer than the 255`,
	} {
		err := templateFileError(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error containing %q", name, err, want)
		}
	}
}

func TestChecksumError(t *testing.T) {
	digits := map[string]int{"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}
	for algo, n := range digits {
		a := types.StringValue(algo)
		if err := checksumError(types.StringValue(strings.Repeat("aB", n/2)), a); err != nil {
			t.Errorf("%s with %d digits: %v", algo, n, err)
		}
		for _, bad := range []int{3, n - 1, n + 1} {
			err := checksumError(types.StringValue(strings.Repeat("a", bad)), a)
			if err == nil || !strings.Contains(err.Error(), "a "+algo+" checksum (`checksum_algorithm`)") || !strings.Contains(err.Error(), "has "+strconv.Itoa(n)) {
				t.Errorf("%s with %d digits: %v", algo, bad, err)
			}
		}
	}
	// sha256 without an algorithm (the provider's default).
	if err := checksumError(types.StringValue("abc"), types.StringNull()); err == nil || !strings.Contains(err.Error(), "sha256 checksum (the default `checksum_algorithm`) has 64") {
		t.Errorf("default algorithm: %v", err)
	}
	if err := checksumError(types.StringValue(strings.Repeat("0", 32)), types.StringNull()); err == nil {
		t.Error("an md5-long checksum passed as sha256")
	}
	// Unknown or absent values are left to apply time / other validators.
	for _, c := range [][2]types.String{{types.StringNull(), types.StringValue("md5")}, {types.StringUnknown(), types.StringNull()},
		{types.StringValue("abc"), types.StringUnknown()}, {types.StringValue("xyz"), types.StringNull()}} {
		if err := checksumError(c[0], c[1]); err != nil {
			t.Errorf("%v/%v: %v", c[0], c[1], err)
		}
	}
}

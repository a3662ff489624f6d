package routeros

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// An SSH key's summary is what RouterOS prints of it: key-type, bits and
// key-owner. The state of an imported key holds the summary in place of the
// key, spelled "key-type=ed25519 bits=256 key-owner=admin@laptop".
const summaryPrefix = "key-type="

// sshKey is a parsed OpenSSH public key line.
type sshKey struct {
	typ   string // RouterOS key-type: rsa, ed25519
	bits  int
	blob  string // base64 of the key
	owner string // the comment
}

// parseSSHKey reads "ssh-ed25519 AAAA... comment".
func parseSSHKey(s string) (sshKey, error) {
	parts := strings.Fields(s)
	if len(parts) < 2 {
		return sshKey{}, fmt.Errorf("not an OpenSSH public key line such as \"ssh-ed25519 AAAA... user@host\"")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[1])
	if err != nil {
		return sshKey{}, fmt.Errorf("the key's base64 does not decode: %v", err)
	}
	fields, err := sshStrings(raw)
	if err != nil || len(fields) == 0 || string(fields[0]) != parts[0] {
		return sshKey{}, fmt.Errorf("the key's data is not a %s key", parts[0])
	}
	k := sshKey{blob: parts[1], owner: strings.Join(parts[2:], " ")}
	switch parts[0] {
	case "ssh-ed25519":
		if len(fields) != 2 || len(fields[1]) != 32 {
			return sshKey{}, fmt.Errorf("the key's data is not an ed25519 key")
		}
		k.typ, k.bits = "ed25519", 256
	case "ssh-rsa":
		if len(fields) != 3 {
			return sshKey{}, fmt.Errorf("the key's data is not an RSA key")
		}
		k.typ, k.bits = "rsa", new(big.Int).SetBytes(fields[2]).BitLen()
	default:
		return sshKey{}, fmt.Errorf("%q keys are not supported; RouterOS takes ssh-rsa and ssh-ed25519 keys", parts[0])
	}
	return k, nil
}

// sshStrings splits the SSH wire format: length-prefixed strings.
func sshStrings(b []byte) ([][]byte, error) {
	var out [][]byte
	for len(b) > 0 {
		if len(b) < 4 {
			return nil, fmt.Errorf("truncated")
		}
		n := binary.BigEndian.Uint32(b)
		if uint64(n) > uint64(len(b)-4) {
			return nil, fmt.Errorf("truncated")
		}
		out = append(out, b[4:4+n])
		b = b[4+n:]
	}
	return out, nil
}

func checkSSHKey(s string) error {
	if _, err := parseSSHKey(s); err != nil {
		return fmt.Errorf("not an OpenSSH public key (\"ssh-ed25519 AAAA... user@host\"): %w", err)
	}
	return nil
}

func (k sshKey) summary() string {
	return summaryPrefix + k.typ + " bits=" + strconv.Itoa(k.bits) + " key-owner=" + k.owner
}

// printedSSHKey is the summary of the key a printed row holds.
func printedSSHKey(row map[string]string) string {
	typ := row["key-type"]
	if typ == "" && row["RSA"] == "true" { // early 7.x printed an RSA flag
		typ = "rsa"
	}
	if typ == "" {
		return ""
	}
	return summaryPrefix + typ + " bits=" + row["bits"] + " key-owner=" + row["key-owner"]
}

// sameSSHKey compares two keys exactly, and a key with a summary by what
// the summary shows.
func sameSSHKey(a, b string) bool {
	ka, erra := parseSSHKey(a)
	kb, errb := parseSSHKey(b)
	switch {
	case erra == nil && errb == nil:
		return ka.typ == kb.typ && ka.blob == kb.blob && ka.owner == kb.owner
	case erra == nil && strings.HasPrefix(b, summaryPrefix):
		return ka.summary() == b
	case errb == nil && strings.HasPrefix(a, summaryPrefix):
		return kb.summary() == a
	}
	return false
}

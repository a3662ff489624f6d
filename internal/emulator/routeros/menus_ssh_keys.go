package routeros

import (
	"crypto/rsa"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"
)

// sshKeys is /user/ssh-keys. RouterOS 7's console inspect (TR's
// tools/schema_changes dumps, 7.9 to 7.19) lists add (user, key, comment),
// import, print, remove and no set: a key row cannot be changed. Print shows
// user, key-type, bits and key-owner (the key's comment), never the key
// itself (TR's REST sample; also an RSA flag on early 7.x, not modelled).
// Unconfirmed: the refusal of a malformed key (here "failure: unable to load
// key"), which key types a router takes (ssh-rsa and ssh-ed25519 here),
// key-owner of a key without a comment (left out of print here), whether the
// same key may be added twice (allowed here), and the wording of a change
// attempt (the "no such command" of a missing set).
func sshKeys() *menu {
	return &menu{
		path: "/user/ssh-keys", table: "user/ssh-keys",
		canAdd: true, canRemove: true,
		fields: []*field{
			fStr("user").req(),
			fStr("key").req().hidden(),
			fStr("comment"),
		},
		check: func(d *db, r, old *row) error {
			if old != nil {
				return errNoSuchCommand("set")
			}
			if d.find(d.menus["/user"], r.vals["user"]) == nil {
				return errNoMatch("user")
			}
			pub, comment, _, _, err := ssh.ParseAuthorizedKey([]byte(r.vals["key"]))
			if err != nil {
				return failure("unable to load key")
			}
			switch pub.Type() {
			case ssh.KeyAlgoED25519:
				r.vals["key-type"], r.vals["bits"] = "ed25519", "256"
			case ssh.KeyAlgoRSA:
				ck, _ := pub.(ssh.CryptoPublicKey)
				rk, _ := ck.CryptoPublicKey().(*rsa.PublicKey)
				if rk == nil {
					return failure("unable to load key")
				}
				r.vals["key-type"], r.vals["bits"] = "rsa", strconv.Itoa(rk.N.BitLen())
			default:
				return failure("unable to load key")
			}
			r.vals["key-owner"] = strings.TrimSpace(comment)
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			out := (*p)[:0]
			for _, kv := range *p {
				if kv.k != "key" { // the router keeps the key to itself
					out = append(out, kv)
				}
			}
			*p = out
			for _, k := range []string{"key-type", "bits", "key-owner"} {
				if v := r.vals[k]; v != "" {
					p.set(k, v)
				}
			}
		},
	}
}

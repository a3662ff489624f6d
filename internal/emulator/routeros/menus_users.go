package routeros

import "strings"

// policies are RouterOS 7's user group policies in the order print lists
// them (MikroTik manual, "User" page).
var policies = []string{"local", "telnet", "ssh", "ftp", "reboot", "read", "write", "policy", "test", "winbox", "password",
	"web", "sniff", "sensitive", "api", "romon", "rest-api"}

// builtinGroups are the groups of a fresh router.
var builtinGroups = map[string]string{
	"read":  "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,api,romon,rest-api",
	"write": "local,telnet,ssh,ftp,reboot,read,write,test,winbox,password,web,sniff,api,romon,rest-api",
	"full":  strings.Join(policies, ","),
}

// userGroup is /user/group. A group's policy is printed as every policy,
// the granted ones first and then the others negated ("read,api,!ftp,...");
// the builtin read, write and full groups cannot be changed or removed.
func userGroup() *menu {
	return &menu{
		path: "/user/group", table: "user/group", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "group with such name already exists",
		fields: []*field{
			fStr("name").req(),
			{name: "policy", kind: kFlags, enum: policies, required: true, itemNeg: true},
			fStr("skin").dflt("default"),
			fStr("comment"),
		},
		check: func(d *db, r, old *row) error {
			r.vals["policy"] = fullPolicy(r.vals["policy"])
			return nil
		},
		removable: func(r *row) error {
			if r.vals["builtin"] == "true" {
				return failure("can not remove builtin group")
			}
			return nil
		},
	}
}

// fullPolicy is how RouterOS stores a policy list: the granted policies in
// canonical order, then every other one negated.
func fullPolicy(v string) string {
	granted := map[string]bool{}
	for _, p := range splitList(v) {
		if !strings.HasPrefix(p, "!") {
			granted[p] = true
		}
	}
	var pos, neg []string
	for _, p := range policies {
		if granted[p] {
			pos = append(pos, p)
		} else {
			neg = append(neg, "!"+p)
		}
	}
	return strings.Join(append(pos, neg...), ",")
}

// user is /user. The password is never printed. The users the API logs in
// with are Config.Users, not these rows (unconfirmed detail not modelled:
// a user added here cannot log in to the emulator).
func user() *menu {
	return &menu{
		path: "/user", table: "user", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "user with such name already exists",
		fields: []*field{
			fStr("name").req(),
			fStr("group").req(),
			fStr("password").hidden(),
			fKind("address", kList),
			fStr("comment"),
			fBool("disabled", "false"),
		},
		check: func(d *db, r, old *row) error {
			if d.find(d.menus["/user/group"], r.vals["group"]) == nil {
				return errNoMatch("group")
			}
			for _, a := range splitList(r.vals["address"]) {
				if _, ok := parsePrefix(a); !ok {
					if _, ok := parseIPv4(a); !ok {
						return argErr("invalid value for argument address")
					}
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			out := (*p)[:0]
			for _, kv := range *p {
				if kv.k != "password" { // write-only on the router
					out = append(out, kv)
				}
			}
			*p = out
			p.set("last-logged-in", "")
			p.set("expired", "false")
		},
	}
}

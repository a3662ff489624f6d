#!/usr/bin/env bash
# demo.sh: applies examples/homelab to the RouterOS and Proxmox emulators and a
# Vault dev server, all on loopback, in the bootstrap order of the example's
# README (the Vault PKI first; then everything, trusting the devices' own CAs
# and the lab's root CA, while the router and the nodes switch to the lab's
# certificates); then plans again trusting only the lab's root CA, which must
# show no changes; prints a summary (the router as an /export, the guests per node,
# the CA chain, the wall times) and stops everything. Exits non-zero on any
# failure.
#
#   KEEP=1 tools/demo.sh   leave the lab running and print how to reach it
#   tools/demo.sh stop     stop a lab that KEEP=1 left running
#
# Ports are free ones, chosen at start (DEMO_ROUTEROS_PORT, DEMO_PROXMOX_PORT,
# DEMO_VAULT_PORT pin them). A server counts as started only when this
# script's own child says it listens, so a server of someone else's on a
# pinned port is reported as such instead of being talked to.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
work="$root/.demo"
keep=${KEEP:-}
[ "$keep" = 0 ] && keep=
start=$(date +%s)

step() { printf '\n==> %s\n' "$*"; }
since() { echo "$(( $(date +%s) - $1 ))s"; }

# stop_kept stops the servers a KEEP=1 run left, by the pids it recorded,
# each only if it still runs one of this demo's binaries.
stop_kept() {
  [ -f "$work/pids" ] || return 0
  while read -r pid; do
    if ps -o args= -p "$pid" 2>/dev/null | grep -q "^$bin/\(homelab-emulator\|vault\) "; then
      kill "$pid" 2>/dev/null || true
    fi
  done <"$work/pids"
  rm -f "$work/pids"
}
if [ "${1:-}" = stop ]; then
  stop_kept
  echo "demo: stopped"
  exit 0
fi
# One demo at a time per tree: they share .demo. The servers do not inherit
# the lock (9>&-), so a lab left running by KEEP=1 does not hold it.
if command -v flock >/dev/null; then
  mkdir -p "$bin" && exec 9>"$bin/.demo.lock" # bin/ is ignored by git; .demo is wiped
  flock -n 9 || { echo "demo: another demo is running in $root (it uses $work); wait for it to end" >&2; exit 1; }
fi
if [ -f "$work/pids" ]; then
  echo "demo: stopping the lab a previous KEEP=1 run left running"
  stop_kept
fi

rm -rf "$work" && mkdir -p "$work/plugins" "$work/home"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$work/pids"
}
kept=
trap '[ -n "$kept" ] || cleanup' EXIT

step "building the provider and homelab-emulator"
t=$(date +%s)
go build -o "$work/plugins/terraform-provider-homelab" "$root"
go build -o "$bin/homelab-emulator" "$root/cmd/homelab-emulator"
build_s=$(since "$t")

# who_listens PORT names the process listening there, when ss can tell.
who_listens() {
  command -v ss >/dev/null || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -1 || true
}

# wait_ready NAME PID LOG PATTERN PORT: until the child PID logs PATTERN; if
# it exits first, say why (naming the port when it was taken).
wait_ready() {
  for _ in $(seq 1 300); do
    if grep -q "$4" "$3" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then
      if grep -qi "address already in use" "$3"; then
        echo "demo: $1 could not listen: port $5 on 127.0.0.1 is taken by another process, not this demo's $(who_listens "$5")" >&2
        echo "demo: free it, or pin another port (DEMO_$(echo "$1" | tr a-z A-Z)_PORT=...)" >&2
      else
        echo "demo: $1 exited; its log:" >&2; cat "$3" >&2
      fi
      exit 1
    fi
    sleep 0.1
  done
  echo "demo: $1 did not start in 30s; its log:" >&2; cat "$3" >&2; exit 1
}

step "starting the emulators and a Vault dev server on loopback"
t=$(date +%s)
# The emulators take port 0 (the kernel's free port) unless pinned and print
# the one they got; Vault needs a number up front.
"$bin/homelab-emulator" routeros --listen "127.0.0.1:${DEMO_ROUTEROS_PORT:-0}" --user "admin=demo-password" \
  --listen-tls "127.0.0.1:${DEMO_ROUTEROS_TLS_PORT:-0}" --ca-out "$work/router-ca.pem" >"$work/routeros.log" 2>&1 9>&- &
pids+=($!); ros_pid=$!
# The cluster as the PVE installer leaves it (storages local and local-lvm;
# the example adds nas), the state TestAccHomelabExample starts from too.
"$bin/homelab-emulator" proxmox --listen "127.0.0.1:${DEMO_PROXMOX_PORT:-0}" --token "root@pam!demo=demo-secret" \
  --state "$root/internal/examplestest/testdata/proxmox-as-installed.json" \
  --ca-out "$work/pve-ca.pem" >"$work/proxmox.log" 2>&1 9>&- &
pids+=($!); pve_pid=$!
vault_port=${DEMO_VAULT_PORT:-$("$bin/homelab-emulator" free-port)}
HOME="$work/home" "$bin/vault" server -dev -dev-root-token-id=demo-root \
  -dev-listen-address="127.0.0.1:$vault_port" >"$work/vault.log" 2>&1 9>&- &
pids+=($!); vault_pid=$!
printf '%s\n' "${pids[@]}" >"$work/pids"
wait_ready routeros "$ros_pid" "$work/routeros.log" "api-ssl listening on" "${DEMO_ROUTEROS_PORT:-0}"
wait_ready proxmox "$pve_pid" "$work/proxmox.log" "CA certificate written" "${DEMO_PROXMOX_PORT:-0}"
wait_ready vault "$vault_pid" "$work/vault.log" "Vault server started" "$vault_port"
ros_port=$(sed -n 's/.*api listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/routeros.log" | head -1)
ros_tls_port=$(sed -n 's/.*api-ssl listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/routeros.log" | head -1)
pve_port=$(sed -n 's|.*listening on https://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/proxmox.log" | head -1)
echo "routeros 127.0.0.1:$ros_port (api-ssl $ros_tls_port), proxmox 127.0.0.1:$pve_port, vault 127.0.0.1:$vault_port"
start_s=$(since "$t")

cat > "$work/tofurc" <<CFG
provider_installation {
  dev_overrides {
    "registry.opentofu.org/homelab-iac/homelab" = "$work/plugins"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/tofurc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export TF_DATA_DIR="$work/tfdata"
export TF_VAR_routeros_url="apis://127.0.0.1:$ros_tls_port" TF_VAR_routeros_username=admin TF_VAR_routeros_password=demo-password
export TF_VAR_routeros_terraform_password=demo-terraform-password
export TF_VAR_proxmox_endpoint="https://127.0.0.1:$pve_port" TF_VAR_proxmox_api_token='root@pam!demo=demo-secret'
# Step 1 trusts the devices' own (self-signed) CAs.
export TF_VAR_routeros_ca_certificate="$work/router-ca.pem" TF_VAR_proxmox_ca_certificate="$work/pve-ca.pem"
export TF_VAR_vault_address="http://127.0.0.1:$vault_port" TF_VAR_vault_token=demo-root
tofu() { "$bin/tofu" -chdir="$root/examples/homelab" "$@"; }
state=(-state="$work/terraform.tfstate")

step "tofu get (local modules; the provider comes from dev_overrides, so no init)"
tofu get >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
t=$(date +%s)
step "tofu apply -target=module.pki (1: the lab's PKI, the devices untouched)"
tofu apply -input=false -auto-approve -parallelism=20 -target=module.pki "${state[@]}"
tofu output -raw "${state[@]}" root_ca_certificate >"$work/lab-root-ca.pem"
step "tofu apply (2: everything, trusting the devices' own CAs and the lab's root CA)"
cat "$work/router-ca.pem" "$work/lab-root-ca.pem" >"$work/router-ca+lab.pem"
cat "$work/pve-ca.pem" "$work/lab-root-ca.pem" >"$work/pve-ca+lab.pem"
export TF_VAR_routeros_ca_certificate="$work/router-ca+lab.pem" TF_VAR_proxmox_ca_certificate="$work/pve-ca+lab.pem"
tofu apply -input=false -auto-approve -parallelism=20 "${state[@]}"
apply_s=$(since "$t")
step "tofu plan (3: trusting only the lab's root CA; must show no changes)"
export TF_VAR_routeros_ca_certificate="$work/lab-root-ca.pem" TF_VAR_proxmox_ca_certificate="$work/lab-root-ca.pem"
t=$(date +%s)
set +e
tofu plan -input=false -detailed-exitcode -parallelism=20 "${state[@]}" >"$work/plan.log" 2>&1
rc=$?
set -e
plan_s=$(since "$t")
if [ "$rc" -ne 0 ]; then
  cat "$work/plan.log"
  echo "demo: the plan after apply is not empty (exit $rc)" >&2
  exit 1
fi

step "summary"
echo "resources by type:"
tofu state list "${state[@]}" | sed -E 's/^(module\.[^.]+(\[[^]]*\])?\.)*//; s/^data\./data./; s/\..*$//' \
  | sort | uniq -c | sort -rn
echo "resources: $(tofu state list "${state[@]}" | grep -vc '^data\.\|\.data\.' || true)"

echo
echo "the router, as /export of the emulator's state:"
ROUTEROS_URL="$TF_VAR_routeros_url" ROUTEROS_CA_CERTIFICATE="$work/lab-root-ca.pem" ROUTEROS_USERNAME=admin ROUTEROS_PASSWORD=demo-password \
  "$bin/homelab-emulator" export routeros | sed 's/^/  /'

echo
echo "guests per node:"
PROXMOX_VE_ENDPOINT="$TF_VAR_proxmox_endpoint" PROXMOX_VE_API_TOKEN="$TF_VAR_proxmox_api_token" \
  PROXMOX_VE_CA_CERTIFICATE="$work/lab-root-ca.pem" "$bin/homelab-emulator" show guests | sed 's/^/  /'

echo
echo "the CA chain (output intermediate_ca_chain, then root_ca_certificate):"
{ tofu output "${state[@]}" -raw intermediate_ca_chain; echo; tofu output "${state[@]}" -raw root_ca_certificate; } \
  | "$bin/homelab-emulator" show certs - | sed 's/^/  /'

echo
echo "wall times: build ${build_s}, servers up ${start_s}, applies ${apply_s}, plan trusting only the lab's CA ${plan_s} (no changes); whole demo $(since "$start")"

if [ -z "$keep" ]; then
  exit 0
fi
kept=1
cat <<EOF

The lab keeps running (KEEP=1):
  RouterOS API  apis://127.0.0.1:$ros_tls_port (api://127.0.0.1:$ros_port)  user admin, password demo-password (and terraform / demo-terraform-password)
  Proxmox VE    https://127.0.0.1:$pve_port  token root@pam!demo=demo-secret (root@pam password emulator)
  the lab's CA  $work/lab-root-ca.pem (what the router's api-ssl and the nodes now serve chain to)
  Vault         http://127.0.0.1:$vault_port   token demo-root
  logs          $work/{routeros,proxmox,vault}.log

Plan against it (from $root):
  export TF_CLI_CONFIG_FILE=$work/tofurc TF_DATA_DIR=$work/tfdata CHECKPOINT_DISABLE=1
  export TF_VAR_routeros_url=apis://127.0.0.1:$ros_tls_port TF_VAR_routeros_username=admin TF_VAR_routeros_password=demo-password
  export TF_VAR_routeros_ca_certificate=$work/lab-root-ca.pem
  export TF_VAR_routeros_terraform_password=demo-terraform-password
  export TF_VAR_proxmox_endpoint=https://127.0.0.1:$pve_port TF_VAR_proxmox_api_token='root@pam!demo=demo-secret'
  export TF_VAR_proxmox_ca_certificate=$work/lab-root-ca.pem
  export TF_VAR_vault_address=http://127.0.0.1:$vault_port TF_VAR_vault_token=demo-root
  bin/tofu -chdir=examples/homelab plan -state=$work/terraform.tfstate

Stop it:
  tools/demo.sh stop        (or: kill ${pids[*]})
EOF

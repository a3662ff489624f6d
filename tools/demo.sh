#!/usr/bin/env bash
# demo.sh: applies examples/homelab to the RouterOS and Proxmox emulators and a
# Vault dev server, all on loopback; then plans again, which must show no
# changes; prints a summary and stops everything. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
work="$root/.demo"
ros_port=${DEMO_ROUTEROS_PORT:-18728}
pve_port=${DEMO_PROXMOX_PORT:-18006}
vault_port=${DEMO_VAULT_PORT:-18200}
start=$(date +%s)

rm -rf "$work" && mkdir -p "$work/plugins" "$work/home"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "building the provider and homelab-emulator"
go build -o "$work/plugins/terraform-provider-homelab" "$root"
go build -o "$bin/homelab-emulator" "$root/cmd/homelab-emulator"

wait_port() { # wait_port NAME PORT LOG
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$1 did not start; its log:" >&2; cat "$3" >&2; exit 1
}

step "starting the emulators and a Vault dev server on loopback"
"$bin/homelab-emulator" routeros --listen "127.0.0.1:$ros_port" --user "admin=demo-password" \
  >"$work/routeros.log" 2>&1 &
pids+=($!)
"$bin/homelab-emulator" proxmox --listen "127.0.0.1:$pve_port" --token "root@pam!demo=demo-secret" \
  --ca-out "$work/pve-ca.pem" >"$work/proxmox.log" 2>&1 &
pids+=($!)
HOME="$work/home" "$bin/vault" server -dev -dev-root-token-id=demo-root \
  -dev-listen-address="127.0.0.1:$vault_port" >"$work/vault.log" 2>&1 &
pids+=($!)
wait_port routeros "$ros_port" "$work/routeros.log"
wait_port proxmox "$pve_port" "$work/proxmox.log"
wait_port vault "$vault_port" "$work/vault.log"
for _ in $(seq 1 100); do [ -s "$work/pve-ca.pem" ] && break; sleep 0.1; done

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
export TF_VAR_routeros_url="api://127.0.0.1:$ros_port" TF_VAR_routeros_username=admin TF_VAR_routeros_password=demo-password
export TF_VAR_proxmox_endpoint="https://127.0.0.1:$pve_port" TF_VAR_proxmox_api_token='root@pam!demo=demo-secret'
export TF_VAR_proxmox_ca_certificate="$work/pve-ca.pem"
export TF_VAR_vault_address="http://127.0.0.1:$vault_port" TF_VAR_vault_token=demo-root
tofu() { "$bin/tofu" -chdir="$root/examples/homelab" "$@"; }
state=(-state="$work/terraform.tfstate")

step "tofu get (local modules; the provider comes from dev_overrides, so no init)"
tofu get >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
step "tofu apply"
apply_start=$(date +%s)
tofu apply -input=false -auto-approve -parallelism=20 "${state[@]}"
apply_s=$(( $(date +%s) - apply_start ))
step "tofu plan (must show no changes)"
set +e
tofu plan -input=false -detailed-exitcode -parallelism=20 "${state[@]}" >"$work/plan.log" 2>&1
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  cat "$work/plan.log"
  echo "demo: the plan after apply is not empty (exit $rc)" >&2
  exit 1
fi

step "summary"
tofu state list "${state[@]}" | sed -E 's/^(module\.[^.]+(\[[^]]*\])?\.)*//; s/^data\./data./; s/\..*$//' \
  | sort | uniq -c | sort -rn
echo "resources: $(tofu state list "${state[@]}" | grep -vc '^data\.\|\.data\.' || true)"
echo "apply took ${apply_s}s; whole demo $(( $(date +%s) - start ))s; the second plan showed no changes"

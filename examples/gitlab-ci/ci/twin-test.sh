#!/usr/bin/env bash
# twin-test.sh: the merge request's code, tried on a twin of the real lab
# before anything touches the lab.
#
#  1. GETs the real state from GitLab's HTTP state backend (TF_STATE_URL) with
#     the job token: a plain read, no lock, and nothing is ever written back;
#  2. GETs the snapshots the scheduled `twin-snapshot` job took of the router
#     and the cluster (TWIN_SNAPSHOT_URL/router.json, /pve.json) and starts the
#     twins from them on free loopback ports, with the real ids;
#  3. with a local backend holding that copy of the state (an override file,
#     removed on exit), runs plan -> apply -> plan -detailed-exitcode of this
#     code on the twins: the last plan must be empty.
#
# Errors the router or the cluster would give come from the twins, with the
# devices' own messages. Writes under TWIN_DIR only; the copied state (which
# holds the lab's secrets) is deleted on exit, the twins' logs are kept.
set -euo pipefail
: "${CI_JOB_TOKEN:?}" "${TF_STATE_URL:?}" "${TWIN_SNAPSHOT_URL:?}"
root=${GITLAB_TOFU_ROOT_DIR:-$CI_PROJECT_DIR}
twin=${TWIN_DIR:-$CI_PROJECT_DIR/.twin}
tofu=${TOFU:-tofu}
override="$root/twin_backend_override.tf"

say() { printf '\n==> %s\n' "$*"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$override" "$twin/state.tfstate" "$twin/state.tfstate.backup" "$twin/twin.tfplan" "$twin/tfdata"
}
trap cleanup EXIT
rm -rf "$twin" && mkdir -p "$twin"

# get URL FILE: a GET with the job token as GitLab's HTTP backend sends it
# (basic auth as gitlab-ci-token), kept off the command line and the log.
# Prints the HTTP status.
get() {
  printf 'user = "gitlab-ci-token:%s"\n' "$CI_JOB_TOKEN" |
    curl --config - --silent --show-error --location --get -o "$2" -w '%{http_code}' "$1"
}

say "the real state, read-only: GET $TF_STATE_URL"
code=$(get "$TF_STATE_URL" "$twin/state.tfstate")
case "$code" in
  200) echo "serial $(sed -n 's/^  "serial": \([0-9]*\),$/\1/p' "$twin/state.tfstate"), $(grep -c '"mode": "managed"' "$twin/state.tfstate" || true) managed resources" ;;
  204) echo "no state yet (first deployment): the twins start from the snapshots with an empty state"; rm -f "$twin/state.tfstate" ;;
  *) echo "twin-test: reading the state failed: HTTP $code" >&2; exit 1 ;;
esac

say "the snapshots of the scheduled twin-snapshot job: $TWIN_SNAPSHOT_URL"
for f in router.json pve.json; do
  code=$(get "$TWIN_SNAPSHOT_URL/$f" "$twin/$f")
  if [ "$code" != 200 ]; then
    echo "twin-test: no snapshot $f (HTTP $code): run the twin-snapshot schedule once, or see the guide's" >&2
    echo "twin-test: baseline-then-change flow for a pipeline without snapshots" >&2
    exit 1
  fi
done

say "starting the twins"
user=${TF_VAR_routeros_username:-admin}
pass=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n') # the twins' own, valid for this job only
homelab-emulator routeros --listen 127.0.0.1:0 --user "$user=$pass" --seed "$twin/router.json" >"$twin/routeros.log" 2>&1 &
pids+=($!)
homelab-emulator proxmox --listen 127.0.0.1:0 --token "root@pam!twin=$pass" --state "$twin/pve.json" \
  --ca-out "$twin/pve-ca.pem" >"$twin/proxmox.log" 2>&1 &
pids+=($!)
# wait_ready NAME PID LOG PATTERN: until PID logs PATTERN; if it exits first, show its log.
wait_ready() {
  for _ in $(seq 1 300); do
    if grep -q "$4" "$3"; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "twin-test: the $1 twin exited:" >&2; cat "$3" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "twin-test: the $1 twin did not start in 30s:" >&2; cat "$3" >&2; exit 1
}
wait_ready routeros "${pids[0]}" "$twin/routeros.log" "api listening on"
wait_ready proxmox "${pids[1]}" "$twin/proxmox.log" "CA certificate written"
cat "$twin/routeros.log" "$twin/proxmox.log"
ros_port=$(sed -n 's/.*api listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$twin/routeros.log" | head -1)
pve_port=$(sed -n 's|.*listening on https://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$twin/proxmox.log" | head -1)

# The root module's connection variables (examples/homelab's names) point at the twins.
export TF_VAR_routeros_url="api://127.0.0.1:$ros_port" TF_VAR_routeros_username="$user" TF_VAR_routeros_password="$pass"
export TF_VAR_proxmox_endpoint="https://127.0.0.1:$pve_port" TF_VAR_proxmox_api_token="root@pam!twin=$pass"
export TF_VAR_proxmox_ca_certificate="$twin/pve-ca.pem"
unset TF_VAR_routeros_ca_certificate
export TF_DATA_DIR="$twin/tfdata" TF_IN_AUTOMATION=1 TF_INPUT=0

# The copy of the state in a local backend, in place of the HTTP one.
cat >"$override" <<HCL
terraform {
  backend "local" {
    path = "$twin/state.tfstate"
  }
}
HCL
say "tofu init (local backend: the copy of the real state)"
"$tofu" -chdir="$root" init -input=false -reconfigure
say "tofu plan on the twins: the plan the real apply would make"
"$tofu" -chdir="$root" plan -input=false -out="$twin/twin.tfplan"
say "tofu apply on the twins"
"$tofu" -chdir="$root" apply -input=false -auto-approve "$twin/twin.tfplan"
say "tofu plan again: must be empty"
rc=0
"$tofu" -chdir="$root" plan -input=false -detailed-exitcode || rc=$?
case $rc in
  0) echo "twin-test: the change applies on the twins and converges" ;;
  2) echo "twin-test: the plan after apply is not empty: the change does not converge" >&2; exit 1 ;;
  *) exit "$rc" ;;
esac

#!/usr/bin/env bash
# twin-snapshot.sh: the scheduled job. Reads the real router and cluster into
# the snapshots the merge requests' twin-test starts its twins from, and
# publishes them to the project's generic package TWIN_SNAPSHOT_URL (a GET
# returns the newest upload of a file). The snapshots hold ids, names and
# addresses of the lab, never a secret (homelab-emulator drops them).
#
# Reads the router with ROUTEROS_* and the cluster with PROXMOX_VE_* (give it a
# read-only router user and a PVE token with Sys.Audit, VM.Audit,
# Datastore.Audit and Pool.Audit on /); without them, with the TF_VAR_* the
# plan and apply jobs use.
set -euo pipefail
: "${CI_JOB_TOKEN:?}" "${TWIN_SNAPSHOT_URL:?}"
out=${TWIN_DIR:-$CI_PROJECT_DIR/.twin}
mkdir -p "$out"
export ROUTEROS_URL=${ROUTEROS_URL:-${TF_VAR_routeros_url:-}}
export ROUTEROS_USERNAME=${ROUTEROS_USERNAME:-${TF_VAR_routeros_username:-}}
export ROUTEROS_PASSWORD=${ROUTEROS_PASSWORD:-${TF_VAR_routeros_password:-}}
export ROUTEROS_CA_CERTIFICATE=${ROUTEROS_CA_CERTIFICATE:-${TF_VAR_routeros_ca_certificate:-}}
export PROXMOX_VE_ENDPOINT=${PROXMOX_VE_ENDPOINT:-${TF_VAR_proxmox_endpoint:-}}
export PROXMOX_VE_API_TOKEN=${PROXMOX_VE_API_TOKEN:-${TF_VAR_proxmox_api_token:-}}
export PROXMOX_VE_CA_CERTIFICATE=${PROXMOX_VE_CA_CERTIFICATE:-${TF_VAR_proxmox_ca_certificate:-}}

homelab-emulator snapshot routeros --out "$out/router.json"
homelab-emulator snapshot proxmox --out "$out/pve.json"
for f in router.json pve.json; do
  printf 'user = "gitlab-ci-token:%s"\n' "$CI_JOB_TOKEN" |
    curl --config - --fail --silent --show-error --upload-file "$out/$f" "$TWIN_SNAPSHOT_URL/$f"
  echo
done

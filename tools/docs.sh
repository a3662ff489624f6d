#!/usr/bin/env bash
# docs.sh: regenerates docs/ with tfplugindocs. tfplugindocs wants a `terraform`
# binary to read the provider's schema; we feed it the schema from the pinned
# OpenTofu instead, read through a dev_overrides CLI config (no init, no network).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/plugins/terraform-provider-homelab" "$root"
cat > "$work/tofurc" <<CFG
provider_installation {
  dev_overrides {
    "registry.opentofu.org/homelab-iac/homelab" = "$work/plugins"
  }
  direct {}
}
CFG
mkdir -p "$work/cfg"
cat > "$work/cfg/main.tf" <<'TF'
terraform {
  required_providers {
    homelab = { source = "homelab-iac/homelab" }
  }
}
TF
(cd "$work/cfg" && TF_CLI_CONFIG_FILE="$work/tofurc" "$root/bin/tofu" providers schema -json) > "$work/schema.raw.json"
# tfplugindocs looks the provider up under its Terraform registry address.
sed 's#"registry.opentofu.org/homelab-iac/homelab"#"registry.terraform.io/hashicorp/homelab"#' \
  "$work/schema.raw.json" > "$work/schema.json"
cd "$root"
"$root/bin/tfplugindocs" generate --provider-name homelab --providers-schema "$work/schema.json" >/dev/null

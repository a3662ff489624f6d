#!/usr/bin/env bash
# install-homelab-emulator.sh VERSION DIR: puts homelab-emulator VERSION into
# DIR (which the job has on PATH). Skipped when HOMELAB_EMULATOR_INSTALL=skip
# or when a homelab-emulator is already on PATH (an image that ships it, a
# runner that has it, the example's own acceptance test).
set -euo pipefail
version=${1:?usage: install-homelab-emulator.sh VERSION DIR}
dir=${2:?usage: install-homelab-emulator.sh VERSION DIR}
if [ "${HOMELAB_EMULATOR_INSTALL:-}" = skip ] || command -v homelab-emulator >/dev/null; then
  echo "homelab-emulator: using $(command -v homelab-emulator || echo 'the one on PATH') (install skipped)"
  exit 0
fi
mkdir -p "$dir"
module=github.com/homelab-iac/terraform-provider-homelab
if command -v go >/dev/null; then
  GOBIN="$dir" go install "$module/cmd/homelab-emulator@v$version"
else
  arch=$(uname -m); case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
  zip="homelab-emulator_${version}_linux_${arch}.zip"
  tmp=$(mktemp -d)
  curl --fail --silent --show-error --location -o "$tmp/$zip" "https://$module/releases/download/v$version/$zip"
  unzip -o -q "$tmp/$zip" homelab-emulator -d "$dir"
  rm -rf "$tmp"
fi
"$dir/homelab-emulator" free-port >/dev/null # it runs
echo "homelab-emulator $version installed in $dir"

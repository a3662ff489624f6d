#!/usr/bin/env bash
# build.sh NAME PACKAGE [LDFLAGS]: builds the pinned tool NAME from the module in
# tools/NAME into bin/NAME. The binary is rebuilt only when the tool's go.mod or
# go.sum changed since it was built (a stamp keeps their hash), because OpenTofu
# and Vault take many minutes to compile.
set -euo pipefail
name=$1 pkg=$2 ldflags=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
mod="$root/tools/$name"
out="$root/bin/$name"
stamp="$root/bin/.$name.stamp"
want=$(cat "$mod/go.mod" "$mod/go.sum" | sha256sum | cut -d' ' -f1)
if [[ -x "$out" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
mkdir -p "$root/bin"
echo "building $name from $pkg (pinned in tools/$name/go.mod); this can take several minutes" >&2
start=$(date +%s)
(cd "$mod" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out.tmp" "$pkg")
mv "$out.tmp" "$out"
echo "$want" > "$stamp"
echo "built bin/$name in $(( $(date +%s) - start ))s" >&2

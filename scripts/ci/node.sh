#!/usr/bin/env bash
# Puts the Node that Weerbaar runs on (package.json: optionalDependencies node-linux-*, Node 24 LTS) first
# on the PATH, so that `npm ci` itself and every check run on it, even where the system Node is older.
#   source scripts/ci/node.sh; ci_ensure_node     (prints the version it settled on)
#
# npm checks the engines of what it installs against the Node that runs npm, so `npm ci` must already
# run on Node 24: the binary is unpacked once from the npm registry's node-linux-<arch> package (the
# same package and version package-lock.json installs into node_modules) into a cache folder.

# shellcheck source=scripts/ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ci_node_arch() {
  case $(uname -m) in
  x86_64 | amd64) echo x64 ;;
  aarch64 | arm64) echo arm64 ;;
  *) return 1 ;;
  esac
}

ci_ensure_node() {
  local arch package version have cache
  arch=$(ci_node_arch) || ci_die "no Node package for $(uname -m); install Node $(ci_node_wanted) yourself" || return 1
  package="node-linux-$arch"
  version=$(node -p "require('./package.json').optionalDependencies['$package'] ?? ''" 2>/dev/null) || version=''
  [[ -n $version ]] || ci_die "package.json names no $package version" || return 1
  have=$(node --version 2>/dev/null || echo none)
  if [[ $have != "v$version" ]]; then
    cache="${XDG_CACHE_HOME:-$HOME/.cache}/weerbaar/$package-$version"
    if [[ ! -x $cache/bin/node ]]; then
      ci_say "system node is $have; unpacking $package@$version into $cache"
      local scratch
      scratch=$(mktemp -d)
      (cd "$scratch" && npm pack --silent "$package@$version" >/dev/null) || {
        rm -rf "$scratch"
        ci_die "could not fetch $package@$version from the npm registry"
        return 1
      }
      mkdir -p "$cache"
      tar -xzf "$scratch"/*.tgz -C "$cache" --strip-components=1 || {
        rm -rf "$scratch" "$cache"
        return 1
      }
      rm -rf "$scratch"
    fi
    export PATH="$cache/bin:$PATH"
  fi
  hash -r
  [[ $(node --version) == "v$version" ]] || ci_die "node is $(node --version), expected v$version" || return 1
  ci_say "node $(node --version) at $(command -v node)"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  cd "$(dirname "${BASH_SOURCE[0]}")/../.."
  ci_ensure_node
fi

#!/usr/bin/env bash
# Makes sure /usr/bin/chromium exists (the browser tests use it), installing Debian's package if not.
#   scripts/ci/chromium.sh            (or: source it and call ci_ensure_chromium)

# shellcheck source=scripts/ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CI_CHROMIUM=/usr/bin/chromium

ci_ensure_chromium() {
  if [[ -x $CI_CHROMIUM ]]; then
    ci_say "chromium present: $CI_CHROMIUM"
    return 0
  fi
  ci_is_root || ci_die "$CI_CHROMIUM is missing; install it: sudo apt-get install chromium" || return 1
  # With recommended packages: they include the fonts pages are rendered (and contrast-checked) with.
  ci_apt_install chromium || return 1
  [[ -x $CI_CHROMIUM ]] || ci_die "apt-get installed chromium but $CI_CHROMIUM is still missing"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  ci_ensure_chromium
fi

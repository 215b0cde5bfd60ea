# shellcheck shell=bash
# Small helpers shared by .ci/run and the scripts in scripts/ci/. Source it; it changes no shell options.

ci_say() { printf '%s\n' "$*" >&2; }
ci_die() {
  printf 'error: %s\n' "$*" >&2
  return 1
}

ci_is_root() { [[ $(id -u) -eq 0 ]]; }

# apt-get install ARGS..., non-interactive, with one apt-get update per shell. Needs root.
ci_apt_install() {
  ci_is_root || ci_die "installing $* needs root (or install it yourself)" || return 1
  export DEBIAN_FRONTEND=noninteractive
  if [[ -z ${CI_APT_UPDATED:-} ]]; then
    ci_say "apt-get update"
    apt-get update -q </dev/null || return 1
    CI_APT_UPDATED=1
  fi
  ci_say "apt-get install $*"
  apt-get install -y -q "$@" </dev/null
}

# 75 -> "1m15s"
ci_duration() {
  local seconds=$1
  if ((seconds >= 60)); then printf '%dm%02ds' $((seconds / 60)) $((seconds % 60)); else printf '%ds' "$seconds"; fi
}

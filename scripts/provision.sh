#!/usr/bin/env bash
# Makes sure the test suite's real parts are on this machine: redis-server (store and escalation
# tests) and Debian's chromium (web console tests). Installs them when running as root; otherwise
# stops with the exact command to run. The suites never skip silently.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "provision: installing ${missing[*]} (Debian packages)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "provision: done."
else
  echo "provision: the tests need ${missing[*]}. Install with:" >&2
  echo "  sudo sh -c '$cmd'" >&2
  exit 1
fi

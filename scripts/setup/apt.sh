#!/usr/bin/env bash
# Sourced by the other setup scripts: `apt_install PKG…` installs Debian packages with apt-get,
# as root directly or through `sudo` when run by another user. Fails with a clear message (exit
# code 2) when there is no apt-get, or neither root nor sudo.

# Runs a command as root: directly when root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "error: \`$*\` needs root: run this script as root, or install sudo" >&2
    return 2
  fi
}

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing $*, and no apt-get to install them (Debian/Ubuntu): install them by hand" >&2
    return 2
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || {
    echo "error: apt-get could not install $*" >&2
    return 2
  }
}

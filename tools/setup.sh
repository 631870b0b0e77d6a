#!/usr/bin/env bash
# Installs the Debian 12 packages dpa needs to build, test and run its demo.
# Idempotent: installs only what is missing. Needs root or sudo; fetches
# nothing except Debian packages.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libfmt-dev libcli11-dev doctest-dev libbenchmark-dev libsimdjson-dev
  pybind11-dev python3-dev python3-pytest python3-jsonschema
  python3-pandas python3-matplotlib python3-nbclient python3-ipykernel python3-mypy
  clang libclang-rt-14-dev valgrind graphviz ccache
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "dpa setup: installing ${missing[*]}" >&2
sudo_cmd=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "dpa setup: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# The peers and floors the benchmarks run beside leakguard, from Debian's packages:
# ripgrep (the keyword floor of bench/secrets), git-secrets (bench/git), GNU time (peak memory).
set -euo pipefail
need=()
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/git-secrets ] || need+=(git-secrets)
[ -x /usr/bin/time ] || need+=(time)
command -v git >/dev/null || need+=(git)
if [ "${#need[@]}" -eq 0 ]; then echo "bench tools: all present"; exit 0; fi
if [ "$(id -u)" -ne 0 ]; then echo "bench tools missing: ${need[*]} (install them with apt-get as root)"; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}"
echo "bench tools: installed ${need[*]}"

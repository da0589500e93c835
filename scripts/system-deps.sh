#!/usr/bin/env bash
# System packages the project needs: ICU and pkg-config (to build PyICU), a C++ compiler, and
# pdftotext from poppler-utils (evidence ingest of PDF files), and npm (the console's browser
# assets, scripts/assets.sh). Installed only when missing;
# needs root (CI and the dev machines run as root).
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists icu-uc 2>/dev/null || need+=(libicu-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

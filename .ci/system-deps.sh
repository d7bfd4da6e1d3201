#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium for the browser tests, poppler-utils
# (pdftotext) to read what Chromium prints, nginx for the deployment test (run as a plain
# process on 127.0.0.1, never as a service), faketime for the reproducible-build test (a second
# build at another date must give the same bytes).
# Installs them with apt-get when missing (as root); otherwise says what to install.
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)  # the print-to-PDF of the documents; quotes of signed PDFs
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
command -v faketime >/dev/null 2>&1 || packages+=(faketime)
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
else
  echo "The browser tests need these system packages: ${packages[*]}" >&2
  echo "Install them (e.g. sudo apt-get install ${packages[*]}) and run make test again." >&2
  exit 1
fi

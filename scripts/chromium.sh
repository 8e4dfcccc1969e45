#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (web/browser_test.go).
# Idempotent: a machine that has it returns at once. Usage: scripts/chromium.sh install
set -euo pipefail
case "${1:-}" in
install)
	if command -v chromium >/dev/null 2>&1; then
		exit 0
	fi
	echo "chromium: installing Debian's chromium for the browser tests" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
	;;
*)
	echo "usage: $0 install" >&2
	exit 2
	;;
esac

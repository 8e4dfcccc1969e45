#!/usr/bin/env bash
# Installs Debian's poppler-utils (pdftotext, pdftoppm) for the golden tests
# of the letters package, which compare the text extracted from the PDFs.
# Idempotent: a machine that has it returns at once. Usage: scripts/poppler.sh install
set -euo pipefail
case "${1:-}" in
install)
	if command -v pdftotext >/dev/null 2>&1; then
		exit 0
	fi
	echo "poppler: installing Debian's poppler-utils for the letters golden tests" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
	;;
*)
	echo "usage: $0 install" >&2
	exit 2
	;;
esac

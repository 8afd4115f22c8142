#!/usr/bin/env bash
# The JSON API against a real server: authorization matrix, CSRF, throttling, sessions, bad input.
set -u
command -v python3 >/dev/null || { echo "skipped: python3 not installed"; exit 77; }
exec python3 "$DONDOC_SRC/tests/api/web_api.py"

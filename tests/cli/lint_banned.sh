#!/usr/bin/env bash
# No banned function (see src/util/banned.h) may appear in the sources.
set -u
cd "$DONDOC_SRC" || exit 1
pat='(^|[^_a-zA-Z0-9>.])(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gmtime|localtime|gets)[[:space:]]*\('
hits=$(grep -rEn "$pat" src tests/unit fuzz 2>/dev/null | grep -v 'src/util/banned.h' || true)
if [ -n "$hits" ]; then
  echo "banned functions used:"; echo "$hits"; exit 1
fi
echo "lint_banned: no banned functions in src/, tests/unit/, fuzz/"

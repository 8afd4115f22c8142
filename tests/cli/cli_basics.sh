#!/usr/bin/env bash
# The command line's contract: help, version, exit codes for usage errors.
set -u
fail=0
check() { # check DESC EXPECTED_RC CMD...
  local desc=$1 want=$2; shift 2
  "$@" >/tmp/cli_basics.out.$$ 2>/tmp/cli_basics.err.$$
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: $desc: exit $rc, want $want"; cat /tmp/cli_basics.err.$$; fail=1
  else
    echo "ok: $desc"
  fi
}
check "--help" 0 "$DONDOC" --help
grep -q "usage: dondoc" /tmp/cli_basics.out.$$ || { echo "FAIL: --help has no usage line"; fail=1; }
grep -q "normalize" /tmp/cli_basics.out.$$ || { echo "FAIL: --help does not list normalize"; fail=1; }
check "--version" 0 "$DONDOC" --version
grep -Eq '^dondoc [0-9]+\.[0-9]+\.[0-9]+$' /tmp/cli_basics.out.$$ || { echo "FAIL: --version output"; fail=1; }
check "-V" 0 "$DONDOC" -V
check "help normalize" 0 "$DONDOC" help normalize
grep -q "usage: dondoc normalize" /tmp/cli_basics.out.$$ || { echo "FAIL: help normalize"; fail=1; }
check "normalize --help" 0 "$DONDOC" normalize --help
check "no arguments" 2 "$DONDOC"
check "unknown command" 2 "$DONDOC" frobnicate
[ "$(wc -l </tmp/cli_basics.err.$$)" -eq 1 ] || { echo "FAIL: unknown command: not one line"; fail=1; }
grep -q "unknown command 'frobnicate'" /tmp/cli_basics.err.$$ || { echo "FAIL: message names the command"; fail=1; }
check "unknown global option" 2 "$DONDOC" --frobnicate
check "help unknown" 2 "$DONDOC" help frobnicate
check "bad --today" 2 "$DONDOC" --today 2021-02-31 version
check "--db without value" 2 "$DONDOC" version --db
check "missing file" 66 "$DONDOC" normalize /nonexistent/file.txt
rm -f /tmp/cli_basics.out.$$ /tmp/cli_basics.err.$$
[ $fail -eq 0 ] && echo "cli_basics: all passed"
exit $fail

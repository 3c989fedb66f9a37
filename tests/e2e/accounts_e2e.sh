#!/usr/bin/env bash
# Officers' accounts through the real service and the officers' tool: the
# first admin made once and only once; signing in keeps a private session
# file; roles decide what each may see; wrong passwords slow down and then
# lock, saying so; logout ends the session; no password or token reaches
# the service's log.
#
# Usage: accounts_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_service "$assets/catalog/sample_catalog.json"   # signed in as the officer

# The bootstrap works only while no account exists.
if printf 'another long password\n' | "$bin/carevoice-service" --db "$work/service.db" \
    --create-first-admin usurper 2>"$work/again.err"; then
  fail "a second first admin was made"
fi
grep -qF "accounts exist already" "$work/again.err" || fail "$(cat "$work/again.err")"

# The session file is the user's alone.
session_file=$(ls "$XDG_CONFIG_HOME"/carevoice/sessions/*)
[ "$(stat -c %a "$session_file")" = 600 ] || fail "the session file is readable by others"
officers_tool session >"$work/session.txt" || fail "no session"
grep -qF "signed in as e2e.officer (officer)" "$work/session.txt" || fail "$(cat "$work/session.txt")"

# A clerk sees anonymised lists, not words.
sign_in "$admin_name" "$admin_password"
printf 'clerk long password\n' | officers_tool account create --name e2e.clerk --role clerk >/dev/null
sign_in e2e.clerk "clerk long password"
officers_tool list --format json >/dev/null || fail "a clerk cannot list"
if officers_tool list --include-text --reason "curious clerk" 2>"$work/clerk.err"; then
  fail "a clerk read people's words"
fi
grep -qF "the clerk role may not read people's words or contact details" "$work/clerk.err" ||
  fail "$(cat "$work/clerk.err")"

# Wrong passwords: three free, then slowed, saying so.
for i in 1 2 3; do
  printf 'not the password\n' | officers_tool login --name e2e.clerk 2>"$work/wrong.err" && fail "a wrong password signed in"
  grep -qF "wrong name or password" "$work/wrong.err" || fail "$(cat "$work/wrong.err")"
done
printf 'not the password\n' | officers_tool login --name e2e.clerk 2>"$work/wrong.err" && fail "a wrong password signed in"
grep -qF "wait 2 seconds before trying again" "$work/wrong.err" || fail "$(cat "$work/wrong.err")"
printf 'clerk long password\n' | officers_tool login --name e2e.clerk 2>"$work/slowed.err" &&
  fail "a slowed account signed in at once"
grep -qF "too many wrong passwords in a row: wait" "$work/slowed.err" || fail "$(cat "$work/slowed.err")"
# An admin forgives them.
sign_in "$admin_name" "$admin_password"
officers_tool account unlock e2e.clerk >/dev/null || fail "unlock failed"
sign_in e2e.clerk "clerk long password"

# Logout ends the session at the service and here.
officers_tool logout 2>/dev/null || fail "logout failed"
[ ! -e "$session_file" ] || fail "the session file is still there"
if officers_tool list 2>"$work/out.err"; then fail "listed after logout"; fi
grep -qF "not signed in" "$work/out.err" || fail "$(cat "$work/out.err")"

# A disabled account cannot sign in, and its sessions end.
sign_in e2e.clerk "clerk long password"
cp "$session_file" "$work/clerk.session"
sign_in "$admin_name" "$admin_password"
officers_tool account disable e2e.clerk >/dev/null
cp "$work/clerk.session" "$session_file"
if officers_tool list 2>"$work/disabled.err"; then fail "a disabled account's session still works"; fi
printf 'clerk long password\n' | officers_tool login --name e2e.clerk 2>"$work/disabled.err" &&
  fail "a disabled account signed in"
grep -qF "this account is disabled" "$work/disabled.err" || fail "$(cat "$work/disabled.err")"

# Nothing secret in the service's log.
for secret in "clerk long password" "$admin_password" "$officer_password" \
              "$(cat "$work/clerk.session")"; do
  if grep -qF -- "$secret" "$work/service.err" "$work/service.out"; then
    fail "a password or token is in the service's log"
  fi
done
echo "e2e: accounts: first admin once, private sessions, roles, slowing, unlock, logout, disable"

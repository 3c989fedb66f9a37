#!/usr/bin/env bash
# A care-home tablet used with two switches (Space moves, Enter chooses),
# in portrait with Easy Read, finding the way only by what it says. The
# service is away while the resident speaks, so the feedback waits sealed;
# when the service is back an admin rotates the sealing key with the
# officers' tool. The feedback still arrives once, and the tablet takes
# the new key at its next contact.
#
# Usage: tablet_switch_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

outbox="$work/tablet/outbox.db"
mkdir -p "$work/tablet"
device_mode=tablet

start_xvfb 800x1280
start_service "$assets/catalog/sample_catalog.json"
first_address=$address
start_kiosk switch --mode tablet --input switch2 --catalog-refresh-ms 500
for _ in $(seq 1 300); do
  grep -q "sealing to key" "$work/kiosk-switch.err" && break
  sleep 0.1
done
first_key=$(sed -n 's/^syncer: sealing to key \([0-9a-f]*\) .*/\1/p' "$work/kiosk-switch.err" | head -n1)
[ -n "$first_key" ] || fail "the tablet never pinned a sealing key"
kill "$service_pid"; wait "$service_pid" 2>/dev/null || true

heard "Touch the screen"
focus_kiosk
press "What do you want to do?" Return
scan_to "Tell us how we're doing"
press "Which service is it about?" Return
scan_to "Choice, Day centres,"
press "Who are you?" Return
scan_to "Choice, Someone who works in care,"
press "Day centres" Return
scan_to "Choice, Very good,"
press "Tell us about your work" Return
type_ok_by_switches
press "Can we use your words?" Return
scan_to "Choice, No, do not use my words,"
press "Check what you are sending" Return
press "Staff here cannot read them" Return

start_service "$assets/catalog/sample_catalog.json" "$first_address"
sign_in "$admin_name" "$admin_password"
officers_tool sealing-key rotate >"$work/rotate.out" 2>>"$work/admin.err" ||
  fail "the admin could not rotate the sealing key: $(tail -n 1 "$work/admin.err")"
new_key=$(sed -n 's/^tablets seal to key \([0-9a-f]*\) .*/\1/p' "$work/rotate.out")
[ -n "$new_key" ] && [ "$new_key" != "$first_key" ] || fail "no new key: $(cat "$work/rotate.out")"
sign_in "$officer_name" "$officer_password"
arrived '"text": "ok"'
for _ in $(seq 1 300); do
  grep -q "sealing to key $new_key" "$work/kiosk-switch.err" && break
  sleep 0.1
done
grep -q "sealing to key $new_key" "$work/kiosk-switch.err" || fail "the tablet never took the new key"
echo "e2e: a tablet journey by two switches arrived once across a key rotation"

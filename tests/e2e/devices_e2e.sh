#!/usr/bin/env bash
# Enrolled devices through the real service, kiosk and officers' tool: a
# kiosk enrolled with a one-time code delivers; revoked while running, it
# is refused at once, still thanks the person, keeps their words queued and
# tells staff in its log and on the staff screen (left Ctrl+Alt+S, real X
# keys; never on the public's screens) that it needs enrolling again;
# the old code does not work twice; restarted with a new code it delivers
# the queue exactly once.
#
# Usage: devices_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk first --screenshot-dir "$work/shots"  # enrolled with a new code (lib.sh)
first_code=$enrolment_code
heard "Touch the screen or press any key to have your say"
focus_kiosk
before="Before revoking $RANDOM"
feedback_by_ear "$before"
arrived "$before"

sign_in "$admin_name" "$admin_password"
device=$(officers_tool device list | awk '{print $1}')
[ -n "$device" ] || fail "no device listed"
officers_tool device list | grep -q "$device  kiosk  e2e test  enrolled" || fail "device list: $(officers_tool device list)"
officers_tool device revoke "$device" | grep -q "REVOKED" || fail "the device was not revoked"
sign_in "$officer_name" "$officer_password"

# Revoked: the person is still thanked; their words wait on the kiosk.
tab_to "Button, Finish"
press "Touch the screen or press any key" Return
after="After revoking $RANDOM"
from=$(lines)
feedback_by_ear "$after"
heard "Your words are saved on this kiosk" "$from"
for _ in $(seq 1 100); do grep -q "refuses this device" "$work/kiosk-first.err" && break; sleep 0.1; done
grep -q "refuses this device" "$work/kiosk-first.err" || fail "the kiosk's log does not tell staff"
if grep -qi "enrol" "$log"; then fail "the public was told about enrolment"; fi
sleep 1
officers_tool list --format json --include-text --reason "e2e check" >"$work/list.json"
grep -qF "$after" "$work/list.json" && fail "a revoked device delivered"
# Staff, with their chord, see why and how much waits; the chord again
# goes back to where the person was.
from=$(lines)
press "This kiosk needs enrolling again" ctrl+alt+s
heard "Items waiting to be sent: 1" "$from"
for _ in $(seq 1 100); do ls "$work/shots/"*-staff.png >/dev/null 2>&1 && break; sleep 0.1; done
ls "$work/shots/"*-staff.png >/dev/null 2>&1 || fail "no screenshot of the staff screen"
press "Thank you" ctrl+alt+s
kill "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null || true

# The old code does not work again.
start_kiosk old-code --enrol "$first_code"
for _ in $(seq 1 100); do grep -q "enrolment refused" "$work/kiosk-old-code.err" && break; sleep 0.1; done
grep -qF "used already" "$work/kiosk-old-code.err" || fail "a used code was not refused: $(tail -n 3 "$work/kiosk-old-code.err")"
kill "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null || true

# A new code: the queue goes, once.
new_enrolment_code
start_kiosk again --enrol "$enrolment_code"
arrived "$after"
[ "$(grep -o "$after" "$work/list.json" | wc -l)" = 1 ] || fail "delivered more than once"
[ "$(grep -o "$before" "$work/list.json" | wc -l)" = 1 ] || fail "the first words were sent again"
echo "e2e: enrolled, revoked (queue kept, staff told in the log and on their screen), old code refused, re-enrolled, delivered once"

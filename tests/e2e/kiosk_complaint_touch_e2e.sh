#!/usr/bin/env bash
# "Something is wrong" by touch alone, as a person who cannot use keys: a
# real X window under Xvfb, real pointer clicks (`xdotool click`), each in
# the middle of the control as the kiosk last drew it (the JSON it saves
# beside each screenshot), scrolling with the scroll buttons when a control
# is out of view, the words tapped on the on-screen keyboard. No key is
# pressed. The complaint must arrive at the service.
#
# Usage: kiosk_complaint_touch_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk touch --screenshot-dir "$shots"
heard "Touch the screen or press any key to have your say"
window=$(timeout 30 xdotool search --sync --name '^CareVoice$' | head -n1)
[ -n "$window" ] || fail "no kiosk window"

click 640 400  # anywhere on the attract screen
heard "What would you like to do?"
for id in home.complaint danger.no service.day_centres provider.northshire_day_services \
          site.riverside_centre speaker.family_or_friend; do
  tap "$id"
done
heard "What happened?"
from=$(lines)
for letter in l a t e; do tap "osk.key.$letter"; done
heard_line "e" "$from"  # each letter is said as it is typed
for id in what.continue when.month outcome.continue discuss.no formal.complaint \
          quote.yes about.relative agreed.yes contact.anonymous; do
  tap "$id"
done
heard "Check what you are sending"
tap review.send
heard "Your concern is saved."

arrived '"kind": "complaint"'
grep -qF '"text": "late' "$work/list.json" || fail "the words did not arrive"
grep -qF '"happened": "last_month"' "$work/list.json" || fail "when it happened did not arrive"

# On the officers' queue, on the statutory clock; the tool refuses to close
# it unacknowledged, saying what to do instead, and acknowledges it.
officers_tool cases --format json >"$work/cases.json" 2>>"$work/admin.err" ||
  fail "no case queue: $(tail -n 1 "$work/admin.err")"
grep -qF '"statutory": true' "$work/cases.json" || fail "the complaint is not on the clock"
grep -qE '"acknowledge_by": "[0-9]{4}-[0-9]{2}-[0-9]{2}"' "$work/cases.json" || fail "no date due"
id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["cases"][0]["submission_id"])' \
  "$work/cases.json")
if officers_tool case "$id" close >/dev/null 2>"$work/close.err"; then
  fail "an unacknowledged complaint was closed"
fi
grep -qF "withdraw it" "$work/close.err" || fail "the refusal did not say why: $(cat "$work/close.err")"
officers_tool case "$id" acknowledge --contact "phone, as they asked" >"$work/ack.out" ||
  fail "could not acknowledge: $(cat "$work/ack.out")"
grep -q " acknowledged" "$work/ack.out" || fail "not acknowledged: $(cat "$work/ack.out")"
echo "e2e: a concern was raised by real pointer clicks alone, words tapped on screen, and acknowledged on the clock"

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
start_kiosk touch --screenshot-dir "$work/shots"
heard "Touch the screen or press any key to have your say"
window=$(timeout 30 xdotool search --sync --name '^CareVoice$' | head -n1)
[ -n "$window" ] || fail "no kiosk window"

# The newest saved layout.
latest() { ls "$work/shots/"*.json 2>/dev/null | sort | tail -n1; }

# where ID FILE: "X Y CLIPPED" for the middle of ID in FILE, or nothing.
where() {
  python3 - "$1" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[2]))
for item in doc["items"]:
    if item["id"] == sys.argv[1]:
        x, y, w, h = item["box"]
        print(int(x + w / 2), int(y + h / 2), 1 if item["clipped"] else 0)
PY
}

# click X Y: a real pointer click at X,Y in the kiosk window.
click() { xdotool mousemove --window "$window" "$1" "$2" click 1; }

# newer_than FILE: waits until a layout newer than FILE is saved.
newer_than() {
  for _ in $(seq 1 200); do
    [ "$(latest)" != "$1" ] && return 0
    sleep 0.05
  done
  fail "the screen did not change after a click (was $1)"
}

# tap ID: clicks the middle of ID once it is on the screen, first
# scrolling it into view with the scroll buttons, then waits for the screen
# to change (every tap here changes it: a new step, a letter typed).
tap() {
  local id=$1 file="" at=""
  for _ in $(seq 1 200); do
    file=$(latest)
    [ -n "$file" ] && at=$(where "$id" "$file") && [ -n "$at" ] && break
    sleep 0.05
  done
  [ -n "$at" ] || fail "$id never appeared on the screen (last: $file)"
  for _ in $(seq 1 10); do
    set -- $at
    [ "$3" = 0 ] && break
    # Out of view: above the middle of the screen it is reached by
    # scrolling up, below by scrolling down.
    local button=scroll.down
    [ "$2" -lt 400 ] && button=scroll.up
    local arrow; arrow=$(where "$button" "$file")
    [ -n "$arrow" ] || fail "$id is out of view and there is no way to scroll"
    set -- $arrow
    click "$1" "$2"
    newer_than "$file"
    file=$(latest)
    at=$(where "$id" "$file")
  done
  set -- $at
  [ "$3" = 0 ] || fail "$id never came into view"
  click "$1" "$2"
  newer_than "$file"
}

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
          about.relative agreed.yes contact.anonymous; do
  tap "$id"
done
heard "Check what you are sending"
tap review.send
heard "Your concern is saved."

arrived '"kind": "complaint"'
grep -qF '"text": "late' "$work/list.json" || fail "the words did not arrive"
grep -qF '"happened": "last_month"' "$work/list.json" || fail "when it happened did not arrive"
echo "e2e: a concern was raised by real pointer clicks alone, words tapped on screen"

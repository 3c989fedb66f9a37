#!/usr/bin/env bash
# End to end, as a blind person would use it: the real service and the real
# kiosk in an X window under Xvfb, driven by plain `xdotool key` events (no
# added delay), finding the way only by what the kiosk says (its
# --speech-log transcript). The feedback must arrive at the service.
# Afterwards, text contrast is measured on the kiosk's own screenshots.
#
# Usage: kiosk_journey_e2e.sh BIN_DIR ASSETS_DIR SCREENSHOT_CONTRAST
set -euo pipefail
bin=$1 assets=$2 contrast=$3
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk journey --screenshot-dir "$work/shots"

heard "Touch the screen or press any key to have your say"
focus_kiosk

press "What would you like to do?" space
press "Which service is it about?" Return
tab_to "Day centres,"
press "Are you telling us as..." Return
tab_to "A relative, friend, advocate or unpaid carer,"
press "How would you rate Day centres?" Return
tab_to "Choice, Good,"
press "Tell us more" Return
# Typing goes to the words field, which has focus on arrival.
xdotool type --delay 0 "The staff are kind"
xdotool key --delay 0 shift+Return
xdotool type --delay 0 "and always on time."
press "Button, Continue" Tab
press "May we quote your words?" Return
tab_to "Choice, Yes, you may quote my words,"
press "Check what you are sending" Return
heard "Your words: The staff are kind"
heard "Quote my words: Yes, you may quote my words"
# Focus starts on Send.
press "Thank you" Return
heard "Your reference is"

# The reference as spoken, one character at a time, letters with their
# spelling words: "K Kilo, Q Quebec, 7, M Mike, 3, R Romeo, X X-ray, 9".
token='[A-Z0-9]( [A-Z][a-z-]+)?'
spoken=$(cut -f3- "$log" | grep -E "^$token(, $token){7}\$" | tail -n1 || true)
[ -n "$spoken" ] || fail "the reference was not spelled out"
reference=$(echo "$spoken" | sed -E 's/([A-Z0-9])( [A-Za-z-]+)?(, |$)/\1/g')
formatted="${reference:0:4}-${reference:4:4}"
echo "reference spoken: $spoken ($formatted)"

# The officer sees it at the service.
arrived "$formatted"
grep -qF "day_centres" "$work/list.json" || fail "wrong service at the service"
grep -qF "The staff are kind" "$work/list.json" || fail "the words did not arrive"
heard "Your feedback has reached the council."

# Every screen of the journey was shown and saved; its text is readable.
for _ in $(seq 1 100); do ls "$work/shots/"*-thanks.png >/dev/null 2>&1 && break; sleep 0.1; done
for view in attract home service speaker rating more quote review thanks; do
  ls "$work/shots/"*"-$view.png" >/dev/null 2>&1 || fail "no screenshot of $view"
done
"$contrast" "$work/shots" 7.0 || fail "text contrast below 7:1"
echo "e2e: feedback $formatted travelled from the kiosk to the service"

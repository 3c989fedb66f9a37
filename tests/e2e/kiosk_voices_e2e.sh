#!/usr/bin/env bash
# Every voice, end to end, as a blind person would: the real service and
# the real kiosk in an X window under Xvfb, plain `xdotool key` events,
# the way found only by what the kiosk says.
#  1. "Something is wrong": a complaint, by keys, arrives at the service,
#     and the thank-you says when the council will acknowledge it.
#  2. "Someone is at risk" at a kiosk that has never reached the service:
#     after "Yes", the very next thing said is the numbers to call (built
#     in), and the worry is saved but said to be not yet sent.
#  3. "I have an idea", back online: it arrives at the service.
#
# Usage: kiosk_voices_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk complaint

heard "Touch the screen or press any key to have your say"
focus_kiosk

words="The carer did not come on Tuesday $RANDOM"
press "What would you like to do?" space
tab_to "Something is wrong"
press "Is someone in danger or being hurt right now?" Return
tab_to "Choice, No,"
press "Which service is it about?" Return
tab_to "Choice, Home care,"
press "Which organisation provides it?" Return
tab_to "Choice, Meadow Lane Care,"
press "Are you telling us as..." Return
tab_to "Choice, Someone who uses care services,"
press "What happened?" Return
# As a person exploring by ear: find the field, Return on it, then type.
tab_to "Text field, What happened"
press "Type now" Return
xdotool type --delay 0 "$words"
press "Button, Continue" Return     # after typing, Return leaves the field
press "Roughly when did it happen?" Return
tab_to "Choice, On a date I can give,"
press "What was the date?" Return
# It starts at today; one day back is said as the new date.
tab_to "Button, A day earlier,"
press "$(date -d yesterday '+%A %-d %B %Y')" Return
tab_to "Button, Continue,"
press "What would you like to happen?" Return
press "Button, Continue" Tab
press "Would you like to talk it through with someone first?" Return
tab_to "Choice, Yes, I would like to talk it through,"
press "Is this a formal complaint?" Return
tab_to "Choice, Yes, I want to make a complaint,"
press "May we quote your words?" Return
tab_to "Choice, No, do not quote me,"
press "Who is this about?" Return
tab_to "Choice, Me,"
press "Can the council contact you?" Return
heard "you can check progress and the council's reply at any kiosk with your reference"
tab_to "Choice, Stay anonymous,"
press "Check what you are sending" Return
heard "What happened: $words"
tab_to "Button, Send,"
from=$(lines)
press "Your concern is saved." Return
heard "The council will acknowledge your complaint within 3 working days" "$from"
heard "You stayed anonymous, so the council cannot contact you." "$from"
arrived "$words"
grep -qF '"kind": "complaint"' "$work/list.json" || fail "not stored as a complaint"
grep -qF "\"happened\": \"$(date -d yesterday +%F)\"" "$work/list.json" ||
  fail "the date it happened did not arrive"
officers_tool list --format table >"$work/table.txt"
grep -q "complaint .*Home care .*Meadow Lane Care" "$work/table.txt" ||
  fail "the officers' table does not name the service and provider"

# 2. A kiosk that has never reached the service (nothing listens there).
kill "$kiosk_pid" 2>/dev/null || true
wait "$kiosk_pid" 2>/dev/null || true
service_address=$address
address=127.0.0.1:9  # discard: nothing answers
rm -f "$work/outbox.db"*
start_kiosk offline
heard "Touch the screen or press any key to have your say"
focus_kiosk
press "What would you like to do?" space
tab_to "Someone is at risk"
press "Is someone in danger or being hurt right now?" Return
tab_to "Choice, Yes,"
from=$(lines)
press "Phone for help now" Return
first=$(tail -n +"$((from + 1))" "$log" | cut -f3- | head -n1)
case "$first" in
  *"Phone for help now"*"phone 999"*"0300 123 4567"*) ;;
  *) fail "the numbers were not the first thing said after Yes: \"$first\"" ;;
esac
press "Are you telling us as..." Return
tab_to "Choice, A relative, friend, advocate or unpaid carer,"
press "What is happening?" Return
xdotool type --delay 0 "My neighbour is shouted at every night"
press "Button, Continue" Tab
press "Who is at risk?" Return
tab_to "Button, Continue"                 # who: not said
press "Where is this happening?" Return
tab_to "Button, Continue"
press "Does the person at risk know" Return
tab_to "Choice, No, or I do not know,"
press "Can the council contact you?" Return
tab_to "Choice, Stay anonymous,"
press "Check what you are sending" Return
tab_to "Button, Send,"
from=$(lines)
press "Your worry is saved." Return
heard "has not been sent yet" "$from"
heard "Please phone now: 999 in an emergency, or the council on 0300 123 4567." "$from"

# 3. An idea, at a kiosk that reaches the service.
kill "$kiosk_pid" 2>/dev/null || true
wait "$kiosk_pid" 2>/dev/null || true
address=$service_address
rm -f "$work/outbox.db"*
start_kiosk idea
heard "Touch the screen or press any key to have your say"
focus_kiosk
idea="Open the day centre on Saturdays $RANDOM"
press "What would you like to do?" space
tab_to "I have an idea"
press "Which service is it about?" Return
tab_to "Choice, Day centres,"
press "Are you telling us as..." Return
tab_to "Choice, Someone who works in care,"
press "What is your idea?" Return
xdotool type --delay 0 "$idea"
press "Button, Continue" Tab
press "Who would it help?" Return
xdotool type --delay 0 "People who work in the week"
press "Button, Continue" Tab
press "May we quote your words?" Return
tab_to "Choice, Yes, you may quote my words,"
press "Check what you are sending" Return
tab_to "Button, Send,"
press "Your idea is saved." Return
arrived "$idea"
grep -qF '"kind": "idea"' "$work/list.json" || fail "not stored as an idea"
echo "e2e: a complaint arrived by keys and ear; a worry gave the numbers first, offline; an idea arrived"

#!/usr/bin/env bash
# "Something is wrong" as a person with two switches would make it: a real
# X window under Xvfb, plain `xdotool key` with Space (move) and Return
# (choose) only, the words typed on the on-screen keyboard, the way found
# only by what the kiosk says. The complaint must arrive at the service.
#
# Usage: kiosk_complaint_switch_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk switch --input switch2
heard "Touch the screen or press any key to have your say"
focus_kiosk

press "What would you like to do?" Return
scan_to "Something is wrong"
press "Is someone in danger or being hurt right now?" Return
scan_to "Choice, No,"
press "Which service is it about?" Return
scan_to "Choice, Care homes,"
press "Which organisation provides it?" Return
scan_to "Choice, I do not know,"
press "Are you telling us as..." Return
scan_to "Choice, Someone who uses care services,"
press "What happened?" Return
type_ok_by_switches
press "Roughly when did it happen?" Return
scan_to "Choice, In the last year,"
press "What would you like to happen?" Return
scan_to "Button, Continue,"
press "Would you like to talk it through with someone first?" Return
scan_to "Choice, No, thank you,"
press "Is this a formal complaint?" Return
scan_to "Choice, I just want the council to know,"
press "May we quote your words?" Return
scan_to "Choice, Yes, you may quote my words,"
press "Who is this about?" Return
scan_to "Choice, Me,"
press "Can the council contact you?" Return
scan_to "Choice, Stay anonymous,"
press "Check what you are sending" Return
heard "Complaint: I just want the council to know"
scan_to "Button, Send,"
press "Your concern is saved." Return

arrived '"kind": "complaint"'
grep -qF '"text": "ok' "$work/list.json" || fail "the words did not arrive"
echo "e2e: a concern was raised with Space and Return only, words typed on screen"

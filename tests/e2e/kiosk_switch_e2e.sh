#!/usr/bin/env bash
# As a person with two switches would: a real X window under Xvfb, driven
# by plain `xdotool key` with Space (move) and Return (choose) only, typing
# the words on the on-screen keyboard, finding the way only by what the
# kiosk says. The feedback must arrive at the service.
#
# Usage: kiosk_switch_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk switch --input switch2
heard "Touch the screen or press any key to have your say"
focus_kiosk

press "What would you like to do?" Return
scan_to "Tell us how we're doing"
press "Which service is it about?" Return
scan_to "Choice, Day centres,"
press "Are you telling us as..." Return
scan_to "Choice, Someone who works in care,"
press "From your work, how would you rate Day centres?" Return
scan_to "Choice, Very good,"
press "Tell us more" Return
type_ok_by_switches
press "May we quote your words?" Return
scan_to "Choice, No, do not quote me,"
press "Check what you are sending" Return
heard "Your words: ok"
press "Thank you" Return

arrived '"text": "ok"'
echo "e2e: the journey was completed with Space and Return only, words typed on screen"

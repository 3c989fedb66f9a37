#!/usr/bin/env bash
# As a blind Welsh speaker would: in a real X window under Xvfb, driven by
# plain `xdotool key`, change the colours and the language from the
# settings, then complete the feedback journey in Welsh, finding the way
# only by what the kiosk says. The words expected are read from the
# language file and catalog, never written here.
#
# Usage: kiosk_welsh_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

# text FILE KEY: a value from a language file.
text() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$assets/lang/$1.json" "$2"; }
en() { text en-GB "$1"; }
cy() { text cy "$1"; }
# The part of a template before its first placeholder.
stem() { local t; t=$(cy "$1"); echo "${t%%\{0\}*}"; }
service_cy=$(python3 -c 'import json,sys
c = json.load(open(sys.argv[1]))
print(next(s["name"]["text"]["cy"] for s in c["services"] if s["id"] == "day_centres"))' \
  "$assets/catalog/sample_catalog.json")

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk welsh --screenshot-dir "$work/shots"
heard "$(en attract.instruction)"
focus_kiosk

press "$(en settings.title)" F9
tab_to "$(en settings.theme | sed 's/{0}.*//')"
press "$(en theme.light_on_dark)" Return
tab_to "$(en settings.language | sed 's/{0}.*//')"
press "$(cy _meta.name)" Return
heard "$(stem settings.language)"          # the control now speaks Welsh
press "$(cy attract.instruction)" Escape   # back to the start, in Welsh

press "$(cy home.title)" space
press "$(cy service.title)" Return
tab_to "$service_cy,"
press "$(cy speaker.title)" Return
tab_to "$(cy speaker.family_or_friend),"
press "$(stem rating.title)" Return
tab_to "$(cy role.radio), $(cy rating.4), "
press "$(cy more.title)" Return
xdotool type --delay 0 "Mae'r staff yn garedig iawn"
press "$(cy step.continue)" Tab
press "$(cy quote.title)" Return
tab_to "$(cy quote.yes),"
press "$(cy review.title)" Return
press "$(cy thanks.title)" Return

# Every utterance since the language change was in Welsh.
tail -n 20 "$log" | cut -f2 | sort -u | grep -qx cy || fail "speech was not in Welsh"
tail -n 20 "$log" | cut -f2 | grep -vqx cy && fail "speech in another language after choosing Welsh"

arrived "garedig iawn"
# The screens after the change were drawn in the chosen colours.
for _ in $(seq 1 100); do ls "$work/shots/"*-thanks.json >/dev/null 2>&1 && break; sleep 0.1; done
grep -qF '"theme": "light_on_dark"' "$(ls "$work/shots/"*-thanks.json | tail -n1)" ||
  fail "the thank-you screen is not in the chosen colours"
echo "e2e: the journey was completed in Welsh, by ear, in light-on-dark colours"

#!/usr/bin/env bash
# Typing as a blind newcomer does it, in a real X window under Xvfb driven
# by plain `xdotool key` and `xdotool type`, finding the way only by what
# the kiosk says, in the language given:
#  1. move away from "Your words" and back to it, press Return to choose it
#     (as with every other control), then type: every letter must arrive;
#  2. type while a button has focus: the letters go to the only field.
# Both submissions must reach the service with their words. The words
# expected are read from the language file and catalog, never written here.
#
# Usage: kiosk_typing_e2e.sh BIN_DIR ASSETS_DIR LANGUAGE
set -euo pipefail
bin=$1 assets=$2 lang=$3
source "$(dirname "$0")/lib.sh"

t() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$assets/lang/$lang.json" "$1"; }
stem() { local v; v=$(t "$1"); echo "${v%%\{0\}*}"; }
service=$(python3 -c 'import json,sys
c = json.load(open(sys.argv[1]))
print(next(s["name"]["text"].get(sys.argv[2], s["name"]["text"]["en-GB"])
           for s in c["services"] if s["id"] == "day_centres"))' \
  "$assets/catalog/sample_catalog.json" "$lang")
field="$(t role.text_field), $(t more.field)"
continue_button="$(t role.button), $(t step.continue)"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk typing --language "$lang"
heard "$(t attract.instruction)"
focus_kiosk

# Attract -> home -> service -> who is speaking -> a face -> the words screen.
to_words() {
  press "$(t home.title)" space
  press "$(t service.title)" Return
  tab_to "$service,"
  press "$(t speaker.title)" Return
  tab_to "$(t speaker.family_or_friend),"
  press "$(stem rating.title)" Return
  tab_to "$(t role.radio), $(t rating.4), "
  press "$(t more.title)" Return
}

# 1. Return on the field, then type.
to_words
tab_to "$continue_button"
tab_to "$field"
press "$(t words.type_now)" Return
first="Staff kind $lang $RANDOM"
from=$(lines)
xdotool type --delay 0 "$first"
heard_line "kind" "$from"                    # a finished word is echoed as a word
press "$continue_button" Return             # after typing, Return leaves the field
press "$(t quote.title)" Return
tab_to "$(t quote.no),"
press "$(t review.title)" Return
heard "$(stem more.review)$first"
press "$(t thanks.title)" Return
arrived "$first"
tab_to "$(t thanks.finish)"
press "$(t attract.instruction)" Return

# 2. Letters typed while a button has focus.
press "$(t home.title)" space
press "$(t service.title)" Return
tab_to "$service,"
press "$(t speaker.title)" Return
tab_to "$(t speaker.family_or_friend),"
press "$(stem rating.title)" Return
tab_to "$(t role.radio), $(t rating.2), "
press "$(t more.title)" Return
tab_to "$continue_button"
second="Button words $lang $RANDOM"
from=$(lines)
xdotool type --delay 0 "$second"
heard "$field" "$from"                       # focus followed the letters, and says so
press "$continue_button" Tab
press "$(t quote.title)" Return
tab_to "$(t quote.yes),"
press "$(t review.title)" Return
heard "$(stem more.review)$second"
press "$(t thanks.title)" Return
arrived "$second"
echo "e2e ($lang): every letter typed after Return on the field, and on a button, reached the service"

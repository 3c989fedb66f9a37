#!/usr/bin/env bash
# "Check on something I told you", through real processes: an officer
# enters a complaint made by phone (carevoice-admin complaint), which gives
# the person a reference and PIN; the officer acknowledges it and publishes
# a reply, which the redactor first refuses while it names the person. At
# the kiosk, in a real X window under Xvfb driven by plain xdotool and
# found only by what is spoken, the person types the reference (in lower
# case, as people do) and hears each letter with its spelling word, then
# the PIN, and hears where it has got to and the council's reply. A wrong
# PIN and an unknown reference are answered the same plain way, and say
# nothing of the reply. The service never logs the words.
#
# Usage: kiosk_check_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

t() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$assets/lang/en-GB.json" "$1"; }

start_xvfb
start_service "$assets/catalog/sample_catalog.json"

# The officer enters what the person said on the phone today.
words="The bus to the day centre came an hour late on Tuesday $RANDOM"
cat >"$work/complaint.json" <<JSON
{"language": "en-GB", "anonymous": false,
 "contact": {"name": "Ada Quillfeather", "phone": "01632 960123", "reply_format": "REPLY_FORMAT_PHONE"},
 "consent": {"may_contact": true}, "speaker": "SPEAKER_USES_SERVICES",
 "complaint": {"service_id": "day_centres", "what_happened": "$words"}}
JSON
phone_in complaint
grep -qF "(entered by an officer)" "$work/complaint.out" || fail "not marked as entered by an officer"
id=$(officers_tool cases --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["cases"][0]["submission_id"])')
officers_tool case "$id" acknowledge --contact "rang back, as asked" >/dev/null 2>>"$work/admin.err" ||
  fail "not acknowledged: $(tail -n 1 "$work/admin.err")"

# The reply may be read aloud in public: naming the person is refused.
if officers_tool case "$id" publish --reply "Dear Ada, the bus now comes at 9." \
    >/dev/null 2>"$work/refused.err"; then
  fail "a reply naming the person was published"
fi
grep -qF "the person's own details" "$work/refused.err" || fail "the refusal did not say why: $(cat "$work/refused.err")"
reply="You said the bus came late. From January the bus comes at 9 every weekday."
officers_tool case "$id" publish --reply "$reply" >/dev/null 2>>"$work/admin.err" ||
  fail "the reply was not published: $(tail -n 1 "$work/admin.err")"

start_kiosk check
heard "$(t attract.instruction)"
focus_kiosk

# check_by_ear REFERENCE PIN: from the attract screen, the check journey by
# keys, to the answer.
check_by_ear() {
  press "$(t home.title)" space
  tab_to "$(t home.check)"
  press "$(t check_reference.title)" Return
  tab_to "$(t role.text_field), $(t check_reference.field)"
  press "$(t words.type_now)" Return
  xdotool type --delay 50 "$1"
  press "$(t role.button), $(t step.continue)" Return
  press "$(t check_pin.title)" Return
  tab_to "$(t role.text_field), $(t check_pin.field)"
  press "$(t words.type_now)" Return
  xdotool type --delay 50 "$2"
  press "$(t role.button), $(t step.continue)" Return
  press "$(t check_answer.title)" Return
}

# Right reference (lower case, as typed) and PIN: each letter said with
# its spelling word, then the status and the reply.
lower=$(echo "$reference" | tr 'A-Z' 'a-z')
first_letter=$(echo "$reference" | grep -o '[A-Z]' | head -n1)
from_here=$(lines)
check_by_ear "$lower" "$pin"
heard "$first_letter " "$from_here"                      # e.g. "K Kilo"
said F "$first_letter $(python3 -c 'import sys; print({"A":"Alpha","C":"Charlie","D":"Delta","E":"Echo","F":"Foxtrot","H":"Hotel","J":"Juliett","K":"Kilo","M":"Mike","N":"November","P":"Papa","Q":"Quebec","R":"Romeo","T":"Tango","W":"Whiskey","X":"X-ray","Y":"Yankee"}[sys.argv[1]])' "$first_letter")" "$from_here" ||
  fail "the letter $first_letter was not read back with its spelling word"
heard "$(t check_answer.status.acknowledged)" "$from_here"
heard "$reply" "$from_here"
tab_to "$(t check_answer.finish)"
press "$(t attract.instruction)" Return

# A wrong PIN, then an unknown reference: the same plain answer, no reply.
wrong_pin=$(printf '%06d' $(( (10#$pin + 1) % 1000000 )))
from_here=$(lines)
check_by_ear "$reference" "$wrong_pin"
heard "$(t check_answer.not_found)" "$from_here"
tab_to "$(t check_answer.again)"
from_here=$(lines)
press "$(t check_reference.title)" Return
unknown=$(python3 - "$reference" <<'PY'
import sys
alphabet = "ACDEFHJKMNPQRTWXY346789"
ref = sys.argv[1].replace("-", "")
# Another valid reference: change the first character, then make its check
# character by the contract's rule (the weighted sum mod 23).
body = alphabet[(alphabet.index(ref[0]) + 1) % 23] + ref[1:7]
total = sum((i + 1) * alphabet.index(c) for i, c in enumerate(body))
print(body + alphabet[total % 23])
PY
)
tab_to "$(t role.text_field), $(t check_reference.field)"
press "$(t words.type_now)" Return
xdotool type --delay 50 "$unknown"
press "$(t role.button), $(t step.continue)" Return
press "$(t check_pin.title)" Return
tab_to "$(t role.text_field), $(t check_pin.field)"
press "$(t words.type_now)" Return
xdotool type --delay 50 "$pin"
press "$(t role.button), $(t step.continue)" Return
press "$(t check_answer.title)" Return
heard "$(t check_answer.not_found)" "$from_here"
if tail -n +"$((from_here + 1))" "$log" | cut -f3- | grep -qF "$reply"; then
  fail "the reply was read out for a reference or PIN that did not match"
fi
logs_hold_no_personal_data
grep -qF "$reply" "$work/service.err" && fail "the service logged the reply"
echo "e2e: a phoned-in complaint's reference and PIN heard the published reply at the kiosk; a wrong PIN and an unknown reference got the same plain answer"

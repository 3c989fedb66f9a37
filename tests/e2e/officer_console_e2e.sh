#!/usr/bin/env bash
# The officer console (carevoice-kiosk --mode officer), through real
# processes: a complaint made by phone is entered with carevoice-admin; an
# officer who cannot see the screen signs in to the console in a real X
# window under Xvfb, driven by plain xdotool and found only by what is
# spoken, and takes the case from the queue to a published reply: opens it
# and hears the person's words, acknowledges it (by phone), records the
# response, has a reply naming the person refused by the redactor, and
# publishes a plain one. While the console shows the queue, a safeguarding
# worry arrives and is spoken at once. The service then holds every step
# (carevoice-admin cases), an anonymised export and a committee pack are
# written with their progress said, and no log holds the words or the
# password.
#
# Usage: officer_console_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

# The console's words and the kiosk's shared ones (roles, positions).
t() {
  python3 -c 'import json,sys
for f in sys.argv[1:3]:
    d = json.load(open(f))
    if sys.argv[3] in d: print(d[sys.argv[3]]); break
else: sys.exit("no key " + sys.argv[3])' "$assets/officer/en-GB.json" "$assets/lang/en-GB.json" "$1"
}

start_xvfb
start_service "$assets/catalog/sample_catalog.json"

words="The bus to the day centre came an hour late on Tuesday $RANDOM"
sent_words+=("$words")
cat >"$work/complaint.json" <<JSON
{"language": "en-GB", "anonymous": false,
 "contact": {"name": "Ada Quillfeather", "phone": "01632 960123", "reply_format": "REPLY_FORMAT_PHONE"},
 "consent": {"may_contact": true}, "speaker": "SPEAKER_USES_SERVICES",
 "complaint": {"service_id": "day_centres", "what_happened": "$words"}}
JSON
phone_in complaint
case_ref=$reference
spoken_ref=$(spelled "$reference")

log="$work/speech-officer.log"
"$bin/carevoice-kiosk" --mode officer --service "$address" --speech-log "$log" \
  --queue-refresh-ms 500 --export-dir "$work" >"$work/kiosk-officer.out" 2>"$work/kiosk-officer.err" &
pids+=($!)
focus_kiosk

# Sign in: focus starts on the name; the password is never said.
heard "$(t officer.sign_in.title)"
heard "$(t role.text_field), $(t officer.field.name)"
xdotool type --delay 30 "$officer_name"
press "$(t role.text_field), $(t officer.field.password)" Tab
xdotool type --delay 30 "$officer_password"
press "$(t role.button), $(t officer.sign_in.button)" Tab
from_here=$(lines)
press "$(python3 -c 'import sys; print(sys.argv[1].replace("{0}", sys.argv[2]))' "$(t officer.queue.title)" "$officer_name")" Return
heard "1 case, 0 overdue, 0 urgent." "$from_here"

# The case, from the queue: its words and how to reply are read out.
tab_to "$(t officer.kind.complaint.statutory) $spoken_ref"
from_here=$(lines)
press "$(t officer.case.instruction)" Return
heard "$(t officer.words.what_happened): $words" "$from_here"
heard "Ada Quillfeather, 01632 960123, by phone" "$from_here"

# Acknowledge: how the person was told, then Save.
tab_to "$(t role.button), $(t officer.action.acknowledge)"
press "$(t officer.form.instruction.acknowledge)" Return
tab_to "$(t officer.option.phone)"
press "$(t state.selected)" Return
tab_to "$(t role.button), $(t officer.save)"
from_here=$(lines)
press "$(t officer.done.acknowledge)" Return
heard "contacted by phone" "$from_here"  # the history, read again

# The response: the outcome, then the words, naming the Ombudsman.
tab_to "$(t role.button), $(t officer.action.respond)"
press "$(t officer.form.instruction.respond)" Return
tab_to "$(t officer.option.partly_upheld)"
press "$(t state.selected)" Return
tab_to "$(t role.text_field), $(t officer.field.words.respond)"
press "$(t words.type_now)" Return
response="We are sorry the bus was late. If you are unhappy you may go to the Local Government and Social Care Ombudsman."
xdotool type --delay 10 "$response"
tab_to "$(t role.button), $(t officer.save)"
press "$(t officer.done.respond)" Return

# A reply naming the person is refused, saying why; a plain one is published.
tab_to "$(t role.button), $(t officer.action.publish)"
press "$(t officer.form.instruction.publish)" Return
tab_to "$(t role.text_field), $(t officer.field.words.publish)"
press "$(t words.type_now)" Return
xdotool type --delay 10 "Dear Ada, the bus now comes at 9."
tab_to "$(t role.button), $(t officer.save)"
press "the person's own details" Return
# Clear the words and type the reply again.
tab_to "$(t role.text_field), $(t officer.field.words.publish)"
for _ in $(seq 1 40); do xdotool key BackSpace; done
reply="You said the bus came late. From January the bus comes at 9 every weekday."
xdotool type --delay 10 "$reply"
tab_to "$(t role.button), $(t officer.save)"
press "$(t officer.done.publish)" Return

# Back to the queue; an urgent worry arrives and is told at once.
from_here=$(lines)
press "$(t officer.queue.instruction)" Escape
cat >"$work/worry.json" <<JSON
{"language": "en-GB", "anonymous": true, "speaker": "SPEAKER_USES_SERVICES",
 "consent": {"may_contact": false},
 "safeguarding": {"what_is_happening": "A neighbour is not being fed $RANDOM", "danger_now": "ANSWER_NO"}}
JSON
phone_in worry
heard "Urgent: a new safeguarding worry, reference $(spelled "$reference")" "$from_here"

# An anonymised export, with its progress, to a file only the officer can read.
tab_to "$(t role.button), $(t officer.queue.export)"
press "$(t officer.export.instruction)" Return
tab_to "$(t role.button), $(t officer.export.start)"
from_here=$(lines)
press "Exported: 100 percent of 2 submissions." Return
heard "Saved 2 submissions to $work/carevoice-export-" "$from_here"
csv=$(ls "$work"/carevoice-export-*.csv)
[ "$(stat -c %a "$csv")" = 600 ] || fail "the export is readable by others"
[ "$(wc -l <"$csv")" = 3 ] || fail "the export does not hold a header and two rows: $(cat "$csv")"
head -n1 "$csv" | grep -q "^submission_id,reference," || fail "the export has no CSV header"
grep -qF "Ada Quillfeather" "$csv" && fail "the anonymised export names the person"
ls "$work"/*.partial 2>/dev/null && fail "a partial export was left behind"

# A committee pack for the public, of this quarter so far, as Markdown: each
# choice found by ear, the steps said, the file only the officer can read.
tab_to "$(t officer.pack.period.this_quarter | sed 's/{0}.*//')"
xdotool key Return
tab_to "$(t officer.pack.audience.public)"
xdotool key Return
tab_to "$(t officer.pack.format.md)"
xdotool key Return
tab_to "$(t role.button), $(t officer.pack.start)"
day_before=$(TZ=Europe/London date +"%-d %B %Y")
from_here=$(lines)
press "$(t officer.pack.step.3)" Return
heard "Saved the committee pack to $work/carevoice-pack-public-" "$from_here"
pack=$(ls "$work"/carevoice-pack-public-*.md) || fail "no pack for the public as Markdown"
[ "$(stat -c %a "$pack")" = 600 ] || fail "the pack is readable by others"
grep -qF "published for everyone" "$pack" || fail "the pack is not the public's: $(head -n3 "$pack")"
grep -qF "are not published here" "$pack" || fail "the public pack does not say what it leaves out"
# Today, the council's day (read before and after, should midnight pass).
grep -qF -e "$day_before" -e "$(TZ=Europe/London date +"%-d %B %Y")" "$pack" ||
  fail "the pack does not reach today"
grep -qF "Ada Quillfeather" "$pack" && fail "the pack names the person"

# The service holds what the officer did.
officers_tool cases --format json >"$work/cases.json" 2>>"$work/admin.err"
python3 - "$work/cases.json" "$case_ref" "$reply" "$officer_name" <<'PY' || fail "the case is not as the console left it"
import json, sys
cases = json.load(open(sys.argv[1]))["cases"]
ref = sys.argv[2].replace("-", "")
c = next(c for c in cases if c["reference"] == ref)
assert c["state"] == "responded", c
assert c.get("outcome") == "partly_upheld", c
assert c.get("reply") == sys.argv[3], c
print("case", c["state"], c["outcome"])
PY
grep -qF "$reply" "$work/service.err" && fail "the service logged the reply"
echo "e2e: a phoned-in complaint went from the queue to a published reply in the officer console by keys and speech alone; an urgent worry was told as it arrived; an anonymised export was written with its progress said"

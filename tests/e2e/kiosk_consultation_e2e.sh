#!/usr/bin/env bash
# A consultation an officer publishes while a kiosk runs is offered there
# within seconds, without a restart; a person answers every kind of question
# by ear alone (each control found by what the kiosk says, the typed answer
# included), the service receives one answer; closed, it leaves the home
# screen at the next refresh. Real processes, a real X window, xdotool keys,
# and the kiosk's speech transcript.
#
# Usage: kiosk_consultation_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
start_kiosk only --catalog-refresh-ms 200
heard "Touch the screen or press any key to have your say"
focus_kiosk
press "What would you like to do?" space
# Round the home screen once: not asked yet.
not_on_home "Getting out and about" "offered before it was published"

officers_tool consultation publish "$assets/consultations/getting_out_2027.json" \
  >"$work/published.txt" || fail "publish failed: $(cat "$work/published.txt")"
sleep 2.5  # the service looks at most once a second; the kiosk polls every 200 ms
tab_to "The council is asking: Getting out and about"
heard "days left to answer"
press "There are 5 questions" Return
press "Question 1 of 5" Return
tab_to "Most days"
press "Question 2 of 5" Return
tab_to "Someone to go with"
press "1 chosen" Return
tab_to "Help with the cost"
press "2 chosen" Return
tab_to "Continue"
press "Question 3 of 5" Return
tab_to "A volunteer buddy scheme"
press "Your order so far: 1. A volunteer buddy scheme" Return
tab_to "More community minibus trips"
press "3. More benches and toilets in town" Return  # the last went last
tab_to "Continue"
press "Question 4 of 5" Return
tab_to "Skip this question"
press "Question 5 of 5" Return
# The words field, as a blind person finds it: by name, then Return to type.
tab_to "Your answer"
xdotool key Return
sleep 0.3
words="Benches by the bus stop please"
xdotool type --delay 30 "$words"
# Tab leaves the field; tab_to waits for each step's speech (a bare Tab
# first could leave tab_to hearing that step and stopping one too far).
tab_to "Continue"
press "Check your answers" Return
heard "1. A volunteer buddy scheme, 2. More community minibus trips, 3. More benches"
heard "Question 4: I feel lonely"
tab_to "Send my answers"
press "Thank you for your answers" Return

# One answer at the service, its words as typed.
arrived "$words"
python3 - "$work/list.json" "$words" <<'EOF' || fail "the answer is not as given: $(cat "$work/list.json")"
import json, sys
records = json.load(open(sys.argv[1]))
answers = [r for r in records if r["kind"] == "consultation_answer"]
assert len(answers) == 1, answers
assert answers[0]["text"] == sys.argv[2], answers[0]
assert answers[0]["told_at"], "no time the person gave it"
EOF

# Counted as given: the choices, and the order as it was made.
officers_tool consultation results getting_out_2027 >"$work/results.txt" 2>>"$work/admin.err" ||
  fail "no results: $(tail -n 1 "$work/admin.err")"
for line in "responses  1" "Most days  1" "Someone to go with  1" "Help with the cost  1" \
    "Transport I can use  0" "A volunteer buddy scheme  first 1  placed 1  average place 1.0" \
    "More community minibus trips  first 0  placed 1  average place 2.0" \
    "More benches and toilets in town  first 0  placed 1  average place 3.0" \
    "answered  0  skipped  1" "strongly agree  0"; do
  grep -qF -- "$line" "$work/results.txt" || fail "results lack \"$line\": $(cat "$work/results.txt")"
done
if grep -qF "$words" "$work/results.txt"; then fail "someone's words in the counts"; fi

# Closed by an officer: gone from the home screen without a restart.
officers_tool consultation close getting_out_2027 >"$work/closed.txt" ||
  fail "close failed: $(cat "$work/closed.txt")"
sleep 2.5
tab_to "Finish"
press "Touch the screen or press any key" Return
press "What would you like to do?" space
not_on_home "Getting out and about" "still offered after it closed"
echo "e2e: a consultation published to a running kiosk was answered by ear, arrived once as given, and left the kiosk when closed"

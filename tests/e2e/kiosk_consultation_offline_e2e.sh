#!/usr/bin/env bash
# Answers given while a consultation is open count, however late they
# arrive: a kiosk that loses the service before a consultation closes keeps
# what a person answered and says so; the service comes back only after
# the close, the kiosk delivers, and the service counts the answer (dated
# when the person gave it) rather than quarantining it; the kiosk no longer
# offers the consultation. Real processes, a real X window, xdotool keys.
#
# Usage: kiosk_consultation_offline_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
first_address=$address
# The worked consultation, closing a minute from now.
closes_at=$(python3 - "$assets/consultations/getting_out_2027.json" "$work/closing.json" <<'EOF'
import datetime, json, sys
c = json.load(open(sys.argv[1]))
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
c["id"] = "closing_soon"
c["opensAt"] = (now - datetime.timedelta(days=1)).isoformat().replace("+00:00", "Z")
closes = now + datetime.timedelta(seconds=60)
c["closesAt"] = closes.isoformat().replace("+00:00", "Z")
json.dump(c, open(sys.argv[2], "w"))
print(int(closes.timestamp()))
EOF
)
officers_tool consultation publish "$work/closing.json" >"$work/published.txt" ||
  fail "publish failed: $(cat "$work/published.txt")"
start_kiosk offline --catalog-refresh-ms 200
heard "Touch the screen or press any key to have your say"
focus_kiosk
press "What would you like to do?" space
tab_to "The council is asking: Getting out and about"
heard "last day to answer"

# The service goes away while the person answers.
kill "$service_pid"; wait "$service_pid" 2>/dev/null || true
press "There are 5 questions" Return
press "Question 1 of 5" Return
tab_to "Most days"
press "Question 2 of 5" Return
for next in "Question 3 of 5" "Question 4 of 5" "Question 5 of 5" "Check your answers"; do
  tab_to "Skip this question"
  press "$next" Return
done
tab_to "Send my answers"
press "Your answers are safe on this kiosk" Return
[ "$(date +%s)" -lt "$closes_at" ] || fail "too slow: the answer was given after the close"

# Back only after the close.
while [ "$(date +%s)" -le "$((closes_at + 1))" ]; do sleep 0.5; done
start_service "$assets/catalog/sample_catalog.json" "$first_address"
for _ in $(seq 1 300); do
  officers_tool list --format json >"$work/list.json" 2>>"$work/admin.err" &&
    grep -q '"kind": "consultation_answer"' "$work/list.json" && break
  sleep 0.1
done
python3 - "$work/list.json" "$closes_at" <<'EOF' || fail "not counted as given: $(cat "$work/list.json")"
import datetime, json, sys
closes = int(sys.argv[2])
answers = [r for r in json.load(open(sys.argv[1])) if r["kind"] == "consultation_answer"]
assert len(answers) == 1, answers
def at(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
assert at(answers[0]["told_at"]) < closes, "given before the close"
assert at(answers[0]["received_at"]) > closes, "arrived after it"
EOF
officers_tool quarantine list >"$work/quarantine.txt" 2>>"$work/admin.err" ||
  fail "no quarantine listing: $(tail -n 1 "$work/admin.err")"
if grep -q "not_open" "$work/quarantine.txt"; then fail "the answer was refused as late"; fi

# Closed now: no longer offered.
tab_to "Finish"
press "Touch the screen or press any key" Return
press "What would you like to do?" space
not_on_home "Getting out and about" "still offered after it closed"
echo "e2e: answers given offline before a consultation closed arrived after it and were counted"

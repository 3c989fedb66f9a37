#!/usr/bin/env bash
# A Forum ballot end to end, by ear: an officer publishes it and issues
# three codes (large print and plain text); at a kiosk a member finds it
# by what is said, types their code, turns on private listening, marks a
# preference order and casts it ("received"); a second member casts while
# the service is away ("saved on this kiosk") and it is counted when the
# service is back; the first code used again is refused plainly. After the
# close, `ballot count` shows every round, the kiosk shows the result, and
# the service database's bytes hold no code and nothing of who cast what.
# Real processes, a real X window, xdotool keys, the speech transcript.
#
# Usage: kiosk_ballot_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_xvfb
start_service "$assets/catalog/sample_catalog.json"
first_address=$address
# The sample ballot, closing three minutes from now.
closes_at=$(python3 - "$assets/ballots/forum_reps_2027.json" "$work/ballot.json" <<'PY'
import datetime, json, sys
b = json.load(open(sys.argv[1]))
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
b["opensAt"] = (now - datetime.timedelta(days=1)).isoformat().replace("+00:00", "Z")
closes = now + datetime.timedelta(seconds=180)
b["closesAt"] = closes.isoformat().replace("+00:00", "Z")
json.dump(b, open(sys.argv[2], "w"))
print(int(closes.timestamp()))
PY
)
officers_tool ballot create "$work/ballot.json" >"$work/created.txt" 2>>"$work/admin.err" ||
  fail "ballot create failed: $(tail -n 1 "$work/admin.err")"
officers_tool ballot codes forum_reps_2027 --count 3 --out "$work/codes" >"$work/issued.txt" \
  2>>"$work/admin.err" || fail "no codes: $(tail -n 1 "$work/admin.err")"
[ "$(stat -c %a "$work/codes.txt")" = 600 ] || fail "the codes sheet is readable by others"
grep -q '<html lang="en-GB">' "$work/codes.html" || fail "the large-print sheet has no language"
[ "$(grep -c 'class="code"' "$work/codes.html")" = 3 ] || fail "the sheet does not hold 3 codes"
mapfile -t codes < <(sed -n 's/^[0-9]*\. \([A-Z0-9]\{4\}-[A-Z0-9]\{4\}\) .*/\1/p' "$work/codes.txt")
[ "${#codes[@]}" = 3 ] || fail "the plain-text list does not hold 3 codes: $(cat "$work/codes.txt")"

start_kiosk ballot --catalog-refresh-ms 200
heard "Touch the screen or press any key to have your say"
focus_kiosk

# vote CODE CANDIDATE THEN: one member's vote by ear, their code typed on
# the keyboard, private listening on, CANDIDATE first; THEN is what the
# thank-you screen must say.
vote() {
  local code=$1 first=$2 then=$3
  press "What would you like to do?" space
  tab_to "Vote in a Forum ballot: Forum representatives on the Scrutiny Committee"
  heard "You need the ballot code you were given"
  press "There are 2 places to fill" Return
  tab_to "Continue"
  press "Type the ballot code you were given" Return
  tab_to "Ballot code"
  xdotool key Return
  sleep 0.3
  xdotool type --delay 60 "$code"
  # Tab leaves the field; tab_to waits for each step's speech (a bare Tab
  # first could leave tab_to hearing that step and stopping one too far).
  tab_to "Continue"
  press "Only you should hear how you vote" Return
  tab_to "Private listening with headphones"
  press "on" Return
  tab_to "Continue"
  press "Choose the candidate you want most" Return
  tab_to "$first"
  press "Your order so far: 1. $first" Return
  tab_to "Continue"
  press "Check your vote" Return
  heard "Your vote: 1. $first"
  tab_to "Cast my vote"
  press "Thank you for voting" Return
  heard "$then"
  tab_to "Finish"
  press "Touch the screen or press any key" Return
}

vote "${codes[0]}" "Grace Liu" "Your vote was received"
# The service goes away; the second member's vote waits on the kiosk.
kill "$service_pid"; wait "$service_pid" 2>/dev/null || true
vote "${codes[1]}" "Amara Okafor" "Your vote is saved on this kiosk"
start_service "$assets/catalog/sample_catalog.json" "$first_address"
for _ in $(seq 1 300); do
  officers_tool ballot list >"$work/list.txt" 2>>"$work/admin.err" &&
    grep -q "votes 2" "$work/list.txt" && break
  sleep 0.1
done
grep -q "codes 3  votes 2" "$work/list.txt" || fail "the saved vote did not arrive: $(cat "$work/list.txt")"
# The first code again: refused, and nothing more counted.
vote "${codes[0]}" "Tomasz Nowak" "This ballot code has been used already"
officers_tool ballot list >"$work/list.txt" 2>>"$work/admin.err"
grep -q "codes 3  votes 2" "$work/list.txt" || fail "a code cast twice: $(cat "$work/list.txt")"
[ "$(date +%s)" -lt "$closes_at" ] || fail "too slow: the votes were cast after the close"

# Not counted while open; counted once closed, every round shown.
if officers_tool ballot count forum_reps_2027 >"$work/early.txt" 2>&1; then
  fail "counted while still open"
fi
grep -q "still open" "$work/early.txt" || fail "no plain refusal: $(cat "$work/early.txt")"
while [ "$(date +%s)" -le "$((closes_at + 1))" ]; do sleep 0.5; done
officers_tool ballot count forum_reps_2027 >"$work/count.txt" 2>>"$work/admin.err" ||
  fail "count failed: $(tail -n 1 "$work/admin.err")"
for line in "single transferable vote" "ballots  2 (2 valid, 0 blank)" "quota  1" "round 1" \
    "elected: Grace Liu, care worker" "elected: Amara Okafor, uses home care" "published to kiosks"; do
  grep -qF -- "$line" "$work/count.txt" || fail "the count lacks \"$line\": $(cat "$work/count.txt")"
done
officers_tool ballot count forum_reps_2027 >"$work/recount.txt" 2>>"$work/admin.err" ||
  fail "recount failed: $(tail -n 1 "$work/admin.err")"
grep -q "counted again from the stored ballots: the same result" "$work/recount.txt" ||
  fail "the recount differs: $(cat "$work/recount.txt")"

# The kiosk shows the result, with nothing restarted.
sleep 2.5
press "What would you like to do?" space
tab_to "What changed because people spoke up"
press "Forum representatives on the Scrutiny Committee. Result: " Return
# Both are elected in the first round with a vote each, so the order they
# are named in is the count's tie-break by lot: either order is right.
result=$(cut -f3- "$log" | grep -F "Scrutiny Committee. Result: " | tail -n 1)
for who in "Grace Liu, care worker" "Amara Okafor, uses home care"; do
  [[ "$result" == *"$who"* ]] || fail "the result lacks $who: $result"
done

# The service's files, read byte by byte: no code in any form, and no vote
# beside anything that names a device or a submission.
python3 - "$work" "${codes[@]}" <<'PY' || fail "the database holds what would join a vote to its code"
import glob, sys
work, codes = sys.argv[1], sys.argv[2:]
data = b"".join(open(p, "rb").read() for p in glob.glob(work + "/service.db*"))
for code in codes:
    for form in (code, code.replace("-", "")):
        assert form.encode() not in data, "a code is stored: " + form
assert b"grace_liu,amara_okafor" not in data and b"grace_liu" in data, "papers not as cast"
PY
echo "e2e: a Forum ballot was cast by ear online and offline, a code used twice was refused, and the count was published"

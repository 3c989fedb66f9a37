# Shared helpers for the end-to-end scripts: start Xvfb, the service and the
# kiosk as real processes, and drive the kiosk by xdotool while listening to
# its --speech-log transcript. Source it after setting: bin, assets.
# Every wait is bounded; every process is stopped on exit.

work=$(mktemp -d /tmp/carevoice-e2e-XXXXXX)
log="$work/speech.log"  # the current kiosk's transcript
outbox="$work/outbox.db"  # the kiosk's outbox (a script may put it elsewhere first)
pids=()
keep=${CAREVOICE_E2E_KEEP:-0}  # keep the work folder to look at

# What people sent (every pattern `arrived` waited for) and the secrets
# in play: none may appear in any log line of the service, the kiosks or
# the officers' tool. (The --speech-log transcript is a test diagnostic,
# not a log.) Checked when a script has passed, before its work folder goes.
sent_words=()
logs_hold_no_personal_data() {
  local secrets=("${sent_words[@]}" "$admin_password" "$officer_password")
  local f
  for f in "$XDG_CONFIG_HOME"/carevoice/sessions/*; do
    [ -f "$f" ] && secrets+=("$(cat "$f")")
  done
  if [ -f "$outbox" ]; then
    secrets+=("$(sqlite3 "$outbox" "SELECT credential FROM device" 2>/dev/null || true)")
  fi
  local logs=()
  for f in "$work"/service.err "$work"/service.out "$work"/kiosk-*.err "$work"/kiosk-*.out \
           "$work"/admin.err; do
    [ -f "$f" ] && logs+=("$f")
  done
  [ ${#logs[@]} -gt 0 ] || return 0
  local secret
  for secret in "${secrets[@]}"; do
    [ -n "$secret" ] || continue
    if grep -qF -- "$secret" "${logs[@]}"; then
      echo "FAIL: personal data or a secret is in a log: $(grep -lF -- "$secret" "${logs[@]}")" >&2
      return 1
    fi
  done
}

cleanup() {
  local code=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$code" = 0 ] && ! logs_hold_no_personal_data; then
    code=1
    keep=1
  fi
  if [ "$keep" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
  exit "$code"
}
trap cleanup EXIT

fail() {
  keep=1
  echo "FAIL: $*" >&2
  echo "--- last speech ---" >&2; tail -n 15 "$log" >&2 2>/dev/null || true
  echo "--- kiosk stderr ---" >&2; tail -n 20 "$work"/kiosk*.err >&2 2>/dev/null || true
  exit 1
}

# start_xvfb [WxH]: a virtual screen (1280x800 unless given); Xvfb picks
# a free display number itself.
start_xvfb() {
  screen_size=${1:-1280x800}
  Xvfb -displayfd 3 -screen 0 "${screen_size}x24" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.err" &
  pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || fail "Xvfb did not start"
  export DISPLAY=":$(cat "$work/display")"
}

# Further flags for every service, and for every officers' tool call
# (TLS: --tls-cert/--tls-key, --tls-ca).
service_flags=()
admin_flags=()

# Officers' accounts: the first admin (made as the README says, before the
# service starts) and an officer it creates. The officers' tool keeps its
# session under $XDG_CONFIG_HOME, here inside the work folder.
export XDG_CONFIG_HOME="$work/config"
admin_name=e2e.admin admin_password="e2e admin's long password"
officer_name=e2e.officer officer_password="e2e officer's long password"

# officers_tool ARGS...: carevoice-admin on the current service, bounded.
officers_tool() {
  timeout 60 "$bin/carevoice-admin" --service "$address" "${admin_flags[@]}" "$@"
}

# sign_in NAME PASSWORD: the officers' tool signs in as NAME.
sign_in() {
  printf '%s\n' "$2" | officers_tool login --name "$1" 2>>"$work/admin.err" ||
    fail "$1 could not sign in: $(tail -n 1 "$work/admin.err")"
}

# start_service CATALOG [ADDRESS]: sets $address and $service_pid; the
# officers' tool is then signed in as the officer.
start_service() {
  local catalog=$1 listen=${2:-127.0.0.1:0}
  local first=0
  if [ ! -e "$work/service.db" ]; then
    first=1
    printf '%s\n' "$admin_password" |
      "$bin/carevoice-service" --db "$work/service.db" --create-first-admin "$admin_name" \
        >/dev/null 2>>"$work/service.err" || fail "could not make the first admin"
  fi
  : >"$work/service.out"
  "$bin/carevoice-service" --db "$work/service.db" --listen "$listen" \
    --catalog "$catalog" "${service_flags[@]}" >"$work/service.out" 2>>"$work/service.err" &
  service_pid=$!
  pids+=($service_pid)
  address=""
  for _ in $(seq 1 300); do
    address=$(sed -n 's/^listening on //p' "$work/service.out" | head -n1)
    [ -n "$address" ] && break
    sleep 0.1
  done
  [ -n "$address" ] || fail "the service did not start"
  running_service=$address
  if [ "$first" = 1 ]; then
    sign_in "$admin_name" "$admin_password"
    printf '%s\n' "$officer_password" |
      officers_tool account create --name "$officer_name" --role officer >/dev/null 2>>"$work/admin.err" ||
      fail "could not make the officer's account: $(tail -n 1 "$work/admin.err")"
  fi
  sign_in "$officer_name" "$officer_password"
}

# phone_in NAME: the officer enters what a person said on the phone today,
# from the Submission in $work/NAME.json (carevoice-admin complaint); the
# tool's answer is in $work/NAME.out, and its reference and PIN in
# $reference and $pin.
phone_in() {
  officers_tool complaint --how phone --received-on "$(TZ=Europe/London date +%F)" \
    --from-json "$work/$1.json" >"$work/$1.out" 2>>"$work/admin.err" ||
    fail "$1 was not entered: $(tail -n 1 "$work/admin.err")"
  reference=$(sed -n 's/^reference \([A-Z0-9-]*\), PIN \([0-9]*\):.*/\1/p' "$work/$1.out")
  pin=$(sed -n 's/^reference \([A-Z0-9-]*\), PIN \([0-9]*\):.*/\2/p' "$work/$1.out")
  [ -n "$reference" ] && [ -n "$pin" ] || fail "no reference and PIN: $(cat "$work/$1.out")"
}

# spelled REFERENCE: as the officer console says a reference, a character
# at a time ("TJXW-RFMT" -> "T J X W, R F M T").
spelled() { echo "$1" | sed 's/./& /g; s/ - /, /; s/ $//'; }

# new_enrolment_code: an admin makes a one-time code for a kiosk, or a
# tablet when $device_mode says so (as the README says); it is left in
# $enrolment_code, and the officers' tool is signed in as the officer again.
device_mode=kiosk
new_enrolment_code() {
  sign_in "$admin_name" "$admin_password"
  enrolment_code=$(officers_tool device enrol --site "e2e test" --mode "$device_mode" 2>>"$work/admin.err") ||
    fail "no enrolment code: $(tail -n 1 "$work/admin.err")"
  sign_in "$officer_name" "$officer_password"
}

# start_kiosk NAME [extra flags...]: sets $kiosk_pid; its transcript is
# $log from now on. A kiosk with a new outbox, pointed at the running
# service, is enrolled with a new code; one whose outbox exists already
# has its credential.
start_kiosk() {
  local name=$1; shift
  local enrol=()
  if [ ! -e "$outbox" ] && [ "$address" = "${running_service:-}" ]; then
    new_enrolment_code
    enrol=(--enrol "$enrolment_code")
  fi
  log="$work/speech-$name.log"
  "$bin/carevoice-kiosk" --service "$address" --outbox "$outbox" \
    --speech-log "$log" --retry-initial-ms 100 --retry-max-ms 1000 "${enrol[@]}" "$@" \
    >"$work/kiosk-$name.out" 2>"$work/kiosk-$name.err" &
  kiosk_pid=$!
  pids+=($kiosk_pid)
}

# The kiosk window gets the keyboard (no window manager runs here).
focus_kiosk() {
  local window
  window=$(timeout 30 xdotool search --sync --name '^CareVoice$' | head -n1)
  [ -n "$window" ] || fail "no kiosk window"
  xdotool windowfocus --sync "$window" || true
}

lines() { if [ -f "$log" ]; then wc -l <"$log"; else echo 0; fi; }

# said GREP_FLAGS TEXT FROM_LINE: waits until an utterance since FROM_LINE
# matches TEXT (grep -q with GREP_FLAGS: F for a part, xF for all of
# it); true when it did.
said() {
  local flags=$1 text=$2 from=$3
  for _ in $(seq 1 600); do
    if [ -f "$log" ] && tail -n +"$((from + 1))" "$log" | cut -f3- | grep -q"$flags" -- "$text"; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# heard PATTERN [FROM_LINE]: waits until the kiosk has said PATTERN.
heard() { said F "$1" "${2:-0}" || fail "never heard \"$1\""; }

# heard_line TEXT [FROM_LINE]: waits until one utterance is exactly TEXT.
heard_line() { said xF "$1" "${2:-0}" || fail "never heard exactly \"$1\""; }

# press EXPECTED KEY...: presses keys, waits until the kiosk says EXPECTED.
press() {
  local expect=$1; shift
  local from; from=$(lines)
  xdotool key "$@"
  heard "$expect" "$from"
}

# steady PAUSE TRIES COMMAND...: true once COMMAND prints the same twice,
# PAUSE seconds apart, within TRIES tries.
steady() {
  local pause=$1 tries=$2 before
  shift 2
  for _ in $(seq 1 "$tries"); do
    before=$("$@")
    sleep "$pause"
    [ "$("$@")" = "$before" ] && return 0
  done
  return 1
}

# quiet: waits (a bounded while) until nothing new has been said for a
# moment: speech still on its way (the echo of the last letter typed) is
# not taken for the answer to the next key.
quiet() { steady 0.2 40 lines || true; }

# tab_to PATTERN [KEY]: presses KEY (Tab) until the item spoken contains
# PATTERN.
tab_to() {
  local key=${2:-Tab}
  quiet
  for _ in $(seq 1 40); do
    local from; from=$(lines)
    xdotool key "$key"
    for _ in $(seq 1 100); do [ "$(lines)" -gt "$from" ] && break; sleep 0.05; done
    tail -n +"$((from + 1))" "$log" | cut -f3- | grep -qF -- "$1" && return 0
  done
  fail "could not find \"$1\" with $key"
}

# not_on_home PATTERN WHY: on the home screen, Tab round it once (a journey
# button first says "I have an idea") and fail with WHY if PATTERN is said.
not_on_home() {
  local mark; mark=$(lines)
  for _ in $(seq 1 14); do xdotool key Tab; sleep 0.05; done
  sleep 0.5
  tail -n +"$((mark + 1))" "$log" | grep -qF "I have an idea" || fail "never went round the home screen"
  if tail -n +"$((mark + 1))" "$log" | grep -qF -- "$1"; then fail "$2"; fi
}

# scan_to PATTERN: as a person with two switches moves: Space until the
# item spoken contains PATTERN.
scan_to() { tab_to "$1" space; }

# type_ok_by_switches: on a words step, as a person with two switches
# types "ok" on the on-screen keyboard: a row, then a key, for each letter,
# a space, then Space moves to Done (chosen by the caller, who knows what
# comes next).
type_ok_by_switches() {
  scan_to "Letters: q, w, e"
  press "Button, q," Return
  scan_to "Button, o,"
  press "Letters: q, w, e" Return
  scan_to "Letters: a, s, d"
  press "Button, a," Return
  scan_to "Button, k,"
  press "Letters: a, s, d" Return
  scan_to "Actions:"
  press "Button, Space," Return
  scan_to "Button, Done,"
}

# feedback_by_ear WORDS: from the attract screen, a feedback journey about
# day centres by keys, each control found by what is spoken and chosen with
# Return (the text field too), WORDS typed, sent, to the thank-you.
feedback_by_ear() {
  press "What would you like to do?" space
  press "Which service is it about?" Return
  tab_to "Day centres,"
  press "Are you telling us as..." Return
  tab_to "Someone who uses care services,"
  press "How would you rate Day centres?" Return
  tab_to "Choice, Good,"
  press "Tell us more" Return
  # As a blind person does: find the field by ear, Return on it, then type.
  tab_to "Text field, Your words"
  press "Type now" Return
  xdotool type --delay 0 "$1"
  press "Button, Continue" Return     # after typing, Return leaves the field
  press "May we quote your words?" Return
  tab_to "Choice, No, do not quote me,"
  press "Check what you are sending" Return
  press "Thank you" Return
}

# arrived PATTERN: waits until an officer's listing (with the words) shows
# PATTERN, leaving it in $work/list.json; fails when it never does.
arrived() {
  sent_words+=("$1")
  for _ in $(seq 1 300); do
    if officers_tool list --format json --include-text --reason "end-to-end test" \
        >"$work/list.json" 2>>"$work/admin.err" && grep -qF -- "$1" "$work/list.json"; then
      return 0
    fi
    sleep 0.1
  done
  fail "\"$1\" never reached the service"
}

# By touch: real pointer clicks in the kiosk window ($window), each in the
# middle of a control as the kiosk last drew it (the JSON it saves beside
# each screenshot in $shots, from --screenshot-dir).
shots="$work/shots"

# The newest saved layout.
latest() { ls "$shots/"*.json 2>/dev/null | sort | tail -n1; }

# where ID FILE: "X Y CLIPPED" for the middle of ID in FILE, or nothing.
where() {
  python3 - "$1" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[2]))
for item in doc["items"]:
    if item["id"] == sys.argv[1]:
        x, y, w, h = item["box"]
        print(int(x + w / 2), int(y + h / 2), 1 if item["clipped"] else 0)
PY
}

# click X Y: a real pointer click at X,Y in the kiosk window.
click() { xdotool mousemove --window "$window" "$1" "$2" click 1; }

# newer_than FILE: waits until a layout newer than FILE is saved.
newer_than() {
  for _ in $(seq 1 200); do
    [ "$(latest)" != "$1" ] && return 0
    sleep 0.05
  done
  fail "the screen did not change after a click (was $1)"
}

# settled: waits until no new layout has been saved for a moment, so a
# scroll that takes more than one frame has come to rest.
settled() { steady 0.3 20 latest || fail "the screen never came to rest"; }

# tap ID: clicks the middle of ID once it is on the screen, first
# scrolling it into view with the scroll buttons, then waits for the screen
# to change (every tap here changes it: a new step, a letter typed).
tap() {
  local id=$1 file="" at=""
  local middle=$(( ${screen_size#*x} / 2 ))
  for _ in $(seq 1 200); do
    file=$(latest)
    [ -n "$file" ] && at=$(where "$id" "$file") && [ -n "$at" ] && break
    sleep 0.05
  done
  [ -n "$at" ] || fail "$id never appeared on the screen (last: $file)"
  for _ in $(seq 1 10); do
    set -- $at
    [ "$3" = 0 ] && break
    # Out of view: above the middle of the screen it is reached by
    # scrolling up, below by scrolling down.
    local button=scroll.down
    [ "$2" -lt "$middle" ] && button=scroll.up
    local arrow; arrow=$(where "$button" "$file")
    [ -n "$arrow" ] || fail "$id is out of view and there is no way to scroll"
    set -- $arrow
    click "$1" "$2"
    newer_than "$file"
    settled
    file=$(latest)
    at=$(where "$id" "$file")
  done
  set -- $at
  [ "$3" = 0 ] || fail "$id never came into view"
  click "$1" "$2"
  newer_than "$file"
}

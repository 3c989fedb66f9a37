#!/usr/bin/env bash
# A care-home tablet, by touch, in portrait: enrolled as a tablet, it pins
# the service's sealing key; then the service goes away and a resident
# raises a concern by real pointer clicks alone (Easy Read is on from the
# first screen), the words tapped on the on-screen keyboard. While it
# waits, every byte of every file the tablet wrote (its outbox, WAL,
# journal, anything else in its folder) is read: none of the words may be
# there. The thank-you tells the resident staff cannot read it; finishing
# ends the visit, counted sealed and apart from the concern. When the
# service is back the concern arrives once, readable by an officer, and the
# visit is counted (Easy Read, by touch) with no link to it.
#
# Usage: tablet_touch_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

tablet_dir="$work/tablet"   # what the tablet writes, and nothing else
mkdir -p "$tablet_dir"
outbox="$tablet_dir/outbox.db"
device_mode=tablet
words=quokka              # tapped letter by letter; found nowhere by chance

start_xvfb 800x1280
start_service "$assets/catalog/sample_catalog.json"
first_address=$address
# The transcript and screenshots are the test's own, outside the tablet's folder.
start_kiosk tablet --mode tablet --screenshot-dir "$shots" --visits-together 1
window=$(timeout 30 xdotool search --sync --name '^CareVoice$' | head -n1)
[ -n "$window" ] || fail "no tablet window"
eval "$(xdotool getwindowgeometry --shell "$window")"
[ "$WIDTH" = 800 ] && [ "$HEIGHT" = 1280 ] || fail "the tablet is not portrait 800x1280 (${WIDTH}x$HEIGHT)"

# Enrolled, with the key it seals to pinned, before the service goes.
for _ in $(seq 1 300); do
  grep -q "sealing to key" "$work/kiosk-tablet.err" && break
  sleep 0.1
done
grep -q "sealing to key" "$work/kiosk-tablet.err" || fail "the tablet never pinned a sealing key"
kill "$service_pid"; wait "$service_pid" 2>/dev/null || true

heard "Touch the screen"
click 400 640  # anywhere on the attract screen
heard "What do you want to do? Choose one thing."  # Easy Read's words
grep -qF '"title.picture"' "$(latest)" || fail "Easy Read (words with pictures) is not on from the start"
for id in home.complaint danger.no service.day_centres provider.northshire_day_services \
          site.riverside_centre speaker.family_or_friend; do
  tap "$id"
done
from=$(lines)
for (( i = 0; i < ${#words}; i++ )); do tap "osk.key.${words:i:1}"; done
heard_line "a" "$from"
for id in what.continue when.month outcome.continue discuss.no formal.complaint \
          quote.yes about.relative agreed.yes contact.anonymous; do
  tap "$id"
done
tap review.send
heard "Staff here cannot read them"
# Who we heard from: one answer, then the rest skipped.
tap heard_from.offer
heard "These questions help us hear from everyone"
tap heard_role.care_worker
tap heard_age.skip
heard "Thank you for your answers"
tap thanks.finish
heard "Touch the screen" "$from"

# Queued, sealed: nothing of it in any file of the tablet's, in any form
# SQLite might keep (main file, WAL, shared memory, journal, temp).
ls "$tablet_dir"/outbox.db* >/dev/null || fail "the tablet wrote no outbox"
for f in "$tablet_dir"/*; do
  if grep -qaF -- "$words" "$f"; then fail "\"$words\" is readable in $(basename "$f")"; fi
done
[ "$(sqlite3 "$outbox" "SELECT COUNT(*) FROM items WHERE state = 'pending' AND sealed_key_id <> ''")" = 1 ] ||
  fail "the concern is not queued sealed"
[ "$(sqlite3 "$outbox" "SELECT COUNT(*) FROM tallies WHERE sealed_key_id <> ''")" = 1 ] ||
  fail "the visit is not counted, sealed, apart from the concern"

start_service "$assets/catalog/sample_catalog.json" "$first_address"
arrived "\"text\": \"$words\""
[ "$(grep -c "\"text\": \"$words\"" "$work/list.json")" = 1 ] || fail "the concern did not arrive exactly once"
# Counted once the concern is safe: one visit, by touch in Easy Read, and
# nothing of it left on the tablet.
for _ in $(seq 1 300); do
  officers_tool taking-part >"$work/taking-part.txt" 2>>"$work/admin.err" &&
    grep -q "visits  all  1$" "$work/taking-part.txt" && break
  sleep 0.1
done
grep -q "visits  all  1$" "$work/taking-part.txt" || fail "the visit was never counted"
grep -q "how.easy_read  yes  fewer than 5$" "$work/taking-part.txt" ||
  fail "the visit's Easy Read is not counted: $(cat "$work/taking-part.txt")"
grep -q "equality.role  care worker  fewer than 5$" "$work/taking-part.txt" ||
  fail "who the person said they are is not counted: $(cat "$work/taking-part.txt")"
if grep -q "equality.age_band" "$work/taking-part.txt"; then fail "a skipped question was counted"; fi
for _ in $(seq 1 100); do
  [ "$(sqlite3 "$outbox" "SELECT COUNT(*) FROM tallies")" = 0 ] && break
  sleep 0.1
done
[ "$(sqlite3 "$outbox" "SELECT COUNT(*) FROM tallies")" = 0 ] || fail "the counted visit is still on the tablet"
echo "e2e: a tablet's concern, raised by touch in portrait, was sealed on its disk and arrived once; the visit and who the person said they are were counted apart"

#!/usr/bin/env bash
# A committee pack through the real service and the officers' tool: a clerk
# makes the same report as Markdown and as CSV; Python's csv module reads
# the CSV back and every figure matches the Markdown's tables; a small
# count is "fewer than 5" and the one that would give it away is withheld;
# no word or name a person gave is in either file; the making is audited;
# a period written wrongly is refused plainly.
#
# Usage: report_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_service "$assets/catalog/sample_catalog.json"   # signed in as the officer
today=$(TZ=Europe/London date +%F)

# Six complaints phoned in today: five about the Harbourside co-op, one
# about Brightwell Homes. Each names its person and says something of its own.
marker="bus-late-$RANDOM"
for i in 1 2 3 4 5 6; do
  provider=harbourside_care_coop
  [ "$i" = 6 ] && provider=brightwell_homes
  cat >"$work/c$i.json" <<JSON
{"language": "en-GB", "anonymous": false,
 "contact": {"name": "Ada Quillfeather", "phone": "01632 960123", "reply_format": "REPLY_FORMAT_PHONE"},
 "consent": {"may_contact": true, "may_quote": true}, "speaker": "SPEAKER_USES_SERVICES",
 "complaint": {"service_id": "home_care", "provider_id": "$provider",
               "what_happened": "The carer came late again $marker $i"}}
JSON
  phone_in "c$i"
done
sent_words+=("$marker" "Quillfeather" "01632 960123")

# A clerk prepares the papers.
sign_in "$admin_name" "$admin_password"
printf 'clerk long password\n' | officers_tool account create --name e2e.clerk --role clerk >/dev/null
sign_in e2e.clerk "clerk long password"
officers_tool report --period "$today..$today" --audience public --format md \
  --out "$work/pack.md" >"$work/report.out" 2>>"$work/admin.err" ||
  fail "no Markdown pack: $(tail -n 1 "$work/admin.err")"
grep -qF "wrote $work/pack.md" "$work/report.out" || fail "$(cat "$work/report.out")"
officers_tool report --period "$today..$today" --audience public --format csv \
  --out "$work/pack.csv" >/dev/null 2>>"$work/admin.err" ||
  fail "no CSV pack: $(tail -n 1 "$work/admin.err")"

grep -qF "People told us 6 things" "$work/pack.md" || fail "the total is wrong: $(head -n 20 "$work/pack.md")"
python3 - "$work/pack.md" "$work/pack.csv" <<'PY' || fail "the CSV and the Markdown disagree"
import csv, re, sys
md_path, csv_path = sys.argv[1], sys.argv[2]
raw = open(csv_path, "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "lines must end in CRLF"
rows = list(csv.DictReader(open(csv_path, encoding="utf-8-sig", newline="")))

# The Markdown's tables: caption -> {row label -> {column -> words}}.
tables, caption, header = {}, None, None
for line in open(md_path, encoding="utf-8"):
    line = line.rstrip("\n")
    m = re.match(r"\*\*Table: (.*)\*\*$", line)
    if m:
        caption, header = m.group(1), None
        tables[caption] = {}
        continue
    if caption and line.startswith("| "):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if header is None:
            header = cells
        elif not all(c in ("---", "---:") for c in cells):
            label = cells[0].strip("*")
            tables[caption][label] = dict(zip(header[1:], cells[1:]))

checked = 0
for r in rows:
    if r["table"] == "about":
        continue
    words = tables[r["caption"]][r["row"] if r["row_key"] != "(all)" else "All"][r["column"]]
    if r["suppressed"] == "small":
        assert words == "fewer than 5", (r, words)
    elif r["suppressed"] == "secondary":
        assert words == "withheld", (r, words)
    elif words.endswith("%"):
        assert abs(float(words[:-1]) - float(r["value"])) < 0.05, (r, words)
    elif re.fullmatch(r"[+-]?[0-9,]+", words):
        assert int(words.replace(",", "").replace("+", "")) == int(r["value"]), (r, words)
    else:
        assert words == r["value"], (r, words)
    checked += 1
assert checked > 50, checked

def figure(table, key, column):
    return [(r["value"], r["suppressed"]) for r in rows
            if r["table"] == table and r["row_key"] == key and r["column"] == column]
# Brightwell's one complaint is fewer than 5; the co-op's five, which with
# the total would give it away, are withheld.
assert figure("by_provider", "brightwell_homes", "This period") == [("", "small")]
assert figure("by_provider", "harbourside_care_coop", "This period") == [("", "secondary")]
assert figure("by_kind", "complaint", "This period") == [("6", "")]
assert figure("by_kind", "(all)", "This period") == [("6", "")]
print(f"e2e: {checked} figures agree between the CSV and the Markdown")
PY

# Nothing a person said, or who they are, is in the pack.
for secret in "$marker" "Quillfeather" "01632 960123" "came late again"; do
  if grep -qF -- "$secret" "$work/pack.md" "$work/pack.csv"; then
    fail "the pack holds \"$secret\""
  fi
done

# A period written wrongly is refused, saying how to write it.
if officers_tool report --period "$today" --audience forum --format md --out "$work/bad.md" \
    2>"$work/bad.err"; then
  fail "a period without its last day made a report"
fi
grep -qF "FIRST..LAST" "$work/bad.err" || fail "$(cat "$work/bad.err")"
[ ! -e "$work/bad.md" ] || fail "a refused report left a file"

# Who made which report is audited.
sign_in "$admin_name" "$admin_password"
officers_tool audit list --limit 20 >"$work/audit.txt"
grep -qF "report:AUDIENCE_PUBLIC:$today..$today" "$work/audit.txt" || fail "not audited: $(cat "$work/audit.txt")"
grep -qF "e2e.clerk" "$work/audit.txt" || fail "the audit does not name the clerk"
echo "e2e: report: Markdown and CSV agree, small numbers suppressed, nothing personal, audited"

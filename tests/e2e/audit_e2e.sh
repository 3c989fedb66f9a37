#!/usr/bin/env bash
# The audit cannot be quietly edited: the real service and the officers'
# tool. Officers' reads are audited in their signed-in names, with the
# reason given for reading words; only an admin reads the audit; `audit
# verify` finds the chain intact, then finds a count, and then a reason,
# changed in the database file behind the service's back, naming the row,
# and, by the anchor it keeps outside the database, the newest rows cut off.
#
# Usage: audit_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_service "$assets/catalog/sample_catalog.json"   # signed in as the officer

officers_tool list --format json >/dev/null
officers_tool list --format json --include-text --reason "Reply to case 7" >/dev/null
officers_tool export --out "$work/summary.csv" 2>/dev/null
if officers_tool audit verify >/dev/null 2>"$work/denied.err"; then
  fail "an officer read the audit"
fi
grep -qF "the officer role may not administer" "$work/denied.err" || fail "$(cat "$work/denied.err")"

sign_in "$admin_name" "$admin_password"
officers_tool audit verify >"$work/verify.txt" || fail "an untouched audit did not verify"
grep -qE "audit intact: [0-9]+ rows checked" "$work/verify.txt" || fail "$(cat "$work/verify.txt")"

# A backup while the service serves: whole, private, intact, and audited.
officers_tool backup --out "$work/backup.db" >"$work/backup.txt" || fail "$(cat "$work/backup.txt")"
grep -q "integrity ok" "$work/backup.txt" || fail "$(cat "$work/backup.txt")"
[ "$(stat -c %a "$work/backup.db")" = 600 ] || fail "the backup is readable by others"
[ "$(sqlite3 "$work/backup.db" "PRAGMA integrity_check")" = ok ] || fail "the backup is damaged"
[ "$(sqlite3 "$work/backup.db" "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")" = backup ] ||
  fail "the backup does not hold its own audit row"

# The retention schedule, on demand: its rules with their reasons, and a
# run that finds nothing due in a new database; audited. The service
# applied it once already, at start, in its own name.
officers_tool retention run --dry-run >"$work/retention.txt" || fail "$(cat "$work/retention.txt")"
grep -q "complaint: anonymised after 2190 days, deleted after 2555 days" "$work/retention.txt" ||
  fail "the schedule was not shown: $(cat "$work/retention.txt")"
grep -q "Why: A complaint can lead to an Ombudsman review" "$work/retention.txt" ||
  fail "the reasons were not shown"
grep -q "Would anonymise 0 submissions, would delete 0 submissions and 0 quarantined items" \
  "$work/retention.txt" || fail "$(cat "$work/retention.txt")"
officers_tool retention run >/dev/null || fail "retention run failed"

officers_tool audit list --limit 20 >"$work/list.txt"
grep -q "e2e.officer  export_anonymised" "$work/list.txt" || fail "the export is not in the audit"
grep -q "e2e.officer  list_with_text  0  because: Reply to case 7" "$work/list.txt" ||
  fail "the reason for reading words is not in the audit: $(cat "$work/list.txt")"
grep -q "e2e.admin  audit_verify" "$work/list.txt" || fail "the verification is not in the audit"
grep -q "e2e.admin  backup" "$work/list.txt" || fail "the backup is not in the audit"
grep -q "e2e.admin  retention_dry_run" "$work/list.txt" || fail "the dry run is not in the audit"
grep -q "e2e.admin  retention " "$work/list.txt" || fail "the retention run is not in the audit"
grep -q "service  retention " "$work/list.txt" ||
  grep -q "retention: anonymised 0, deleted 0" "$work/service.err" ||
  fail "the service did not apply the schedule at start"
grep -q "e2e.admin  account_create:e2e.officer" "$work/list.txt" || fail "the new account is not in the audit"
grep -q "e2e.officer  signin" "$work/list.txt" || fail "signing in is not in the audit"

# Someone with the database file, not the service, changes the export's count.
row=$(sqlite3 "$work/service.db" "SELECT seq FROM audit_log WHERE action = 'export_anonymised'")
sqlite3 "$work/service.db" "UPDATE audit_log SET count = count + 7 WHERE action = 'export_anonymised'"
if officers_tool audit verify >"$work/tampered.txt" 2>"$work/tampered.err"; then
  fail "a changed audit row was not found"
fi
grep -qF "audit NOT intact: row $row was changed after it was written" "$work/tampered.txt" ||
  fail "$(cat "$work/tampered.txt" "$work/tampered.err")"
sqlite3 "$work/service.db" "UPDATE audit_log SET count = count - 7 WHERE action = 'export_anonymised'"
officers_tool audit verify >/dev/null || fail "putting the count back did not mend the chain"

# And the reason someone gave: rewritten behind the service's back.
row=$(sqlite3 "$work/service.db" "SELECT seq FROM audit_log WHERE action = 'list_with_text'")
sqlite3 "$work/service.db" "UPDATE audit_log SET reason = 'Routine check' WHERE action = 'list_with_text'"
if officers_tool audit verify >"$work/reason.txt" 2>/dev/null; then
  fail "a changed reason was not found"
fi
grep -qF "row $row's reason was changed after it was written" "$work/reason.txt" ||
  fail "$(cat "$work/reason.txt")"
# Erasure may blank a reason (personal data): the chain still holds.
sqlite3 "$work/service.db" "UPDATE audit_log SET reason = '' WHERE action = 'list_with_text'"
officers_tool audit verify >"$work/anchored.txt" || fail "an erased reason broke the chain"

# The newest rows cut off the end leave a shorter chain that still fits:
# the anchor the tool kept at its last check, outside the database, finds it.
head=$(sed -n 's/^newest row \([0-9]*\), hash [0-9a-f]*$/\1/p' "$work/anchored.txt")
[ -n "$head" ] || fail "no newest row: $(cat "$work/anchored.txt")"
sqlite3 "$work/service.db" "DELETE FROM audit_log WHERE seq >= $((head - 1))"
if officers_tool audit verify >"$work/cut.txt" 2>/dev/null; then
  fail "rows cut from the end were not found"
fi
grep -qF "but row $head was seen before: rows were removed from its end" "$work/cut.txt" ||
  fail "$(cat "$work/cut.txt")"
echo "e2e: the audit chain verified, then found a count and a reason changed and the newest rows cut behind the service's back"

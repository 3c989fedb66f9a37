#!/usr/bin/env bash
# The audit cannot be quietly edited: the real service and the officers'
# tool. Officers' reads are audited; `audit verify` finds the chain intact,
# then finds a count changed in the database file behind the service's
# back, naming the row; `audit list` shows who did what.
#
# Usage: audit_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_service "$assets/catalog/sample_catalog.json"
admin() { timeout 60 "$bin/carevoice-admin" --service "$address" --officer "$1" "${@:2}"; }

admin jo.bloggs list --format json >/dev/null
admin jo.bloggs export --out "$work/summary.csv" 2>/dev/null
admin sam audit verify >"$work/verify.txt" || fail "an untouched audit did not verify"
grep -qF "audit intact: 2 rows checked" "$work/verify.txt" || fail "$(cat "$work/verify.txt")"

admin sam audit list --limit 10 >"$work/list.txt"
grep -q "jo.bloggs  export_anonymised" "$work/list.txt" || fail "the export is not in the audit"
grep -q "sam  audit_verify" "$work/list.txt" || fail "the verification is not in the audit"

# Someone with the database file, not the service, changes the export's count.
sqlite3 "$work/service.db" "UPDATE audit_log SET count = count + 7 WHERE action = 'export_anonymised'"
if admin sam audit verify >"$work/tampered.txt" 2>"$work/tampered.err"; then
  fail "a changed audit row was not found"
fi
grep -qF "audit NOT intact: row 2 was changed after it was written" "$work/tampered.txt" ||
  fail "$(cat "$work/tampered.txt" "$work/tampered.err")"
echo "e2e: the audit chain verified, then found the row changed behind the service's back"

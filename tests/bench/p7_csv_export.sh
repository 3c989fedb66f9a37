#!/usr/bin/env bash
# P7 (PERFORMANCE.md): the anonymised CSV export of every submission as an
# officer makes it -- carevoice-admin export from a carevoice-service
# running on the file, over loopback -- against `sqlite3 -csv` writing the
# same rows from the same file (their stored columns, the body as hex: the
# bytes the export reads and decodes). Each side runs once to warm up, then
# the median of three counts. Prints one summary line on stdout; details on
# stderr.
#
# Usage: p7_csv_export.sh BIN_DIR ASSETS_DIR DB_FILE WORK_DIR
set -euo pipefail
bin=$1 assets=$2 db=$3 work=$4
export XDG_CONFIG_HOME="$work/p7-config"  # the officers' tool's session
name=bench.admin password="the benchmark admin's long password"
service_pid=""
trap '[ -n "$service_pid" ] && { kill "$service_pid" 2>/dev/null; wait "$service_pid" 2>/dev/null; }; true' EXIT
die() { echo "P7: $*" >&2; exit 1; }

# The admin is made once per file (a second run signs in as before).
if ! printf '%s\n' "$password" |
  "$bin/carevoice-service" --db "$db" --create-first-admin "$name" >/dev/null 2>"$work/p7-service.err"; then
  grep -q "accounts exist already" "$work/p7-service.err" ||
    die "could not make the admin: $(tail -n1 "$work/p7-service.err")"
fi
"$bin/carevoice-service" --db "$db" --listen 127.0.0.1:0 \
  --catalog "$assets/catalog/sample_catalog.json" >"$work/p7-service.out" 2>>"$work/p7-service.err" &
service_pid=$!
address=""
for _ in $(seq 1 600); do
  address=$(sed -n 's/^listening on //p' "$work/p7-service.out" | head -n1)
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || die "the service did not start: $(tail -n3 "$work/p7-service.err")"
printf '%s\n' "$password" | "$bin/carevoice-admin" --service "$address" login --name "$name" \
  >/dev/null 2>"$work/p7-admin.err" || die "could not sign in: $(tail -n1 "$work/p7-admin.err")"

now() { date +%s.%N; }
# median_of_three COMMAND...: runs it four times (the first warms up) and
# prints the median of the last three, in seconds.
median_of_three() {
  local times=() start
  for i in 0 1 2 3; do
    start=$(now)
    "$@" || die "failed: $*"
    [ "$i" = 0 ] || times+=("$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n 2p
}

export_csv() {
  rm -f "$work/p7-export.csv"
  timeout 1800 "$bin/carevoice-admin" --service "$address" export --format csv \
    --out "$work/p7-export.csv" >/dev/null 2>>"$work/p7-admin.err"
}
sqlite_csv() {
  sqlite3 -readonly -csv -header "$db" \
    "SELECT submission_id, reference, received_at, kind, urgent, status, service_id, rating,
            hex(body) FROM submissions ORDER BY received_at, submission_id" >"$work/p7-sqlite.csv"
}

ours=$(median_of_three export_csv)
baseline=$(median_of_three sqlite_csv)
rows=$(($(wc -l <"$work/p7-sqlite.csv") - 1))
exported=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))) - 1)' "$work/p7-export.csv")
[ "$exported" = "$rows" ] || die "the export has $exported rows, the file $rows"
echo "P7: $rows rows; export $(stat -c %s "$work/p7-export.csv") bytes, sqlite3 $(stat -c %s "$work/p7-sqlite.csv") bytes" >&2
size=$((rows / 1000))k
[ $((rows % 1000000)) = 0 ] && size=$((rows / 1000000))m
awk -v ours="$ours" -v base="$baseline" -v size="$size" \
  'BEGIN { printf "P7 csv_export_%s: %.2f s vs sqlite3 -csv %.2f s = %.2fx (goal <= 1.50x)\n", size, ours, base, ours / base }'

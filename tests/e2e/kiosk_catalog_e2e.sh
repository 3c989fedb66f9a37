#!/usr/bin/env bash
# The catalog reaches kiosks and survives outages: a catalog an admin
# publishes shows on a running kiosk; a kiosk restarted while the service is
# down shows its cached copy. Real processes, a real X window, xdotool keys,
# and the kiosk's speech transcript.
#
# Usage: kiosk_catalog_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

catalog="$work/catalog.json"
cp "$assets/catalog/sample_catalog.json" "$catalog"
start_xvfb
start_service "$catalog"
start_kiosk first --catalog-refresh-ms 200
heard "Touch the screen or press any key to have your say"
focus_kiosk
press "Which service is it about?" space Return
heard "Home care"

# The council renames a service and an admin publishes the catalog; the
# running kiosk picks it up.
sed -i 's/"Home care"/"Care at home"/' "$catalog"
sign_in "$admin_name" "$admin_password"
officers_tool catalog publish "$catalog" >"$work/published.txt" || fail "publish failed"
grep -q "published catalog version" "$work/published.txt" || fail "$(cat "$work/published.txt")"
sleep 2.5  # the service looks at most once a second; the kiosk polls every 200 ms
press "What would you like to do?" Escape
press "Care at home" Return

# The service goes away; a restarted kiosk still knows the catalog.
kill "$kiosk_pid"
wait "$kiosk_pid" 2>/dev/null || true
kill "$service_pid"
wait "$service_pid" 2>/dev/null || true
start_kiosk second --catalog-refresh-ms 200
heard "Touch the screen or press any key to have your say"
focus_kiosk
press "Which service is it about?" space Return
heard "Care at home"
echo "e2e: catalog changes reach a running kiosk; a restarted kiosk uses its cache"

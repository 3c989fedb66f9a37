#!/usr/bin/env bash
# TLS between every CareVoice process, with a CA made here for the test:
# a plaintext service will not listen beyond loopback; a TLS service is
# reached by the officers' tool and by a kiosk (a feedback journey by keys,
# by ear, in an X window) that trust its CA, and not by a plaintext client
# or one that trusts another CA.
#
# Usage: tls_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

# make_ca NAME: a self-signed CA, $work/NAME.pem and its key.
make_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=CareVoice test CA $1" \
    -keyout "$work/$1.key" -out "$work/$1.pem" 2>/dev/null
}
make_ca ca
make_ca other
# The service's certificate, for the loopback address the tests use.
openssl req -newkey rsa:2048 -nodes -subj "/CN=carevoice-service" \
  -keyout "$work/service.key" -out "$work/service.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$work/san.cnf"
openssl x509 -req -in "$work/service.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
  -CAcreateserial -days 2 -extfile "$work/san.cnf" -out "$work/service.pem" 2>/dev/null

# 1. Plaintext beyond loopback is refused, saying what to do. (It stops
#    before listening: nothing binds outside loopback here.)
if timeout 20 "$bin/carevoice-service" --db "$work/refused.db" --listen 0.0.0.0:0 \
    --catalog "$assets/catalog/sample_catalog.json" 2>"$work/refused.err"; then
  fail "a plaintext service listened beyond loopback"
fi
grep -qF -- "--tls-cert" "$work/refused.err" || fail "the refusal does not say how to use TLS"

# 2. A TLS service.
service_flags=(--tls-cert "$work/service.pem" --tls-key "$work/service.key")
admin_flags=(--tls-ca "$work/ca.pem")
start_service "$assets/catalog/sample_catalog.json"
"$bin/carevoice-admin" --service "$address" --tls-ca "$work/ca.pem" list --format json \
  >"$work/empty.json" || fail "the officers' tool could not reach the TLS service"
if timeout 20 "$bin/carevoice-admin" --service "$address" list 2>"$work/plain.err"; then
  fail "a plaintext client was answered by a TLS service"
fi
if timeout 20 "$bin/carevoice-admin" --service "$address" --tls-ca "$work/other.pem" list \
    2>"$work/other.err"; then
  fail "a client trusting another CA was answered"
fi

# 3. A kiosk that trusts the CA delivers a person's words.
start_xvfb
start_kiosk tls --tls-ca "$work/ca.pem"
heard "Touch the screen or press any key to have your say"
focus_kiosk
words="Sent safely $RANDOM"
feedback_by_ear "$words"
arrived "$words"
heard "Your feedback has reached the council."
echo "e2e: TLS with a test CA between kiosk, service and officers; plaintext refused"

#!/bin/sh
# Throwaway PKI for the TLS client host tests, made with the openssl CLI at test time.
# Usage: make_pki.sh OUTDIR        (reuses OUTDIR when it is younger than a day and was made
#                                   by this version of the script)
# Trust anchors (DER, what the client gets): ecdsa-root.der, rsa-root.der, rsa4096-root.der,
# ecdsa384-root.der.
# Server chains (PEM, for openssl s_server): <name>.crt (leaf), <name>.key, [<name>.chain]:
#   ecdsa         P-256 root -> P-256 leaf for forge.laravel.com
#   ecdsa-int     P-256 root -> P-256 intermediate -> P-256 leaf
#   ecdsa384      P-384 root -> P-256 leaf
#   rsa           RSA-2048 root -> RSA-2048 leaf
#   rsa4096       RSA-4096 root -> RSA-2048 leaf
#   unknown-ca    leaf under a root nobody trusts
#   wrong-host    ecdsa root -> leaf for wrong.example.net
#   expired       ecdsa root -> leaf valid from now-60d to now-30d
#   not-yet-valid ecdsa root -> leaf valid from now+5y to now+6y
set -eu
OUT=${1:?usage: make_pki.sh OUTDIR}
HOST=forge.laravel.com
VERSION=$(cksum < "$0" | cut -d' ' -f1)

if [ -f "$OUT/.done" ] && [ "$(cat "$OUT/.done")" = "$VERSION" ] &&
   [ -z "$(find "$OUT/.done" -mmin +1440)" ]; then
    exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT"
cd "$OUT"

key() { # name spec
    case "$2" in
        ec256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
        ec384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.key" ;;
        rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" ;;
        rsa4096) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$1.key" ;;
    esac 2>/dev/null
}

cat > ext.cnf <<CNF
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ leaf_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:\${ENV::LEAF_HOST}
[ ca ]
default_ca = test_ca
[ test_ca ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
CNF
export LEAF_HOST=$HOST

root() { # name keyspec cn
    key "$1" "$2"
    openssl req -x509 -new -key "$1.key" -subj "/CN=$3" -days 730 -sha256 \
        -config ext.cnf -extensions ca_ext -out "$1.crt" 2>/dev/null
    openssl x509 -in "$1.crt" -outform DER -out "$1.der"
}

# sign NAME ISSUER KEYSPEC HOST STARTDATE ENDDATE EXT
sign() {
    key "$1" "$3"
    openssl req -new -key "$1.key" -subj "/CN=$4" -out "$1.csr" 2>/dev/null
    : > index.txt
    [ -f serial ] || echo 1000 > serial
    LEAF_HOST=$4 openssl ca -batch -config ext.cnf -extfile ext.cnf -extensions "$7" \
        -cert "$2.crt" -keyfile "$2.key" -in "$1.csr" -out "$1.crt" -notext \
        -startdate "$5" -enddate "$6" 2>/dev/null
    rm -f "$1.csr"
}

stamp() { date -u -d "$1" +%Y%m%d%H%M%SZ; }
NOW_MINUS_1D=$(stamp "-1 day"); NOW_PLUS_2Y=$(stamp "+730 days")
PAST_START=$(stamp "-60 days"); PAST_END=$(stamp "-30 days")
FUTURE_START=$(stamp "+5 years"); FUTURE_END=$(stamp "+6 years")

root ecdsa-root ec256 "Forgelight Host Test Root ECDSA"
root rsa-root rsa2048 "Forgelight Host Test Root RSA"
root rsa4096-root rsa4096 "Forgelight Host Test Root RSA-4096"
root ecdsa384-root ec384 "Forgelight Host Test Root ECDSA P-384"
root rogue-root ec256 "Untrusted Rogue Root"

sign ecdsa ecdsa-root ec256 $HOST "$NOW_MINUS_1D" "$NOW_PLUS_2Y" leaf_ext
sign ecdsa-ica ecdsa-root ec256 "Forgelight Host Test Intermediate" "$NOW_MINUS_1D" "$NOW_PLUS_2Y" ca_ext
sign ecdsa-int ecdsa-ica ec256 $HOST "$NOW_MINUS_1D" "$NOW_PLUS_2Y" leaf_ext
sign ecdsa384 ecdsa384-root ec256 $HOST "$NOW_MINUS_1D" "$NOW_PLUS_2Y" leaf_ext
sign rsa rsa-root rsa2048 $HOST "$NOW_MINUS_1D" "$NOW_PLUS_2Y" leaf_ext
sign rsa4096 rsa4096-root rsa2048 $HOST "$NOW_MINUS_1D" "$NOW_PLUS_2Y" leaf_ext
sign unknown-ca rogue-root ec256 $HOST "$NOW_MINUS_1D" "$NOW_PLUS_2Y" leaf_ext
sign wrong-host ecdsa-root ec256 wrong.example.net "$NOW_MINUS_1D" "$NOW_PLUS_2Y" leaf_ext
sign expired ecdsa-root ec256 $HOST "$PAST_START" "$PAST_END" leaf_ext
sign not-yet-valid ecdsa-root ec256 $HOST "$FUTURE_START" "$FUTURE_END" leaf_ext

# Chain file: the intermediates a server sends after its leaf (only ecdsa-int has one).
cp ecdsa-ica.crt ecdsa-int.chain
rm -f ./*.pem index.txt* serial*
echo "$VERSION" > .done

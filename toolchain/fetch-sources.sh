#!/usr/bin/env bash
# Fetch the pinned third-party sources (mbedTLS, lwIP, jsmn) from Debian bookworm
# source packages through a private apt configuration, verify them against the
# sha256 pins in toolchain/pins.sha256 and unpack them under $BUILD/third_party.
# Nothing under /etc/apt is touched. Reuses what is already unpacked and verified.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
dest="$build/third_party"
dl="$dest/downloads"
pins="$here/pins.sha256"
mirror=${FORGELIGHT_DEBIAN_MIRROR:-http://deb.debian.org/debian}

mkdir -p "$dl"

stamp="$dest/.fetched"
if [ -f "$stamp" ] && cmp -s "$stamp" "$pins"; then
  exit 0
fi

need_download=0
while read -r sum file; do
  case "$sum" in ''|'#'*) continue ;; esac
  if [ ! -f "$dl/$file" ] || ! echo "$sum  $dl/$file" | sha256sum -c --status; then
    need_download=1
  fi
done < "$pins"

if [ "$need_download" = 1 ]; then
  apt_dir=$(cd "$dest" && pwd)/apt
  mkdir -p "$apt_dir/etc/sources.list.d" "$apt_dir/etc/preferences.d" \
           "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" \
    > "$apt_dir/etc/sources.list"
  cat > "$apt_dir/apt.conf" <<CONF
Dir::Etc "$apt_dir/etc";
Dir::Etc::main "apt.conf.none";
Dir::Etc::sourcelist "$apt_dir/etc/sources.list";
Dir::Etc::sourceparts "$apt_dir/etc/sources.list.d";
Dir::Etc::parts "$apt_dir/etc/apt.conf.d";
Dir::Etc::preferencesparts "$apt_dir/etc/preferences.d";
Dir::State "$apt_dir/state";
Dir::Cache "$apt_dir/cache";
Debug::NoLocking "true";
APT::Sandbox::User "root";
CONF
  mkdir -p "$apt_dir/etc/apt.conf.d"
  export APT_CONFIG="$apt_dir/apt.conf"
  echo "fetch: updating private apt index (bookworm sources)"
  apt-get -qq update
  # Package names and versions come from the pins file's "# source NAME=VERSION" lines.
  # Only the pinned orig tarballs are downloaded (jsmn's debian.tar.xz is 404 on the mirror).
  for spec in $(sed -n 's/^# source \(.*\)$/\1/p' "$pins"); do
    if ! uris=$(apt-get -qq source --print-uris "$spec" 2>/dev/null) || [ -z "$uris" ]; then
      echo "fetch: ERROR: source package $spec is no longer available from Debian." >&2
      echo "fetch: The archive keeps only the current version. See README.md, 'Re-pinning third-party sources'." >&2
      exit 3
    fi
    echo "$uris" | while read -r uri file _size hash; do
      uri=${uri//\'/}
      grep -q "  $file\$" "$pins" || continue
      echo "fetch: downloading $file"
      /usr/lib/apt/apt-helper -qq download-file "$uri" "$dl/$file" "$hash" >/dev/null
    done
  done
fi

fail=0
while read -r sum file; do
  case "$sum" in ''|'#'*) continue ;; esac
  if ! echo "$sum  $dl/$file" | sha256sum -c --status 2>/dev/null; then
    echo "fetch: ERROR: $file does not match its pin in toolchain/pins.sha256 (or is missing)." >&2
    fail=1
  fi
done < "$pins"
if [ "$fail" = 1 ]; then
  echo "fetch: refusing to use unverified sources. See README.md, 'Re-pinning third-party sources'." >&2
  exit 4
fi

unpack() { # archive dir
  local archive=$1 out=$2
  rm -rf "$dest/$out.tmp" && mkdir -p "$dest/$out.tmp"
  tar -xf "$dl/$archive" -C "$dest/$out.tmp" --strip-components=1
  rm -rf "${dest:?}/$out" && mv "$dest/$out.tmp" "$dest/$out"
}
unpack "$(sed -n 's/^[0-9a-f]\{64\} *\(mbedtls_.*orig.*\)$/\1/p' "$pins")" mbedtls
unpack "$(sed -n 's/^[0-9a-f]\{64\} *\(lwip_.*orig.*\)$/\1/p' "$pins")" lwip
unpack "$(sed -n 's/^[0-9a-f]\{64\} *\(jsmn_.*orig.*\)$/\1/p' "$pins")" jsmn
cp "$pins" "$stamp"
echo "fetch: third-party sources verified and unpacked under $dest"

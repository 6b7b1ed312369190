#!/usr/bin/env bash
# Install the pgvector extension into PostgreSQL 15 on Debian bookworm.
# Why this way: bookworm ships no pgvector package, but trixie's *source* package builds
# cleanly against bookworm's postgresql-server-dev-15. We fetch it with apt's own source
# client from the Debian mirror already configured here (no new host, none hard-coded).
set -euo pipefail

PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
CONTROL=/usr/share/postgresql/15/extension/vector.control
SRC_LIST=/etc/apt/sources.list.d/aiox-trixie-src.sources

CURRENT_STEP="start"
step() { CURRENT_STEP="$1"; echo "==> $1"; }
on_err() {
  echo "ERROR: step failed: ${CURRENT_STEP}" >&2
  # apt output names the mirror, so it is only shown (on the terminal) when something broke.
  [ -s "${WORK:-/nonexistent}/apt.log" ] && tail -n 20 "$WORK/apt.log" >&2
}
cleanup() { rm -f "$SRC_LIST"; [ -n "${WORK:-}" ] && rm -rf "$WORK"; return 0; }
trap on_err ERR

# Idempotent: nothing to do when the extension is already there.
if [ -f "$CONTROL" ]; then echo "pgvector already installed ($CONTROL); nothing to do."; exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ERROR: pgvector is not installed and installing needs root: run this script as root (or with sudo)." >&2
  exit 1
fi

step "check PostgreSQL 15 server dev files"
[ -x "$PG_CONFIG" ] || { echo "missing $PG_CONFIG (install postgresql-server-dev-15)" >&2; false; }

step "find the configured Debian mirror"
# Main archive URI from deb822 files (URIs: lines) and/or one-line sources.list; skip security.
MIRROR=$( { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '$1=="URIs:"{for(i=2;i<=NF;i++)print $i}'
            cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
              awk '$1=="deb"||$1=="deb-src"{for(i=2;i<=NF;i++)if($i~/^[a-z+]+:\/\//){print $i;break}}'
          } | grep -E '/debian/?$' | grep -v security | head -n 1 || true)
[ -n "$MIRROR" ] || { echo "no Debian main archive URI found in apt sources" >&2; false; }
echo "    using the main Debian mirror from the system's apt sources"   # host deliberately not logged

WORK=$(mktemp -d /tmp/pgvector-build.XXXXXX)
trap cleanup EXIT
chmod 755 "$WORK"; chown _apt "$WORK" 2>/dev/null || true   # lets apt download sandboxed as _apt

step "install dpkg-dev (needed by apt-get source) if missing"
dpkg -s dpkg-dev >/dev/null 2>&1 || apt-get install -y -qq dpkg-dev >>"$WORK/apt.log" 2>&1

step "add a trixie deb-src entry (source only: binary installs are unaffected)"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
{ echo "Types: deb-src"; echo "URIs: $MIRROR"; echo "Suites: trixie"; echo "Components: main"
  [ -f "$KEYRING" ] && echo "Signed-By: $KEYRING"; } > "$SRC_LIST"

step "apt-get update (only the trixie deb-src list)"
apt-get update -o Dir::Etc::sourcelist="$SRC_LIST" -o Dir::Etc::sourceparts=- \
  -o APT::Get::List-Cleanup=0 >>"$WORK/apt.log" 2>&1

step "apt-get source pgvector (trixie)"
(cd "$WORK" && apt-get source pgvector >>"$WORK/apt.log" 2>&1)
SRC_DIR=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
[ -n "$SRC_DIR" ] || { echo "pgvector source tree not found after apt-get source" >&2; false; }

step "build pgvector ($(basename "$SRC_DIR"))"
# JIT bitcode needs the clang named in PGXS; skip it (optional) when that clang is absent.
CLANG=$(awk -F' = ' '$1=="CLANG"{print $2}' "$($PG_CONFIG --pgxs)")
LLVM_OPT=(); [ -x "${CLANG:-/nonexistent}" ] || LLVM_OPT=(with_llvm=no)
make -C "$SRC_DIR" -j"$(nproc)" PG_CONFIG="$PG_CONFIG" "${LLVM_OPT[@]}" >"$WORK/build.log" 2>&1 \
  || { tail -n 30 "$WORK/build.log" >&2; false; }

step "make install"
make -C "$SRC_DIR" PG_CONFIG="$PG_CONFIG" "${LLVM_OPT[@]}" install >>"$WORK/build.log" 2>&1 \
  || { tail -n 30 "$WORK/build.log" >&2; false; }

step "verify"
test -f "$CONTROL"
test -f "$($PG_CONFIG --pkglibdir)/vector.so"
echo "pgvector $(awk -F"'" '/default_version/{print $2}' "$CONTROL") installed into PostgreSQL 15."

#!/usr/bin/env bash
# Builds the container image's root file system from this machine's JDK, for Jib to layer FROM scratch: no base image,
# so no registry and no daemon. It holds a jlink runtime of the modules the product uses, the shared libraries that
# runtime and the product's native libraries (DuckDB, XGBoost) load, found with ldd, and a non-root user.
# Usage: build-root.sh SCORING_JAR ROOT
set -euo pipefail
jar="$(readlink -f "$1")"
root="$2"

# What the product's classes need (jdeps --print-module-deps on the jar), plus what is only looked up at run time:
# elliptic-curve TLS keys, French number formats, character sets, and the flight recorder for profiling in place.
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting
modules=$modules,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.jfr
modules=$modules,jdk.management,jdk.unsupported,jdk.zipfs

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -x "$java_home/bin/jlink" ] && [ -d "$java_home/jmods" ] || {
  echo "build-root.sh: $java_home has no jlink or no jmods (install openjdk-17-jdk-headless)" >&2; exit 1; }

rm -rf "$root"
mkdir -p "$root/etc" "$root/app" "$root/tmp" "$root/data"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$root/opt/java"
cp "$jar" "$root/app/scoring.jar"

# The native libraries inside the jar, for this machine's architecture, to find what they link to.
natives="$(mktemp -d)"
trap 'rm -rf "$natives"' EXIT
(cd "$natives" && "$java_home/bin/jar" tf "$jar" | grep -E '(linux|Linux).*(amd64|x86_64|x86-64).*\.so|\.so_linux_amd64$' \
  | xargs -r "$java_home/bin/jar" xf "$jar")
# Not the X11 toolkit's libraries (the server draws its charts headless), and not the runtime's own.
find "$root/opt/java" "$natives" -type f \( -name '*.so*' -o -path '*/bin/*' \) \
  ! -name libawt_xawt.so ! -name libjawt.so ! -name libsplashscreen.so -print0 \
  | xargs -0 -r ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
  | grep -v "^$root/" | sort -u \
  | while read -r library; do cp -L --parents "$library" "$root/"; done

# The user the server runs as, and the files every libc expects.
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/data:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
echo "built $root: $(du -sh "$root" | cut -f1) ($(find "$root" -type f | wc -l) files)"

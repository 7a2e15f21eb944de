#!/usr/bin/env bash
# Release binaries: scripts/release.sh VERSION [OUT]
# writes anubhav-VERSION-linux-amd64, -linux-arm64 and -windows-amd64.exe with SHA256SUMS into
# OUT (default dist/). Static (CGO_ENABLED=0: SQLite is pure Go), without this machine's paths
# (-trimpath), and stamped with the version and the commit for `anubhav --version`.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=auto

version=${1:?usage: scripts/release.sh VERSION [OUT]}
out=${2:-dist}
commit=$(git rev-parse HEAD)
if [ -n "$(git status --porcelain)" ]; then
  commit+="-modified"
fi
ldflags="-s -w -X anubhav/version.Version=$version -X anubhav/version.Commit=$commit"

mkdir -p "$out"
for target in linux/amd64 linux/arm64 windows/amd64; do
  os=${target%/*} arch=${target#*/}
  name="anubhav-$version-$os-$arch"
  [ "$os" = windows ] && name+=".exe"
  echo "building $name"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$out/$name" .
done
(cd "$out" && sha256sum anubhav-"$version"-* > SHA256SUMS)
echo "written to $out: $(cd "$out" && ls)"

#!/bin/sh
# Wrap the .app that packaging/reviewer.spec builds on macOS into a compressed disk image with
# an Applications link to drag it onto.
#
#   python packaging/build.py                       # -> dist/Voice History Reviewer.app
#   packaging/macos/make_dmg.sh                     # -> dist/VoiceHistoryReviewer-VERSION-macos-ARCH.dmg
#
# Sign the .app before this (see .github/workflows/installers.yml), then sign and notarise the
# dmg. Needs macOS (hdiutil, PlistBuddy); untested here.
set -eu
cd "$(dirname "$0")/../.."
APP=${1:-"dist/Voice History Reviewer.app"}
[ -d "$APP" ] || { echo "no app at $APP: run python packaging/build.py first" >&2; exit 1; }
VERSION=$(/usr/libexec/PlistBuddy -c "Print CFBundleShortVersionString" "$APP/Contents/Info.plist")
OUT="dist/VoiceHistoryReviewer-$VERSION-macos-$(uname -m).dmg"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
# ULFO (lzfse): smaller than UDZO; opens on macOS 10.11 and later.
hdiutil create -volname "Voice History Reviewer" -srcfolder "$STAGE" -fs HFS+ -format ULFO \
    -ov "$OUT"
ls -l "$OUT"

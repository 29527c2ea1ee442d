#!/usr/bin/env bash
# Renders a DOCX to PDF with LibreOffice, then to PNG pages with pdftoppm, so that the GB/T 9704 layout can be
# looked at (and tested) without Word. Usage: scripts/render-docx-pages.sh IN.docx OUTDIR
# Writes OUTDIR/<name>.pdf and OUTDIR/<name>-<n>.png; exits non-zero if a tool is missing or produced nothing.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 IN.docx OUTDIR" >&2
  exit 2
fi
in=$1
out=$2
[[ -f "$in" ]] || { echo "$0: no such file: $in" >&2; exit 2; }
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is not installed (apt: libreoffice-writer-nogui, poppler-utils)" >&2; exit 3; }
done
mkdir -p "$out"
name=$(basename "${in%.*}")

# A LibreOffice profile of its own: concurrent conversions sharing one profile fail silently.
work=$(mktemp -d "/tmp/lo-$$-XXXX")
trap 'rm -rf "$work"' EXIT

# The official fonts are the deployer's; here they are mapped to Debian stand-ins so that pages keep their metrics
# roughly (仿宋/楷体 → AR PL UKai/KaitiM when installed, else Noto CJK).
if [[ -z "${FONTCONFIG_FILE:-}" ]]; then
  fc_alias() { printf '<alias binding="same"><family>%s</family><prefer>%s</prefer></alias>\n' "$1" "$2"; }
  {
    echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    echo '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    fc_alias '方正小标宋简体' '<family>Noto Serif CJK SC</family>'
    fc_alias '仿宋_GB2312' '<family>AR PL UKai CN</family><family>Noto Serif CJK SC</family>'
    fc_alias '楷体_GB2312' '<family>AR PL KaitiM GB</family><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family>'
    fc_alias '黑体' '<family>Noto Sans CJK SC</family>'
    fc_alias '宋体' '<family>Noto Serif CJK SC</family>'
    echo '</fontconfig>'
  } >"$work/fonts.conf"
  export FONTCONFIG_FILE="$work/fonts.conf"
fi

soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
  --convert-to pdf --outdir "$work" "$in" >"$work/soffice.log" 2>&1 || true
pdf="$work/$name.pdf"
if [[ ! -s "$pdf" ]]; then
  echo "$0: LibreOffice produced no PDF for $in" >&2
  cat "$work/soffice.log" >&2
  exit 1
fi
cp "$pdf" "$out/$name.pdf"
rm -f "$out/$name"-*.png
pdftoppm -png -r 60 "$out/$name.pdf" "$out/$name"
ls "$out/$name"-*.png >/dev/null 2>&1 || { echo "$0: pdftoppm produced no pages" >&2; exit 1; }
echo "$out/$name.pdf"

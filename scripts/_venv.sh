# Shared by the set-up scripts: the project's own environment in .venv, made with the
# machine's Python 3.11+ and pip, nothing else assumed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
pip_install() {
  # This machine's pip configuration warns about missing local mirrors; hide only that noise.
  # constraints.txt: the versions evalkit is tested with, so results.json comes out the same.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt "$@" \
    2> >(grep -v "WARNING: Location" >&2)
}
pip_install --upgrade pip
install_chromium() {
  # Debian's Chromium prints the PDFs (evalkit --pdf) and runs the browser tests; installed
  # when missing and we may (root with apt-get); otherwise say so and go on.
  if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
     && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
      >/dev/null 2>&1 || echo "note: could not install chromium ($1)"
  fi
}
install_libreoffice() {
  # LibreOffice without its desktop: Calc opens evalkit's workbooks in the workbook test, Writer
  # its Word copies in the --docx test (charts printed); installed like Chromium, when missing
  # (either of them) and we may
  local program
  program=$(dirname "$(readlink -f "$(command -v soffice || echo /nonexistent)")")
  if { ! ls "$program"/libsclo.so* >/dev/null 2>&1 || ! ls "$program"/libswlo.so* >/dev/null 2>&1; } \
     && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
       apt-get install -y -qq libreoffice-calc-nogui libreoffice-writer-nogui) \
      >/dev/null 2>&1 || echo "note: could not install libreoffice ($1)"
  fi
}
install_rsvg() {
  # rsvg-convert turns the reports' SVG charts into pictures Word shows (--docx); Debian's
  # librsvg2-bin, installed like Chromium when missing and we may
  if ! command -v rsvg-convert >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
     && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin) \
      >/dev/null 2>&1 || echo "note: could not install librsvg2-bin ($1)"
  fi
}

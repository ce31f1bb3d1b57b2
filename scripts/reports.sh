#!/usr/bin/env bash
# Main job: install evalkit into .venv (editable, like the tests), evaluate every
# record in case_studies/ and write reports/.
source "$(dirname "$0")/_venv.sh"
echo "[1/4] installing evalkit and its packages into .venv (a few minutes the first time) ..."
pip_install -e .
# --pdf prints each report with headless Chromium, from Debian's packages
case " $* " in *" --pdf "*) install_chromium "--pdf will stop with how to install it" ;; esac
case " $* " in *" --docx "*) install_rsvg "Word copies will have no charts" ;; esac
# bytecode once, so the notebook kernels do not recompile evalkit on every start
.venv/bin/python -m compileall -q evalkit
echo "[2/4] checking the records ..."
.venv/bin/evalkit validate case_studies examples/*/
echo "[3/4] evaluating the case studies and comparing them ..."
.venv/bin/evalkit run-all case_studies --out reports "$@"
echo "[4/4] evaluating the worked examples ..."
# worked examples beyond the paper (a record with a series): in the index, not the comparison
.venv/bin/evalkit run examples/*/ --out reports "$@"
echo "Reports written to $(pwd)/reports/ — open $(pwd)/reports/index.html in a browser"

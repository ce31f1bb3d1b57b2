#!/usr/bin/env bash
# Main job: install evalkit into .venv (editable, like the tests), evaluate every
# record in case_studies/ and write reports/.
source "$(dirname "$0")/_venv.sh"
pip_install -e .
# --pdf prints each report with headless Chromium, from Debian's packages
case " $* " in *" --pdf "*) install_chromium "--pdf will stop with how to install it" ;; esac
# bytecode once, so the notebook kernels do not recompile evalkit on every start
.venv/bin/python -m compileall -q evalkit
.venv/bin/evalkit validate case_studies
.venv/bin/evalkit run-all case_studies --out reports "$@"
echo "Reports written to $(pwd)/reports/"

#!/usr/bin/env bash
# Main job: install evalkit into .venv (editable, like the tests), evaluate every
# record in case_studies/ and write reports/.
source "$(dirname "$0")/_venv.sh"
pip_install -e .
# bytecode once, so the notebook kernels do not recompile evalkit on every start
.venv/bin/python -m compileall -q evalkit
.venv/bin/evalkit validate case_studies
.venv/bin/evalkit run-all case_studies --out reports "$@"
echo "Reports written to $(pwd)/reports/"

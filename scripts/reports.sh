#!/usr/bin/env bash
# Main job: install evalkit (a regular, non-editable install) into .venv, evaluate every
# record in case_studies/ and write reports/.
source "$(dirname "$0")/_venv.sh"
pip_install --force-reinstall --no-deps . && pip_install .
.venv/bin/evalkit validate case_studies
.venv/bin/evalkit run-all case_studies --out reports "$@"
echo "Reports written to $(pwd)/reports/"

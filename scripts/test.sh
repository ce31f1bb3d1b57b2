#!/usr/bin/env bash
# Tests: install evalkit with its test extras into .venv (editable), check the code with ruff
# (lint) and mypy (types), then run pytest. The fast set: bash scripts/test.sh -m "not slow".
# Chromium (for the browser and PDF tests) comes from Debian's packages when we may install them;
# without it that test skips and says why.
source "$(dirname "$0")/_venv.sh"
echo "installing evalkit and the test tools into .venv (a few minutes the first time) ..."
pip_install -e ".[test]"
install_chromium "the browser and PDF tests will skip"
install_libreoffice "the LibreOffice workbook and Word copy tests will skip"
install_rsvg "Word copies will have no charts"
.venv/bin/ruff check --quiet evalkit tests scripts benchmarks
.venv/bin/ruff format --check --quiet evalkit tests scripts benchmarks
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"

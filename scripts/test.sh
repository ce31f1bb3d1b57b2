#!/usr/bin/env bash
# Tests: install evalkit with its test extras into .venv (editable) and run pytest.
# Chromium (for the browser and PDF tests) comes from Debian's packages when we may install them;
# without it that test skips and says why.
source "$(dirname "$0")/_venv.sh"
echo "installing evalkit and the test tools into .venv (a few minutes the first time) ..."
pip_install -e ".[test]"
install_chromium "the browser and PDF tests will skip"
exec .venv/bin/python -m pytest "$@"

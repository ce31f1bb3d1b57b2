#!/usr/bin/env bash
# Tests: install evalkit with its test extras into .venv (editable) and run pytest.
# Chromium (for the browser test) comes from Debian's packages when we may install them;
# without it that test skips and says why.
source "$(dirname "$0")/_venv.sh"
pip_install -e ".[test]"
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
   && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
    >/dev/null 2>&1 || echo "note: could not install chromium; the browser test will skip"
fi
exec .venv/bin/python -m pytest "$@"

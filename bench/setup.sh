#!/usr/bin/env bash
# The harness's virtualenv for PutRight: Python 3.13 found as the Makefile finds it.
# usage: setup.sh VENV_DIR
set -euo pipefail
venv="${1:?usage: setup.sh VENV_DIR}"
cd "$(dirname "$0")/.."
if [ ! -x "$venv/bin/python" ]; then
  py=$(make -s --no-print-directory print-python)
  [ -n "$py" ] || { echo "Python 3.13 is needed" >&2; exit 1; }
  $py -m venv "$venv"
fi
"$venv/bin/pip" install -q -c constraints.txt -e .

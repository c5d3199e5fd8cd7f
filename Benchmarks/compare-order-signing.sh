#!/usr/bin/env bash
# Builds and signs one Polymarket V2 order with Edgewise and with the official Python client
# (py-clob-client-v2), on this machine, in this run, and prints both figures.
#
# The Python client lives in a throwaway virtualenv under .build-bench-python (ignored by git); the
# product never uses Python. Needs network access to PyPI the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build-bench-python
if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet py-clob-client-v2
fi
echo "== py-clob-client-v2 $("$venv/bin/pip" show py-clob-client-v2 | awk '/^Version/{print $2}')"
"$venv/bin/python" Benchmarks/Python/py_clob_sign_order.py "${PY_ITERATIONS:-3000}"

echo "== Edgewise"
EDGEWISE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark --target TradingBenchmarks --no-progress \
    --filter "Polymarket V2 limit order.*"

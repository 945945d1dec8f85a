#!/usr/bin/env bash
# Executes examples/notebook.ipynb against a live engine with corpus data, so the notebook cannot
# rot: start `npm start` (local Neo4j), import real corpora, `jupyter execute`, stop the engine.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.ci/.venv
if [ ! -x "$VENV/bin/jupyter-execute" ]; then
  echo "== Python venv for the notebook (PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pandas==2.2.3" "matplotlib==3.9.4" "nbclient==0.10.2" "ipykernel==6.29.5" "requests==2.32.3" "jupyter_core==5.7.2"
fi

PORT=${CLAWTRACE_PORT:-4318}
LOG=$(mktemp)
echo "== the engine, as npm start runs it (log: $LOG)"
# node itself, not npm: a SIGINT to npm is not passed on to its script, so the engine (and the Neo4j
# it started) would never hear the Ctrl-C. src/main.ts stops both on SIGINT.
CLAWTRACE_PORT=$PORT node --import tsx src/main.ts >"$LOG" 2>&1 &
ENGINE=$!
stop_engine() {
  kill -INT "$ENGINE" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$ENGINE" 2>/dev/null || return 0; sleep 1; done
  echo "engine did not stop in 60 s; killing it"; cat "$LOG"
  kill -KILL "$ENGINE" 2>/dev/null || true
}
trap stop_engine EXIT

for _ in $(seq 1 180); do
  if curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; then break; fi
  if ! kill -0 "$ENGINE" 2>/dev/null; then cat "$LOG"; echo "engine exited"; exit 1; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/readyz"; echo

echo "== import corpora"
npm run import -- ../shared/corpora/openclaw-volvox-bot ../shared/corpora/claude-code-spotter ../shared/corpora/tau-bench

echo "== jupyter execute examples/notebook.ipynb"
CLAWTRACE_URL="http://127.0.0.1:$PORT" CLAWTRACE_PLOT="$(mktemp -d)/cost-per-day.png" \
  "$VENV/bin/jupyter-execute" --kernel_name=python3 examples/notebook.ipynb
echo "notebook executed"

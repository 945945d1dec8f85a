#!/usr/bin/env bash
# Executes examples/notebook.ipynb against a live engine with corpus data, so the notebook cannot
# rot: start the engine as `npm start` does, import real corpora, `jupyter execute`, then run the
# README's Python OpenTelemetry quickstart against the same engine (.ci/otel-python.sh), stop.
#
# The engine gets a Neo4j of its own, started from the jars like `npm start`'s but in a temporary
# folder on a free Bolt port, and listens on a free HTTP port: the script never touches a Neo4j or
# an engine already running on this machine (a developer's on 7687 / 4318), nor its data. Set
# CLAWTRACE_PORT / NEO4J_BOLT_PORT to choose the ports.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.ci/.venv
if [ ! -x "$VENV/bin/jupyter-execute" ]; then
  echo "== Python venv for the notebook (PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pandas==2.2.3" "matplotlib==3.9.4" "nbclient==0.10.2" "ipykernel==6.29.5" "requests==2.32.3" "jupyter_core==5.7.2"
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The engine and the import both find this Neo4j through its home folder (its pid file).
unset NEO4J_URI
NEO4J_TMP=$(mktemp -d)
export CLAWTRACE_NEO4J_HOME="$NEO4J_TMP"
export NEO4J_BOLT_PORT=${NEO4J_BOLT_PORT:-$(free_port)}
export NEO4J_HEAP=${NEO4J_HEAP:-1g} NEO4J_PAGECACHE=${NEO4J_PAGECACHE:-512m}
PORT=${CLAWTRACE_PORT:-$(free_port)}
URL="http://127.0.0.1:$PORT"
LOG=$(mktemp)
echo "== the engine, as npm start runs it, on $URL with Neo4j on bolt port $NEO4J_BOLT_PORT in $NEO4J_TMP (log: $LOG)"
# node itself, not npm: a SIGINT to npm is not passed on to its script, so the engine (and the Neo4j
# it started) would never hear the Ctrl-C. src/main.ts stops both on SIGINT.
CLAWTRACE_PORT=$PORT node --import tsx src/main.ts >"$LOG" 2>&1 &
ENGINE=$!
stop_engine() {
  kill -INT "$ENGINE" 2>/dev/null || true
  local stopped=
  for _ in $(seq 1 60); do
    if ! kill -0 "$ENGINE" 2>/dev/null; then stopped=1; break; fi
    sleep 1
  done
  if [ -z "$stopped" ]; then
    echo "engine did not stop in 60 s; killing it"; cat "$LOG"
    kill -KILL "$ENGINE" 2>/dev/null || true
  fi
  rm -rf "$NEO4J_TMP"
}
trap stop_engine EXIT

DEADLINE=$((SECONDS + 300))
until curl -sf "$URL/readyz" >/dev/null; do
  if ! kill -0 "$ENGINE" 2>/dev/null; then cat "$LOG"; echo "engine exited"; exit 1; fi
  if [ "$SECONDS" -ge "$DEADLINE" ]; then cat "$LOG"; echo "engine not ready in 300 s"; exit 1; fi
  sleep 1
done
# For the log only: /readyz answers 503 when Neo4j is slower than 1 s, as it can be on a loaded machine.
curl -s "$URL/readyz" || true; echo

echo "== import corpora"
npm run import -- ../shared/corpora/openclaw-volvox-bot ../shared/corpora/claude-code-spotter ../shared/corpora/tau-bench

echo "== jupyter execute examples/notebook.ipynb"
CLAWTRACE_URL="$URL" CLAWTRACE_PLOT="$(mktemp -d)/cost-per-day.png" \
  "$VENV/bin/jupyter-execute" --kernel_name=python3 examples/notebook.ipynb
echo "notebook executed"

CLAWTRACE_URL="$URL" bash .ci/otel-python.sh

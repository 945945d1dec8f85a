#!/usr/bin/env bash
# The README's Python OpenTelemetry quickstart against a running engine ($CLAWTRACE_URL): its
# packages from PyPI into their own venv (pinned), then .ci/otel_python_check.py runs
# examples/otel-python/agent.py against a local fake model server and checks the spans in the graph.
# Called by .ci/notebook.sh, which starts the engine; not part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CLAWTRACE_URL:?set CLAWTRACE_URL to a running engine, e.g. http://127.0.0.1:4318}"

VENV=.ci/.venv-otel
# The README's `pip install` line, pinned (openinference-instrumentation is its dependency, pinned too).
PACKAGES=("opentelemetry-sdk==1.45.2" "opentelemetry-exporter-otlp-proto-http==1.45.2" "openinference-instrumentation-openai==0.1.66" "openinference-instrumentation==0.1.72" "openai==3.60.0")
STAMP="$VENV/.packages"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "${PACKAGES[*]}" ]; then
  echo "== Python venv for the OpenTelemetry quickstart (PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "${PACKAGES[@]}"
  echo "${PACKAGES[*]}" >"$STAMP"
fi

echo "== the README's Python OpenTelemetry quickstart → $CLAWTRACE_URL/v1/traces"
"$VENV/bin/python" .ci/otel_python_check.py

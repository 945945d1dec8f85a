"""CI: the README's Python OpenTelemetry quickstart, for real, against a running engine.

1. The quickstart block of README.md is, line for line, in examples/otel-python/agent.py (so the
   README cannot drift from what runs).
2. agent.py runs with this venv's Python against a local fake OpenAI server (.ci/fake_openai.py),
   exporting with the standard OTLP/HTTP exporter to $CLAWTRACE_URL/v1/traces.
3. The engine's GraphQL API shows the session with one LLM span per model call carrying the tokens
   the fake server reported, priced, plus the tool spans and the agent span they hang under.

Usage: CLAWTRACE_URL=http://127.0.0.1:4318 .ci/.venv-otel/bin/python .ci/otel_python_check.py
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import time
import urllib.request
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from fake_openai import FakeOpenAI  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
URL = os.environ["CLAWTRACE_URL"].rstrip("/")
AGENT = ROOT / "examples" / "otel-python" / "agent.py"


def fail(message):
    print(f"otel-python quickstart: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def readme_quickstart():
    """The ```python block under **OpenTelemetry (Python)** in README.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\*\*OpenTelemetry \(Python\)\*\*.*?```python\n(.*?)```", readme, re.S)
    if not match:
        fail("README.md has no ```python block under **OpenTelemetry (Python)**")
    return [line for line in match.group(1).splitlines() if line.strip()]


def gql(query, **variables):
    request = urllib.request.Request(
        f"{URL}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
    if body.get("errors"):
        fail(f"GraphQL: {body['errors'][0]['message']}")
    return body["data"]


SESSION = """query ($id: ID!) {
  session(id: $id) {
    id source agentName pending
    spans(first: 100) { nodes { id kind name model inputTokens outputTokens costUsd costSource toolName parentId } }
  }
  pendingSessions
}"""


def main():
    agent_lines = AGENT.read_text(encoding="utf-8").splitlines()
    missing = [line for line in readme_quickstart() if line not in agent_lines]
    if missing:
        fail(f"README quickstart lines not in {AGENT.relative_to(ROOT)}: {missing}")
    print(f"README quickstart ({len(readme_quickstart())} lines) is in {AGENT.relative_to(ROOT)}")

    fake = FakeOpenAI()
    conversation = f"otel-python-ci-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "OPENAI_BASE_URL": fake.base_url,
        "OPENAI_API_KEY": "sk-fake-for-ci",
        "OTEL_EXPORTER_OTLP_ENDPOINT": URL,  # the exporter adds /v1/traces
        "CONVERSATION_ID": conversation,
        # Seconds in this SDK. A just-started engine on a busy CI machine can take longer than the
        # default 10 s to acknowledge its first request; a retried request would be harmless
        # (ingest is idempotent), but the exporter gives up retrying at shutdown.
        "OTEL_EXPORTER_OTLP_TIMEOUT": "60",
    }
    try:
        run = subprocess.run([sys.executable, str(AGENT)], cwd=ROOT, env=env, timeout=120)
    finally:
        fake.close()
    if run.returncode != 0:
        fail(f"agent.py exited with {run.returncode}")
    calls = fake.calls
    if len(calls) != 4:
        fail(f"expected 4 model calls (2 tasks x tool round trip), the fake server saw {len(calls)}")

    # Ingest acknowledges on write; finalisation follows within about a second once the engine is
    # warm (a cold one plans its queries first: minutes on a loaded machine).
    session_id = f"otel:{conversation}"
    deadline = time.time() + 180
    while True:
        data = gql(SESSION, id=session_id)
        session = data["session"]
        spans = session["spans"]["nodes"] if session else []
        llm = [s for s in spans if s["kind"] == "LLM"]
        if session and not session["pending"] and len(llm) == len(calls):
            break
        if time.time() > deadline:
            fail(f"session {session_id} not complete in the graph after 180 s: {json.dumps(session)[:2000]}")
        time.sleep(0.5)

    problems = []
    expect = lambda ok, what: ok or problems.append(what)  # noqa: E731
    expect(session["source"] == "OTLP", f"source {session['source']}, expected OTLP")
    expect(sum(s["inputTokens"] or 0 for s in llm) == sum(c["prompt_tokens"] for c in calls), "input tokens differ from the fake server's")
    expect(sum(s["outputTokens"] or 0 for s in llm) == sum(c["completion_tokens"] for c in calls), "output tokens differ from the fake server's")
    expect(all(s["model"] and s["model"].startswith("gpt-4o-mini") for s in llm), f"models {[s['model'] for s in llm]}")
    expect(all(s["costSource"] == "COMPUTED" and s["costUsd"] > 0 for s in llm), f"LLM spans not priced: {[(s['costSource'], s['costUsd']) for s in llm]}")
    tools = [s for s in spans if s["kind"] == "TOOL"]
    expect(len(tools) == 2 and all(s["toolName"] == "read_file" for s in tools), f"tool spans {[(s['name'], s['toolName']) for s in tools]}")
    agents = [s for s in spans if s["kind"] == "AGENT"]
    expect(len(agents) == 1, f"{len(agents)} agent spans, expected 1")
    if agents:
        expect(all(s["parentId"] == agents[0]["id"] for s in llm + tools), "LLM and tool spans do not all hang under the agent span")
    if problems:
        fail("; ".join(problems))
    print(f"otel-python quickstart: session {session_id}: {len(llm)} LLM spans, {len(tools)} tool spans, "
          f"tokens and nesting as the fake model server reported; ${sum(s['costUsd'] for s in llm):.6f} computed")


if __name__ == "__main__":
    main()

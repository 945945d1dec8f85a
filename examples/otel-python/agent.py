"""The README's Python OpenTelemetry quickstart, as a complete agent.

OpenInference's OpenAI instrumentation traces every model call; the standard OTLP/HTTP exporter sends
the spans to ClawTrace's /v1/traces (default http://localhost:4318, or OTEL_EXPORTER_OTLP_ENDPOINT).
The agent asks the model, runs the `read_file` tool the model asks for (a TOOL span of its own) and
answers, under one AGENT span; `using_session` puts every span in one ClawTrace session.

  pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-http openinference-instrumentation-openai openai
  OPENAI_API_KEY=... python examples/otel-python/agent.py

CI runs it against a local fake model server (.ci/otel-python.sh) and checks the spans in the graph.
"""
import json
import os
import pathlib

# --- the README's quickstart, line for line (.ci/otel_python_check.py compares them) ---
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from openinference.instrumentation.openai import OpenAIInstrumentor

provider = TracerProvider()
provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))  # default: http://localhost:4318/v1/traces
trace.set_tracer_provider(provider)
OpenAIInstrumentor().instrument()
# --- end of the quickstart ---

from openai import OpenAI  # noqa: E402  (imported after instrumenting, as an app would)
from openinference.instrumentation import using_session  # noqa: E402

MODEL = os.environ.get("MODEL", "gpt-4o-mini")
TASKS = ["What does README.md say about ClawTrace?", "Summarise README.md in one line."]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "read_file",
            "description": "Read a text file of the current folder",
            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
        },
    }
]

client = OpenAI()  # OPENAI_API_KEY and OPENAI_BASE_URL from the environment
tracer = trace.get_tracer("clawtrace-quickstart")


def read_file(path: str) -> str:
    file = pathlib.Path(path)
    return file.read_text(encoding="utf-8")[:2000] if file.is_file() else f"no such file: {path}"


def run(task: str) -> str:
    """Model → tools → model, until the model answers without asking for a tool."""
    messages = [{"role": "user", "content": task}]
    while True:
        message = client.chat.completions.create(model=MODEL, messages=messages, tools=TOOLS).choices[0].message
        if not message.tool_calls:
            return message.content or ""
        messages.append(message.model_dump(exclude_none=True))
        for call in message.tool_calls:
            attributes = {"openinference.span.kind": "TOOL", "tool.name": call.function.name, "input.value": call.function.arguments}
            with tracer.start_as_current_span(f"tool {call.function.name}", attributes=attributes) as span:
                result = read_file(**json.loads(call.function.arguments))
                span.set_attribute("output.value", result)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": result})


with using_session(os.environ.get("CONVERSATION_ID", "otel-python-quickstart")):
    with tracer.start_as_current_span("agent", attributes={"openinference.span.kind": "AGENT", "agent.name": "quickstart"}):
        for task in TASKS:
            print(run(task))
provider.shutdown()  # flushes the batch of spans before the process exits

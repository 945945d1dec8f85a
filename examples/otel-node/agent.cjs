// Quickstart: a tiny tool-using agent instrumented with OpenTelemetry's official OpenAI
// instrumentation (GenAI semantic conventions), exporting with the standard OTLP exporter to
// ClawTrace's default endpoint (http://127.0.0.1:4318/v1/traces: nothing to configure).
//
//   npm start                                  # ClawTrace
//   OPENAI_API_KEY=... node examples/otel-node/agent.cjs
//
// OPENAI_BASE_URL points the OpenAI client elsewhere (the e2e test uses a local fake model server).
// The agent and sub-agent spans are created by hand with the GenAI `invoke_agent` / `execute_tool`
// conventions; the LLM spans come from the instrumentation.
'use strict';

const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai');
const { trace, context } = require('@opentelemetry/api');

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'quickstart-agent' }),
  // Default exporter settings: OTLP/HTTP protobuf to http://localhost:4318/v1/traces.
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
});
provider.register();
registerInstrumentations({ instrumentations: [new OpenAIInstrumentation()] });

// Required after the instrumentation is registered, so the client is patched.
const { OpenAI } = require('openai');
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? 'unused-with-a-fake-server' });
const tracer = trace.getTracer('quickstart-agent');
const MODEL = process.env.MODEL ?? 'gpt-4o-mini';
const TOOLS = [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];

/** Runs `work` inside an invoke_agent span (GenAI conventions). */
function invokeAgent(name, conversationId, work) {
  return tracer.startActiveSpan(`invoke_agent ${name}`, { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': name, 'gen_ai.conversation.id': conversationId } }, async (span) => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}

function executeTool(name, args, work) {
  return tracer.startActiveSpan(`execute_tool ${name}`, { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, 'gen_ai.tool.call.arguments': JSON.stringify(args) } }, async (span) => {
    try {
      const result = await work();
      span.setAttribute('gen_ai.tool.call.result', String(result));
      return result;
    } finally {
      span.end();
    }
  });
}

async function agentLoop(task) {
  const messages = [{ role: 'user', content: task }];
  for (let turn = 0; turn < 4; turn++) {
    const response = await client.chat.completions.create({ model: MODEL, messages, tools: TOOLS });
    const message = response.choices[0].message;
    messages.push(message);
    if (!message.tool_calls || message.tool_calls.length === 0) return message.content;
    for (const call of message.tool_calls) {
      const args = JSON.parse(call.function.arguments);
      const result = await executeTool(call.function.name, args, async () => `contents of ${args.path}`);
      messages.push({ role: 'tool', tool_call_id: call.id, content: result });
    }
  }
  return 'gave up';
}

async function main() {
  const conversationId = process.env.CONVERSATION_ID ?? `quickstart-${Date.now()}`;
  await invokeAgent('planner', conversationId, async () => {
    await agentLoop('Read README.md and summarise it');
    // A sub-agent: an agent invoked from inside the parent's run (nested invoke_agent).
    await invokeAgent('reviewer', conversationId, () => agentLoop('Review the summary'));
  });
  await provider.forceFlush();
  await provider.shutdown();
  void context;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Cost the sender reported itself (DESIGN §6: reported cost wins over computed cost). There is no
// standard attribute yet, so the spellings seen in real exports are read, first match wins.
import { readAmount, readString, type Attributes, type FieldProblem } from './attributes.ts';

export function readReportedCost(attrs: Attributes, problems: FieldProblem[]): number | undefined {
  // OpenInference.
  const openInference = readAmount(attrs, 'llm.cost.total', problems);
  if (openInference !== undefined) return openInference;
  // Proposed semconv: amount + currency. Only USD is usable without exchange rates; a missing
  // currency is taken as USD because every sender seen so far omits it for dollars.
  const amount = readAmount(attrs, 'gen_ai.usage.cost.amount', problems);
  const currency = readString(attrs, ['gen_ai.usage.cost.currency']);
  if (amount !== undefined && (currency === undefined || currency.toUpperCase() === 'USD')) return amount;
  // Seen in the wild: a bare number, USD.
  const bare = readAmount(attrs, 'gen_ai.usage.cost', problems);
  if (bare !== undefined) return bare;
  // mozilla-ai any-agent: per-span input and output cost in USD.
  const inputCost = readAmount(attrs, 'gen_ai.usage.input_cost', problems);
  const outputCost = readAmount(attrs, 'gen_ai.usage.output_cost', problems);
  if (inputCost !== undefined || outputCost !== undefined) return (inputCost ?? 0) + (outputCost ?? 0);
  // Pydantic AI / Logfire: USD from genai-prices.
  return readAmount(attrs, 'operation.cost', problems);
}

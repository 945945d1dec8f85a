// ClawTrace plugin events (/v1/events), pure:
//   parseEventsBody(body)   one envelope, a JSON array, or NDJSON → envelopes + located rejections
//   eventsToBatch(events)   envelopes → sessions, paired spans, spawns (see assemble.ts)
export { eventsToBatch, sessionIdOf, spanIdOf } from './assemble.ts';
export { parseEventsBody, type ParsedEvents } from './parse-body.ts';
export { EVENT_TYPES, EventEnvelopeSchema, EventPayloadSchema, type EventEnvelope, type EventPayload, type EventType } from './schema.ts';

// The OpenClaw builders use the transcript adapters' shared text helpers.
export * from '../shared/text.ts';

// The OpenClaw builders use the transcript adapters' shared time helpers.
export * from '../shared/time.ts';

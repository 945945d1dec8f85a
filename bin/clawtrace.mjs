#!/usr/bin/env node
// Entry point for `npx clawtrace` / a global install: loads the TypeScript CLI in this same process
// with tsx's loader registered here, instead of spawning tsx (which spawns another node): one
// process, so `clawtrace serve` is the engine itself, and signals reach it directly.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
await import(pathToFileURL(path.join(here, '..', 'src', 'cli', 'main.ts')).href);

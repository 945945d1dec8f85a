// graphql-js, loaded as the one instance Apollo Server uses. The package ships CommonJS (`main`)
// and ESM (`module`) builds; Node (and so Apollo) loads the CommonJS one, while Vite-based tools
// (vitest) would hand our code the ESM one, and graphql-js refuses objects from "another realm"
// (schemas, errors). Importing the file by path gives every loader the same instance.
export * from 'graphql/index.js';

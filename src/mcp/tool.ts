// What a ClawTrace MCP tool is: a name, a description written for the model that will choose it,
// a zod input shape (the SDK publishes it as JSON Schema and validates calls against it) and a run
// function that answers text. One tool per file under tools/.
import type { z } from 'zod';
import type { ProjectGraphql } from './project-query.ts';

export interface ClawtraceTool<Shape extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Shape;
  /** False only for tools that start work (distill); everything else only reads. */
  readOnly: boolean;
  run(args: z.infer<z.ZodObject<Shape>>, graphql: ProjectGraphql): Promise<string>;
}

export function defineTool<Shape extends z.ZodRawShape>(tool: ClawtraceTool<Shape>): ClawtraceTool<Shape> {
  return tool;
}

// GraphQL for alert delivery (issue 21): the project's webhooks, createWebhook / deleteWebhook, and
// Alert.deliveries. The map is merged into src/api/graphql/executable-schema.ts with the rest.
import DataLoader from 'dataloader';
import { z } from 'zod';
import { checkWebhookUrl } from '../../alerts/webhook-url.ts';
import { deliveriesOfAlerts, type DeliveryView } from '../../graph/alert-deliveries.ts';
import { createWebhook, deleteWebhook, listWebhooks, MAX_WEBHOOKS_PER_PROJECT } from '../../graph/webhooks.ts';
import type { GraphQLContext, ResolverMap } from './context.ts';
import { badInput, notFound } from './errors.ts';

/** A secret shorter than this is guessable; longer than this is a paste mistake. */
const SECRET_MIN = 16;
const SECRET_MAX = 256;

const CreateWebhookInputSchema = z.object({
  url: z.string().transform((raw, ctx) => {
    const checked = checkWebhookUrl(raw);
    if (checked.ok) return checked.url;
    ctx.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  }),
  format: z.enum(['JSON', 'SLACK']).nullish(),
  secret: z
    .string()
    .min(SECRET_MIN, `at least ${SECRET_MIN} characters (it signs deliveries; use a random string)`)
    .max(SECRET_MAX, `at most ${SECRET_MAX} characters`)
    .nullish(),
  clientMutationId: z.string().max(200).nullish(),
});

const DeleteByIdInputSchema = z.object({
  id: z.string().min(1, 'is empty').max(200, 'at most 200 characters'),
  clientMutationId: z.string().max(200).nullish(),
});

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw badInput(parsed.error.issues.map((i) => `input.${i.path.join('.')}: ${i.message}`).join('; '));
}

/**
 * Alert.deliveries for every alert of a response in one query. Kept per request beside the
 * request's other loaders (keyed by them), so nothing is shared between requests or projects.
 */
const deliveryLoaders = new WeakMap<object, DataLoader<string, DeliveryView[]>>();

function deliveryLoader(ctx: GraphQLContext): DataLoader<string, DeliveryView[]> {
  let loader = deliveryLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const byAlert = await deliveriesOfAlerts(ctx.graph, ctx.projectId, [...ids]);
      return ids.map((id) => byAlert.get(id) ?? []);
    });
    deliveryLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

async function createWebhookMutation(_: unknown, args: { input: unknown }, ctx: GraphQLContext) {
  const input = parseInput(CreateWebhookInputSchema, args.input);
  const webhook = await createWebhook(ctx.graph, ctx.projectId, { url: input.url, format: input.format ?? 'JSON', secret: input.secret ?? null });
  if (!webhook) throw badInput(`This project already has ${MAX_WEBHOOKS_PER_PROJECT} webhooks; delete one (deleteWebhook) before adding another`);
  return { webhook, clientMutationId: input.clientMutationId ?? null };
}

async function deleteWebhookMutation(_: unknown, args: { input: unknown }, ctx: GraphQLContext) {
  const input = parseInput(DeleteByIdInputSchema, args.input);
  if (!(await deleteWebhook(ctx.graph, ctx.projectId, input.id))) throw notFound(`No webhook "${input.id}" in this project`);
  return { deletedId: input.id, clientMutationId: input.clientMutationId ?? null };
}

export const webhookResolvers = {
  Query: {
    webhooks: (_: unknown, _args: unknown, ctx: GraphQLContext) => listWebhooks(ctx.graph, ctx.projectId),
  },
  Mutation: {
    createWebhook: createWebhookMutation,
    deleteWebhook: deleteWebhookMutation,
  },
  Alert: {
    deliveries: (alert: { id: string }, _args: unknown, ctx: GraphQLContext) => deliveryLoader(ctx).load(String(alert.id)),
  },
} satisfies ResolverMap;

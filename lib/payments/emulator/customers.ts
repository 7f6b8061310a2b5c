import 'server-only';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import type { EmulatorResult } from './errors';
import type { FormObject } from './form';
import { newId, nowSeconds } from './ids';
import { customerObject } from './objects';
import { expandParam, metadataParam, parseParams } from './params';
import { getObject, insertObject } from './store';

const createSchema = z.strictObject({
  email: z
    .string()
    .max(512)
    .regex(/^[^\s@]+@[^\s@]+$/, 'is not a valid email address')
    .optional(),
  name: z.string().max(256).optional(),
  description: z.string().max(350).optional(),
  metadata: metadataParam.optional(),
  expand: expandParam.optional(),
});

/** Stripe treats an empty metadata value as "unset", so it is never stored. */
export function cleanMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata ?? {}).filter(([, v]) => v !== ''));
}

export async function createCustomer(ctx: EmulatorContext, params: FormObject): Promise<EmulatorResult> {
  const input = parseParams(createSchema, params);
  const body = customerObject({
    id: newId('cus'),
    created: nowSeconds(ctx.now),
    email: input.email ?? null,
    name: input.name ?? null,
    description: input.description ?? null,
    metadata: cleanMetadata(input.metadata),
  });
  await insertObject(ctx.tx, 'customer', body);
  return { status: 200, body };
}

const retrieveSchema = z.strictObject({ expand: expandParam.optional() });

export async function retrieveCustomer(ctx: EmulatorContext, id: string, params: FormObject): Promise<EmulatorResult> {
  parseParams(retrieveSchema, params);
  const customer = await getObject(ctx.tx, 'customer', id, 'id');
  return { status: 200, body: customer.body };
}

import { z } from 'zod';
import { invalidRequest } from './errors';
import type { FormObject, FormValue } from './form';

/** Form values are strings; these coerce them the way Stripe's API does. */
export const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
export const intParam = z
  .string()
  .regex(/^-?\d+$/, 'must be an integer')
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), 'is too large');
export const idParam = z.string().min(1).max(255);
export const metadataParam = z
  .record(z.string().max(40, 'keys must be at most 40 characters'), z.string().max(500, 'values must be at most 500 characters'))
  .refine((m) => Object.keys(m).length <= 50, 'can have at most 50 keys');
export const expandParam = z.array(z.string()).max(10);
export const currencyParam = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, 'must be a three-letter ISO currency code')
  .transform((c) => c.toLowerCase());

export function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return `${head ?? ''}${rest.map((p) => `[${p}]`).join('')}`;
}

function valueAt(params: FormValue, path: readonly PropertyKey[]): FormValue | undefined {
  let node: FormValue | undefined = params;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[String(key)];
  }
  return node;
}

/** Parses an endpoint's params with a strict schema, answering like Stripe on the first problem. */
export function parseParams<T extends z.ZodType>(schema: T, params: FormObject): z.output<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const param = paramName([...issue.path, issue.keys[0]!]);
    throw invalidRequest(`Received unknown parameter: ${param}`, { param, code: 'parameter_unknown' });
  }
  const param = paramName(issue.path);
  if (valueAt(params, issue.path) === undefined) {
    throw invalidRequest(`Missing required param: ${param}.`, { param, code: 'parameter_missing' });
  }
  throw invalidRequest(`Invalid ${param}: ${issue.message}`, { param, code: 'parameter_invalid' });
}

/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracketed keys for nested
 * values, as stripe-node and Stripe.js send them: `metadata[orderId]=42`, `expand[0]=customer`,
 * `payment_method_data[card][number]=4242...`. Every leaf is a string; the endpoints coerce.
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormParseError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

const KEY_PATTERN = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DEPTH = 6;
const MAX_PAIRS = 2000;

function segmentsOf(key: string): string[] {
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new FormParseError(`Invalid parameter name: ${key}`, key);
  const rest = match[2] ? [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!) : [];
  const segments = [match[1]!, ...rest];
  if (segments.length > MAX_DEPTH) throw new FormParseError(`Parameter nested too deeply: ${key}`, key);
  for (const s of segments) if (FORBIDDEN.has(s)) throw new FormParseError(`Invalid parameter name: ${key}`, key);
  return segments;
}

type Building = { [key: string]: Building | string };

/** Objects whose keys are all array indices (`[0]`, `[1]`, or `[]`) become arrays, in index order. */
function finish(node: Building | string): FormValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const values: FormObject = {};
  for (const k of keys) values[k] = finish(node[k]!);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => values[k]!);
  }
  return values;
}

export function parseStripeForm(body: string | URLSearchParams): FormObject {
  const params = typeof body === 'string' ? new URLSearchParams(body) : body;
  const root: Building = {};
  let count = 0;
  for (const [rawKey, value] of params) {
    if (++count > MAX_PAIRS) throw new FormParseError('Too many parameters.', rawKey);
    const segments = segmentsOf(rawKey);
    let node: Building = root;
    for (let i = 0; i < segments.length; i++) {
      let segment = segments[i]!;
      if (segment === '') segment = String(Object.keys(node).length); // `a[]=x` appends
      const last = i === segments.length - 1;
      const existing: Building | string | undefined = Object.hasOwn(node, segment) ? node[segment] : undefined;
      if (last) {
        if (existing !== undefined && typeof existing !== 'string') {
          throw new FormParseError(`Invalid parameter: ${rawKey} mixes a value and nested values.`, rawKey);
        }
        node[segment] = value;
      } else {
        if (typeof existing === 'string') {
          throw new FormParseError(`Invalid parameter: ${rawKey} mixes a value and nested values.`, rawKey);
        }
        const child: Building = existing ?? {};
        node[segment] = child;
        node = child;
      }
    }
  }
  const parsed = finish(root);
  if (typeof parsed === 'string' || Array.isArray(parsed)) throw new FormParseError('Invalid parameter names.', '0');
  return parsed;
}

import { describe, expect, it } from 'vitest';
import { isDecodableActionBody } from './action-request';

const post = (body: BodyInit, contentType?: string) =>
  new Request('http://store.test/cart', { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {} });

function reactForm(root: string | null): FormData {
  const form = new FormData();
  form.append('_1_quantity', '2');
  if (root !== null) form.append('0', root);
  return form;
}

describe('isDecodableActionBody', () => {
  it('accepts what React sends: JSON text, or multipart with the argument list in field 0', async () => {
    expect(await isDecodableActionBody(post('["a@example.com"]', 'text/plain;charset=UTF-8'))).toBe(true);
    expect(await isDecodableActionBody(post(reactForm('[null,"$K1"]')))).toBe(true);
  });

  it('refuses what Next.js would answer with a 500: empty, bad JSON, bad multipart, no field 0', async () => {
    expect(await isDecodableActionBody(post('', 'text/plain'))).toBe(false);
    expect(await isDecodableActionBody(post('[{"', 'text/plain'))).toBe(false);
    expect(await isDecodableActionBody(post('this is not multipart', 'multipart/form-data; boundary=fuzz'))).toBe(false);
    expect(await isDecodableActionBody(post(reactForm('[{"')))).toBe(false);
    expect(await isDecodableActionBody(post(reactForm(null)))).toBe(false);
  });
});

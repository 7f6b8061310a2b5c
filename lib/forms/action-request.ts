/**
 * Whether a server-action request's body can be decoded at all. React's client always sends
 * either JSON text (the argument list) or multipart form data whose field "0" holds that JSON;
 * Next.js answers anything else with a 500 (its decoder throws), so proxy.ts refuses it first
 * with a 400. What the arguments mean is each action's own business (zod, in the action).
 */
export const UNREADABLE_ACTION_REQUEST = 'The request could not be read. Reload the page and try again.';

export async function isDecodableActionBody(request: Request): Promise<boolean> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (/^multipart\/form-data/i.test(type)) {
      const root = (await request.clone().formData()).get('0');
      if (typeof root !== 'string') return false;
      JSON.parse(root);
    } else {
      JSON.parse(await request.clone().text());
    }
    return true;
  } catch {
    return false;
  }
}

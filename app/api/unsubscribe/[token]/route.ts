import { INVALID_UNSUBSCRIBE_LINK, UNSUBSCRIBED_HEADING, UNSUBSCRIBED_TEXT } from '@/lib/back-in-stock/copy';
import { isUnsubscribeToken, unsubscribeByToken } from '@/lib/back-in-stock/unsubscribe';

// RFC 8058 one-click unsubscribe, the List-Unsubscribe header's URL. Mail providers POST
// "List-Unsubscribe=One-Click" from their own servers: cross-origin, without cookies or Origin, so
// there is no same-origin check here; the long random token is the authority. The body is not
// read (nothing in it could change the answer). A GET (a person opening the URL, or a scanner)
// never unsubscribes: it goes to the page with the button.
export const dynamic = 'force-dynamic';

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', ...headers },
  });

export async function POST(_request: Request, ctx: RouteContext<'/api/unsubscribe/[token]'>): Promise<Response> {
  const result = await unsubscribeByToken((await ctx.params).token);
  if (result.status === 'unknown') return text(404, `${INVALID_UNSUBSCRIBE_LINK}.\n`);
  return text(200, `${UNSUBSCRIBED_HEADING}. ${UNSUBSCRIBED_TEXT}\n`);
}

export async function GET(_request: Request, ctx: RouteContext<'/api/unsubscribe/[token]'>): Promise<Response> {
  const { token } = await ctx.params;
  if (!isUnsubscribeToken(token)) return text(404, `${INVALID_UNSUBSCRIBE_LINK}.\n`);
  // Relative, so it stays on whatever host the request came to; the token is base64url, safe in a path.
  return text(303, '', { Location: `/unsubscribe/${token}` });
}

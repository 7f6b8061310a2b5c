import { NextResponse, type NextRequest } from 'next/server';
import { isDecodableActionBody, UNREADABLE_ACTION_REQUEST } from '@/lib/forms/action-request';

// Only server-action calls come through here (the matcher): a body React's client could not have
// sent gets a 400 instead of Next.js's 500. See lib/forms/action-request.ts.
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.method === 'POST' && !(await isDecodableActionBody(request))) {
    return new NextResponse(UNREADABLE_ACTION_REQUEST, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: '/:path*', has: [{ type: 'header', key: 'next-action' }] }],
};

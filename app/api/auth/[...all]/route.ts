import { getAuth } from '@/lib/auth/auth';

// better-auth's own endpoints (session, sign-out). Sign-in and sign-up are closed here; see lib/auth/auth.ts.
export const GET = (request: Request) => getAuth().handler(request);
export const POST = (request: Request) => getAuth().handler(request);

import { handleEmulatorHttpRequest } from '@/lib/payments/emulator-route';

// The offline Stripe emulator's HTTP API (docs/payments.md). 404 everywhere in Stripe mode.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handleEmulatorHttpRequest;
export const POST = handleEmulatorHttpRequest;
export const DELETE = handleEmulatorHttpRequest;

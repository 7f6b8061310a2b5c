import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UnsubscribePanel } from '@/components/back-in-stock/unsubscribe-panel';
import { signupForToken } from '@/lib/back-in-stock/unsubscribe';

// The link is the only key to the page: never indexed, never sent on as a referrer, never cached.
export const metadata: Metadata = { title: 'Restock emails', robots: { index: false, follow: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

export default async function UnsubscribePage({ params }: PageProps<'/unsubscribe/[token]'>) {
  const { token } = await params;
  const signup = await signupForToken(token);
  if (!signup) notFound();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-3xl font-semibold tracking-tight">Restock emails</h1>
      <UnsubscribePanel token={token} title={signup.title} maskedEmail={signup.maskedEmail} unsubscribed={signup.unsubscribed} />
    </div>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EmailDetailView } from '@/components/admin/emails/email-detail';
import { BackLink } from '@/components/admin/products/back-link';
import { requireStaffPage } from '@/lib/auth/staff';
import { emailDetail } from '@/lib/email/admin-reads';
import { EmailConfigError, transportConfig } from '@/lib/email/config';

export const metadata: Metadata = { title: 'Email' };

function usesDevMailbox(): boolean {
  try {
    return transportConfig().kind === 'dev-mailbox';
  } catch (err) {
    // The list page says what is wrong with the setting; here it only decides one line.
    if (err instanceof EmailConfigError) return false;
    throw err;
  }
}

export default async function EmailPage({ params }: PageProps<'/admin/emails/[id]'>) {
  await requireStaffPage();
  const email = await emailDetail((await params).id);
  if (!email) notFound();
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/admin/emails">All emails</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight break-words">{email.subject}</h1>
      <EmailDetailView email={email} devMailboxTransport={usesDevMailbox()} />
    </div>
  );
}

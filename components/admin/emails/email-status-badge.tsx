import type { EmailStatus } from '@/db/schema/email';
import { EMAIL_STATUS_LABELS } from './email-labels';

const STYLES: Record<EmailStatus, string> = {
  pending: 'border-amber-500 bg-amber-50 text-amber-900',
  sent: 'border-brand-600 bg-brand-50 text-brand-900',
  failed: 'border-red-700 bg-red-50 text-red-900',
  cancelled: 'border-stone-400 bg-stone-100 text-stone-800',
};

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>{EMAIL_STATUS_LABELS[status]}</span>;
}

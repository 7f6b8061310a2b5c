import type { EmailStatus } from '@/db/schema/email';

export { EMAIL_KIND_LABELS } from '@/lib/email/messages';

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

import Link from 'next/link';
import { ColumnHeaders } from '@/components/admin/column-headers';
import { TableScroll } from '@/components/admin/table-scroll';
import { LocalTime } from '@/components/ui/local-time';
import type { EmailListRow } from '@/lib/email/admin-reads';
import { EMAIL_KIND_LABELS } from './email-labels';
import { EmailStatusBadge } from './email-status-badge';

export function EmailsTable({ rows }: { rows: EmailListRow[] }) {
  return (
    <TableScroll label="Emails" bordered>
      <table className="w-full text-sm">
        <caption className="sr-only">Emails, newest first</caption>
        <thead className="bg-stone-50">
          <ColumnHeaders columns={['Recipient', 'Subject', 'Kind', 'Status', { label: 'Attempts', numeric: true }, 'Time']} />
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} className="border-t border-stone-200">
              <td className="px-3 py-2 break-all">{e.toAddress}</td>
              <th scope="row" className="min-w-48 px-3 py-2 text-left font-medium">
                <Link href={`/admin/emails/${e.id}`} className="text-brand-700 hover:underline">
                  {e.subject}
                </Link>
              </th>
              <td className="px-3 py-2 whitespace-nowrap">{EMAIL_KIND_LABELS[e.kind]}</td>
              <td className="px-3 py-2">
                <EmailStatusBadge status={e.status} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{e.attempts}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <LocalTime iso={e.createdAt.toISOString()} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

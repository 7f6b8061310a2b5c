import type { Metadata } from 'next';
import { AddStaffForm } from '@/components/admin/staff/add-staff-form';
import { TableScroll } from '@/components/admin/table-scroll';
import { LocalTime } from '@/components/ui/local-time';
import { requireStaffPage } from '@/lib/auth/staff';
import { listStaff } from '@/lib/auth/staff-accounts';
import { ColumnHeaders } from '@/components/admin/column-headers';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  await requireStaffPage('owner');
  const staff = await listStaff();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Staff</h1>
      <TableScroll label="Staff accounts" className="max-w-3xl">
        <table className="w-full text-sm">
          <caption className="sr-only">Staff accounts</caption>
          <thead className="bg-stone-50">
            <ColumnHeaders columns={['Email', 'Name', 'Role', 'Since']} />
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id} className="border-t border-stone-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {s.email}
                </th>
                <td className="px-3 py-2">{s.name}</td>
                <td className="px-3 py-2">{s.role}</td>
                <td className="px-3 py-2">
                  <LocalTime iso={s.createdAt.toISOString()} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section aria-labelledby="add-staff-heading" className="flex max-w-md flex-col gap-3">
        <h2 id="add-staff-heading" className="text-lg font-semibold">
          Add a staff member
        </h2>
        <AddStaffForm />
      </section>
    </div>
  );
}

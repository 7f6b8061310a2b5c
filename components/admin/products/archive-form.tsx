'use client';
import { archiveVariantAction, unarchiveVariantAction } from '@/components/admin/products/variant-actions';
import { archiveProductAction, unarchiveProductAction } from '@/components/admin/products/actions';
import { FormOutcome } from '@/components/admin/fields';
import { useActionForm } from './use-action-form';

const ACTIONS = {
  product: { archive: archiveProductAction, unarchive: unarchiveProductAction },
  variant: { archive: archiveVariantAction, unarchive: unarchiveVariantAction },
};

/** Archives (or brings back) a product or variant: hidden from shoppers, kept for orders and the ledger. */
export function ArchiveForm({ kind, id, archived }: { kind: 'product' | 'variant'; id: string; archived: boolean }) {
  const { formRef, onSubmit, formAction, pending, error, message } = useActionForm(ACTIONS[kind][archived ? 'unarchive' : 'archive']);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-red-700 hover:text-red-800 disabled:opacity-60"
      >
        {archived ? `Unarchive ${kind}` : `Archive ${kind}`}
      </button>
      <FormOutcome message={message} error={error} />
    </form>
  );
}

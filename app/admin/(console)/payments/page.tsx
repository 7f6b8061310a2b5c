import type { Metadata } from 'next';
import { TableScroll } from '@/components/admin/table-scroll';
import { ExpireCardForm } from '@/components/payments/expire-card-form';
import { TestCardSaver } from '@/components/payments/test-card-saver';
import { LocalTime } from '@/components/ui/local-time';
import { requireStaffPage } from '@/lib/auth/staff';
import { formatMoney } from '@/lib/money/format';
import { loadEmulator, PaymentsConfigError, publicPaymentsConfig, type PublicPaymentsConfig } from '@/lib/payments';
import { cardBrandName, formatCardExpiry } from '@/lib/payments/browser/card-display';
import type { EmulatorOverview } from '@/lib/payments/emulator';
import { ColumnHeaders } from '@/components/admin/column-headers';

export const metadata: Metadata = { title: 'Payments' };

const th = 'px-3 py-2 text-left font-medium';
const td = 'px-3 py-2';

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-stone-700">{children}</p>;
}

/**
 * The Stripe emulator's development surface for staff: save a test card through the real card
 * form, make a saved card expire, and see what the emulator holds. In Stripe mode: nothing.
 */
export default async function PaymentsPage() {
  await requireStaffPage();
  let config: PublicPaymentsConfig;
  let overview: EmulatorOverview | null;
  try {
    config = publicPaymentsConfig();
    const emulator = await loadEmulator();
    overview = emulator ? await emulator.emulatorOverview() : null;
  } catch (err) {
    if (!(err instanceof PaymentsConfigError)) throw err;
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Payments</h1>
        <p role="alert" className="max-w-2xl rounded-lg border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
          Payments are not configured: {err.message}
        </p>
      </div>
    );
  }

  if (!overview) {
    const live = config.publishableKey.startsWith('pk_live_');
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Payments</h1>
        <p className="max-w-2xl text-sm">
          The Stripe emulator is off: payments go to Stripe with {live ? 'live' : 'test'} keys. Saved cards, intents and webhooks are in the Stripe Dashboard.
        </p>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Payments</h1>
        <p className="max-w-2xl text-sm text-stone-700">
          <span className="rounded bg-amber-200 px-2 py-0.5 text-xs font-bold tracking-wide text-amber-950 uppercase">Test mode</span> No Stripe keys are set,
          so payments run on the offline Stripe emulator: it knows only Stripe&apos;s test cards and charges nothing.
        </p>
      </div>

      <section aria-labelledby="save-card-heading" className="flex max-w-2xl flex-col gap-3">
        <h2 id="save-card-heading" className="text-lg font-semibold">
          Save a test card
        </h2>
        <TestCardSaver config={config} />
      </section>

      <section aria-labelledby="saved-cards-heading" className="flex flex-col gap-3">
        <h2 id="saved-cards-heading" className="text-lg font-semibold">
          Saved cards
        </h2>
        <p className="max-w-2xl text-sm text-stone-700">
          {overview.controlsEnabled
            ? 'Make expire sets a card’s expiry to last month, so its next charge fails with expired_card (Stripe test mode cannot do this).'
            : 'The emulator controls are off in this production build: set STRIPE_EMULATOR_CONTROLS=1 to make cards expire from here.'}
        </p>
        {overview.savedCards.length === 0 ? (
          <Empty>No saved cards yet.</Empty>
        ) : (
          <TableScroll label="Saved cards" className="max-w-4xl">
            <table className="w-full text-sm">
              <caption className="sr-only">Saved cards, newest first</caption>
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>
                    Customer
                  </th>
                  <th scope="col" className={th}>
                    Card
                  </th>
                  <th scope="col" className={th}>
                    Expires
                  </th>
                  <th scope="col" className={th}>
                    Saved
                  </th>
                  {overview.controlsEnabled && (
                    <th scope="col" className={th}>
                      Control
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {overview.savedCards.map((c) => {
                  const name = `${cardBrandName(c.brand)} ending ${c.last4}`;
                  return (
                    <tr key={c.paymentMethodId} className="border-t border-stone-200 align-top">
                      <th scope="row" className={`${td} text-left font-medium`}>
                        {c.customerEmail ?? '—'}
                      </th>
                      <td className={td}>
                        {name} <span className="font-mono text-xs text-stone-600">{c.paymentMethodId}</span>
                      </td>
                      <td className={td}>
                        {formatCardExpiry(c.expMonth, c.expYear)}
                        {c.expired && <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">Expired</span>}
                      </td>
                      <td className={td}>
                        <LocalTime iso={c.created.toISOString()} />
                      </td>
                      {overview.controlsEnabled && (
                        <td className={td}>
                          <ExpireCardForm
                            paymentMethodId={c.paymentMethodId}
                            cardName={`${name} for ${c.customerEmail ?? 'this customer'}`}
                            expired={c.expired}
                          />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="setup-intents-heading" className="flex flex-col gap-3">
        <h2 id="setup-intents-heading" className="text-lg font-semibold">
          SetupIntents
        </h2>
        {overview.setupIntents.length === 0 ? (
          <Empty>No SetupIntents yet.</Empty>
        ) : (
          <TableScroll label="SetupIntents" className="max-w-4xl">
            <table className="w-full text-sm">
              <caption className="sr-only">SetupIntents, newest first</caption>
              <thead className="bg-stone-50">
                <ColumnHeaders columns={['SetupIntent', 'Customer', 'Status', 'Card', 'Last error', 'Created']} />
              </thead>
              <tbody>
                {overview.setupIntents.map((si) => (
                  <tr key={si.id} className="border-t border-stone-200">
                    <th scope="row" className={`${td} text-left font-mono text-xs font-normal`}>
                      {si.id}
                    </th>
                    <td className={td}>{si.customerEmail ?? '—'}</td>
                    <td className={td}>{si.status}</td>
                    <td className={td}>{si.card ?? '—'}</td>
                    <td className={td}>{si.lastError ?? '—'}</td>
                    <td className={td}>
                      <LocalTime iso={si.created.toISOString()} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="payment-intents-heading" className="flex flex-col gap-3">
        <h2 id="payment-intents-heading" className="text-lg font-semibold">
          PaymentIntents
        </h2>
        {overview.paymentIntents.length === 0 ? (
          <Empty>No PaymentIntents yet: shipments are charged when they ship.</Empty>
        ) : (
          <TableScroll label="PaymentIntents" className="max-w-4xl">
            <table className="w-full text-sm">
              <caption className="sr-only">PaymentIntents, newest first</caption>
              <thead className="bg-stone-50">
                <ColumnHeaders columns={['PaymentIntent', 'Customer', 'Amount', 'Status', 'Last error', 'Created']} />
              </thead>
              <tbody>
                {overview.paymentIntents.map((pi) => (
                  <tr key={pi.id} className="border-t border-stone-200">
                    <th scope="row" className={`${td} text-left font-mono text-xs font-normal`}>
                      {pi.id}
                    </th>
                    <td className={td}>{pi.customerEmail ?? '—'}</td>
                    <td className={`${td} tabular-nums`}>{formatMoney(pi.amountCents, pi.currency.toUpperCase())}</td>
                    <td className={td}>{pi.status}</td>
                    <td className={td}>{pi.lastError ?? '—'}</td>
                    <td className={td}>
                      <LocalTime iso={pi.created.toISOString()} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}

/**
 * Calendar-date helpers. Ship and release dates are calendar dates (YYYY-MM-DD) with no
 * time of day, so they are computed and formatted in UTC: a date never shifts by a day
 * because of the server's or the shopper's time zone.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today's calendar date in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * "Tue, Jan 13" (withWeekday) or "Feb 2"; the year is added when the date is not within
 * the coming eleven months, so a shopper never has to guess which January is meant.
 */
export function formatCalendarDate(
  isoDate: string,
  { locale = 'en-US', withWeekday = false, today }: { locale?: string; withWeekday?: boolean; today?: string } = {},
): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const reference = today ?? todayUtc();
  const distance = daysBetween(reference, isoDate);
  const showYear = distance < 0 || distance > 330;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: withWeekday ? 'short' : undefined,
    month: 'short',
    day: 'numeric',
    year: showYear ? 'numeric' : undefined,
  }).format(d);
}

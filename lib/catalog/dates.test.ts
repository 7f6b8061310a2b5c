import { describe, it, expect, vi, afterEach } from 'vitest';
import { addDays, daysBetween, formatCalendarDate, isIsoDate, todayUtc } from './dates';

const TODAY = '2025-12-01';

afterEach(() => {
  vi.useRealTimers();
});

describe('isIsoDate', () => {
  it.each([
    '2025-12-01',
    '2026-01-13',
    '2024-02-29', // leap year
    '2000-02-29', // divisible by 400
    '2025-01-31',
    '2025-04-30',
    '2025-12-31',
    '1970-01-01',
    '9999-12-31',
  ])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    '',
    '2025-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not 400
    '2025-04-31',
    '2025-06-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-32',
    '2025-1-01',
    '2025-01-1',
    '25-01-01',
    '20250101',
    '2025/01/01',
    '01-13-2026',
    ' 2025-01-01',
    '2025-01-01 ',
    '2025-01-01\n',
    '2025-01-01T00:00:00Z',
    '2025-01-01T00:00',
    'yyyy-mm-dd',
    '２０２５-01-01', // full-width digits
    '+02025-01-01',
    'not a date',
  ])('rejects %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('todayUtc', () => {
  it.each<[string, string]>([
    ['2025-12-01T00:00:00Z', '2025-12-01'],
    ['2025-12-01T23:59:59.999Z', '2025-12-01'],
    ['2025-12-31T23:30:00-05:00', '2026-01-01'], // evening in New York is already tomorrow in UTC
    ['2026-01-01T00:30:00+09:00', '2025-12-31'], // morning in Tokyo is still yesterday in UTC
    ['2024-02-29T12:00:00Z', '2024-02-29'],
  ])('%s -> %s', (instant, expected) => {
    expect(todayUtc(new Date(instant))).toBe(expected);
  });

  it('defaults to the current instant', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-15T22:10:00Z'));
    expect(todayUtc()).toBe('2026-03-15');
  });

  it('returns an ISO calendar date', () => {
    expect(isIsoDate(todayUtc(new Date('2031-07-04T08:00:00Z')))).toBe(true);
  });
});

describe('addDays', () => {
  it.each<[string, number, string]>([
    ['2025-12-01', 0, '2025-12-01'],
    ['2025-12-01', 1, '2025-12-02'],
    ['2025-12-01', 14, '2025-12-15'],
    ['2025-01-31', 1, '2025-02-01'], // month boundary
    ['2025-01-25', 10, '2025-02-04'],
    ['2025-04-30', 1, '2025-05-01'],
    ['2025-12-31', 1, '2026-01-01'], // year boundary
    ['2025-12-20', 14, '2026-01-03'],
    ['2024-02-28', 1, '2024-02-29'], // leap day
    ['2024-02-29', 1, '2024-03-01'],
    ['2025-02-28', 1, '2025-03-01'], // no leap day
    ['2024-02-20', 10, '2024-03-01'],
    ['2025-02-20', 10, '2025-03-02'],
    ['2025-03-08', 2, '2025-03-10'], // US DST start
    ['2025-10-25', 2, '2025-10-27'], // EU DST end
    ['2025-06-01', 365, '2026-06-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2025-12-01', 1000, '2028-08-27'],
    ['2025-12-02', -1, '2025-12-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it('round-trips with daysBetween', () => {
    for (const days of [-400, -31, -1, 0, 1, 29, 59, 60, 365, 366, 1461]) {
      expect(daysBetween('2024-02-10', addDays('2024-02-10', days))).toBe(days);
    }
  });
});

describe('daysBetween', () => {
  it.each<[string, string, number]>([
    ['2025-12-01', '2025-12-01', 0],
    ['2025-12-01', '2025-12-02', 1],
    ['2025-12-02', '2025-12-01', -1],
    ['2025-12-01', '2026-01-13', 43],
    ['2026-01-13', '2025-12-01', -43],
    ['2025-12-31', '2026-01-01', 1],
    ['2025-01-01', '2026-01-01', 365],
    ['2024-01-01', '2025-01-01', 366], // leap year
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2025-03-01', '2025-04-01', 31], // across US DST start: still whole days
    ['2025-10-01', '2025-11-01', 31], // across DST end
    ['2025-12-01', '2026-10-27', 330],
    ['2025-12-01', '2026-10-28', 331],
  ])('from %s to %s is %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('formatCalendarDate (en-US)', () => {
  it.each<[string, boolean, string]>([
    ['2026-01-13', true, 'Tue, Jan 13'],
    ['2026-01-13', false, 'Jan 13'],
    ['2026-02-02', false, 'Feb 2'],
    ['2026-02-02', true, 'Mon, Feb 2'],
    ['2025-12-01', false, 'Dec 1'], // today: no year
    ['2025-12-01', true, 'Mon, Dec 1'],
    ['2025-12-02', true, 'Tue, Dec 2'],
    ['2025-12-31', false, 'Dec 31'],
    ['2026-10-27', false, 'Oct 27'], // 330 days away: still no year
    ['2026-10-27', true, 'Tue, Oct 27'],
    ['2026-10-28', false, 'Oct 28, 2026'], // 331 days away: year shown
    ['2026-10-28', true, 'Wed, Oct 28, 2026'],
    ['2026-11-30', true, 'Mon, Nov 30, 2026'],
    ['2026-12-01', false, 'Dec 1, 2026'], // a year away
    ['2027-01-13', true, 'Wed, Jan 13, 2027'],
    ['2030-06-15', false, 'Jun 15, 2030'],
    ['2025-11-30', false, 'Nov 30, 2025'], // yesterday: past dates show the year
    ['2025-11-30', true, 'Sun, Nov 30, 2025'],
    ['2025-01-13', true, 'Mon, Jan 13, 2025'],
    ['2024-12-01', false, 'Dec 1, 2024'],
  ])('%s (weekday %s) with today 2025-12-01 -> %j', (date, withWeekday, expected) => {
    expect(formatCalendarDate(date, { withWeekday, today: TODAY })).toBe(expected);
  });

  it('defaults to en-US without weekday', () => {
    expect(formatCalendarDate('2026-02-02', { today: TODAY })).toBe('Feb 2');
    expect(formatCalendarDate('2026-02-02', { locale: 'en-US', withWeekday: false, today: TODAY })).toBe('Feb 2');
  });

  it('disambiguates which January is meant', () => {
    expect(formatCalendarDate('2025-01-13', { withWeekday: true, today: '2025-01-10' })).toBe('Mon, Jan 13');
    expect(formatCalendarDate('2026-01-13', { withWeekday: true, today: '2025-01-10' })).toBe('Tue, Jan 13, 2026');
  });

  it('counts the 330-day window in days, including across a leap day', () => {
    expect(formatCalendarDate('2024-11-26', { today: '2024-01-01' })).toBe('Nov 26'); // 330 days
    expect(formatCalendarDate('2024-11-27', { today: '2024-01-01' })).toBe('Nov 27, 2024'); // 331 days
  });

  it('uses the current UTC date when today is not given', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-12-01T23:30:00Z'));
    expect(formatCalendarDate('2026-01-13', { withWeekday: true })).toBe('Tue, Jan 13');
    expect(formatCalendarDate('2025-11-30')).toBe('Nov 30, 2025');
    expect(formatCalendarDate('2027-01-13')).toBe('Jan 13, 2027');
  });

  it('never shifts the date with the process time zone', () => {
    const original = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        expect(formatCalendarDate('2026-01-13', { withWeekday: true, today: TODAY })).toBe('Tue, Jan 13');
        expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
        expect(daysBetween('2025-03-01', '2025-04-01')).toBe(31);
        expect(isIsoDate('2025-03-09')).toBe(true);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('formatCalendarDate (other locales)', () => {
  it.each<[string, string, boolean, string, string]>([
    ['de-DE', '2026-01-13', true, TODAY, 'Di., 13. Jan.'],
    ['de-DE', '2026-02-02', false, TODAY, '2. Feb.'],
    ['de-DE', '2027-02-02', false, TODAY, '2. Feb. 2027'],
    ['de-DE', '2027-01-13', true, TODAY, 'Mi., 13. Jan. 2027'],
    ['de-DE', '2025-11-30', false, TODAY, '30. Nov. 2025'],
    ['en-GB', '2026-01-13', true, TODAY, 'Tue 13 Jan'],
    ['fr-FR', '2026-01-13', true, TODAY, 'mar. 13 janv.'],
  ])('%s: %s (weekday %s) -> %j', (locale, date, withWeekday, today, expected) => {
    expect(formatCalendarDate(date, { locale, withWeekday, today })).toBe(expected);
  });
});

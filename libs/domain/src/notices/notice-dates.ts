/** Calendar dates as ISO strings (YYYY-MM-DD), the form Postgres `date` columns take and give. */

export const NOTICE_VALIDITY_MONTHS = 60;
export const RETENTION_REVIEW_MONTHS_BEFORE_EXPIRY = 6;
export const MAX_SUSPENSION_MONTHS = 6;

/** Today in UTC, so every process agrees whatever its time zone. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** Adds (or with a negative count subtracts) months, clamping to the month's end as Postgres does (29 Feb + 1 year = 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
  return result.toISOString().slice(0, 10);
}

export interface PublicationDates {
  publishedAt: string;
  expiresAt: string;
  retentionReviewDue: string;
}

/** A notice is valid five years; its retention review falls due six months before it expires. */
export function publicationDates(publishedAt: string): PublicationDates {
  const expiresAt = addMonths(publishedAt, NOTICE_VALIDITY_MONTHS);
  return { publishedAt, expiresAt, retentionReviewDue: addMonths(expiresAt, -RETENTION_REVIEW_MONTHS_BEFORE_EXPIRY) };
}

/** The latest day a suspension starting on `suspendedAt` may end. */
export const latestSuspensionEnd = (suspendedAt: string): string => addMonths(suspendedAt, MAX_SUSPENSION_MONTHS);

/** A suspension lapses on its end date: from then the notice is due back to published. */
export const suspensionLapsed = (suspensionEnds: string | null, today: string): boolean =>
  suspensionEnds !== null && suspensionEnds <= today;

// Years and days are counted in Asia/Bangkok (UTC+7 all year, no daylight saving since 1920),
// so a fixed offset is exact and avoids a time-zone database on the hot path.
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

export const BUDDHIST_ERA_OFFSET = 543;

export function bangkokYear(instant: Date): number {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).getUTCFullYear();
}

/** Calendar day in Bangkok as YYYY-MM-DD. */
export function bangkokDay(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Bangkok calendar day begins (00:00 +07:00), for the day `instant` falls in. */
export function bangkokDayStart(instant: Date): Date {
  const t = instant.getTime() + BANGKOK_OFFSET_MS;
  return new Date(t - (((t % 86_400_000) + 86_400_000) % 86_400_000) - BANGKOK_OFFSET_MS);
}

export function toBuddhistEra(year: number): number {
  return year + BUDDHIST_ERA_OFFSET;
}

/** [start, end) of a Bangkok calendar year as UTC instants. */
export function bangkokYearBounds(year: number): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(year, 0, 1) - BANGKOK_OFFSET_MS),
    end: new Date(Date.UTC(year + 1, 0, 1) - BANGKOK_OFFSET_MS),
  };
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}

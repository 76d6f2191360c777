/** Calendar arithmetic on YYYY-MM-DD dates (UTC, no time of day). */

/** `date` plus `months` calendar months (negative to go back); the day overflows as JavaScript's Date does. */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** `date` minus `months` calendar months. */
export function minusMonths(date: string, months: number): string {
  return addMonths(date, -months);
}

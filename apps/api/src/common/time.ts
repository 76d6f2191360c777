/** The one clock of the API, replaceable in tests. */
export class Clock {
  now(): Date {
    return new Date();
  }

  iso(): string {
    return this.now().toISOString();
  }

  /** Today's date in China (UTC+8), YYYY-MM-DD: the date rules and parameters are evaluated on. */
  today(): string {
    return new Date(this.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  }
}

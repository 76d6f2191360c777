/** Shapes every feature shares. */

/** One page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  /** false: `total` is a lower bound (a very long list, counted exactly in the background; a later request gives the exact number). Absent: exact. */
  totalExact?: boolean;
  page: number;
  pageSize: number;
}

/** Paging of a list request. */
export interface PageQuery {
  page?: number;
  pageSize?: number;
}

/** What every 4xx/5xx carries: a stable English code and a Chinese message. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** One field's problem in a validation error. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/** A suppressed count on aggregate views: the number, or "<5" for 1–4 (0 stays 0). */
export type Count = number | '<5';

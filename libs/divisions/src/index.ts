/** @zczr/divisions — China's administrative divisions (GB/T 2260 codes) and ID-card area codes. */
export { districtTree, divisionPath, findDivision } from './divisions.js';
export type { DistrictTree, Division, DivisionLevel } from './divisions.js';
export { lookupIdAreaCode, regionName, RETIRED_DIVISIONS } from './id-area.js';
export type { IdAreaCode, RetiredDivision } from './id-area.js';

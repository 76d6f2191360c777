/**
 * @zczr/demo-data — deterministic synthetic households for demos, tests and load benchmarks.
 * Same seed, same data, on any machine; household i does not depend on how many are generated.
 */
export {
  DEFAULT_DISTRICT_CODE,
  DEMO_DIBAO_STANDARD,
  generateHousehold,
  generateHouseholds,
  householdCapacity,
  toHouseholdInput,
} from './household-generator.js';
export type { DemoHousehold, GenerateHouseholdsOptions, IncomeBand } from './household-generator.js';
export { DEMO_REFERENCE_DATE } from './calendar.js';
export { generateStaffNames } from './names.js';
export type { Ethnicity, Sex } from './names.js';
export { Rng } from './random.js';

import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { AccessService, type Placement } from './access.service.js';

const ctx = (over: Partial<AuthContext>): AuthContext => ({
  userId: 'u',
  role: 'resident',
  regionCode: null,
  gridIds: [],
  householdId: null,
  ip: null,
  ...over,
});
const place: Placement = { householdId: 'h1', districtCode: '510115', streetCode: '510115001', gridId: '510115001001-01' };

describe('AccessService (the one access helper)', () => {
  const access = new AccessService();

  it.each<[string, AuthContext, boolean]>([
    ['resident, own household', ctx({ householdId: 'h1' }), true],
    ['resident, other household', ctx({ householdId: 'h2' }), false],
    ['resident without household', ctx({}), false],
    ['worker of the grid', ctx({ role: 'grid_worker', gridIds: ['510115001001-01'] }), true],
    ['worker of another grid', ctx({ role: 'grid_worker', gridIds: ['510115001001-02'] }), false],
    ['worker with no grid', ctx({ role: 'grid_worker' }), false],
    ['street reviewer of the street', ctx({ role: 'street_reviewer', regionCode: '510115001' }), true],
    ['street reviewer of another street', ctx({ role: 'street_reviewer', regionCode: '510115002' }), false],
    ['district reviewer', ctx({ role: 'district_reviewer', regionCode: '510115' }), true],
    ['admin of another district', ctx({ role: 'admin', regionCode: '510116' }), false],
  ])('%s', (_label, auth, visible) => {
    expect(access.canSee(auth, place)).toBe(visible);
    if (visible) expect(access.require(auth, place)).toBe(place);
    else expect(() => access.require(auth, place)).toThrow(AppError);
  });

  it('answers a missing record exactly like an out-of-scope one', () => {
    const auth = ctx({ role: 'district_reviewer', regionCode: '510115' });
    const missing = (() => {
      try {
        access.require(auth, null);
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    const hidden = (() => {
      try {
        access.require(ctx({ householdId: 'x' }), place);
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(missing?.code).toBe('NOT_FOUND');
    expect(hidden?.code).toBe('NOT_FOUND');
    expect(missing?.userMessage).toBe(hidden?.userMessage);
  });

  it('refuses staff without a region', () => {
    expect(() => access.scopeOf(ctx({ role: 'street_reviewer' }))).toThrow(AppError);
  });
});

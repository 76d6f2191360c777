import type { Role } from '@zczr/domain';

/** Who is calling: resolved from the access token by the auth guard. */
export interface AuthContext {
  userId: string;
  role: Role;
  /** Staff: street (9-digit) or district (6-digit) code. */
  regionCode: string | null;
  /** Grid workers: the grids they work. */
  gridIds: string[];
  /** Residents: their own household, if any. */
  householdId: string | null;
  ip: string | null;
}

/** Administrative divisions and grids, within the caller's scope. */
export type RegionLevel = 'district' | 'street' | 'community';

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  children: RegionNode[];
}

export interface Grid {
  id: string;
  name: string;
  communityCode: string;
  streetCode: string;
  workerIds: string[];
}

export interface HealthStatus {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  dialect: string;
}

import { useMemo } from 'react';
import { useApiData } from '../../shared/useApiData';
import type { RegionNode } from '@zczr/contract';

/** The caller's region tree (their own scope only), with a name lookup by code. */
export function useRegions() {
  const { data } = useApiData<RegionNode[]>('/api/v1/regions');
  return useMemo(() => {
    const names = new Map<string, string>();
    const streets: RegionNode[] = [];
    const walk = (nodes: RegionNode[]) => {
      for (const n of nodes) {
        names.set(n.code, n.name);
        if (n.level === 'street') streets.push(n);
        if (n.children) walk(n.children);
      }
    };
    walk(data ?? []);
    return { names, streets, nameOf: (code: string) => names.get(code) ?? code };
  }, [data]);
}

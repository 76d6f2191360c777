import { useMemo } from 'react';
import { ENDPOINTS, type RegionNode } from '@zczr/contract';
import { useEndpoint } from '../../shared/useEndpoint';

/** The caller's region tree (their own scope only), with a name lookup by code. */
export function useRegions() {
  const { data } = useEndpoint(ENDPOINTS.regions.tree);
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

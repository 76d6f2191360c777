#!/usr/bin/env node
/**
 * Writes src/generated/parameters.json: the policy parameters (thresholds, amounts) that apply to
 * the demo region, for the offline self-check. Parameters are public policy data, not personal
 * data; the API does not publish them yet, so they are taken from the built @zczr/policies lib at
 * build time (nothing of that lib is bundled). Keeps the existing file when the lib is not built.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(appDir, 'src/generated/parameters.json');
const REGION = process.env.TARO_APP_REGION || '510115';

let PARAMETERS;
try {
  ({ PARAMETERS } = await import('@zczr/policies'));
} catch (err) {
  if (existsSync(out)) {
    console.log(`[parameters] @zczr/policies not available (${err.message.split('\n')[0]}); keeping ${out}`);
    process.exit(0);
  }
  console.error('[parameters] @zczr/policies is not built: run `npm run build:libs` first');
  process.exit(1);
}
const applies = (region) => REGION.startsWith(region);
const table = PARAMETERS.map((p) => ({
  name: p.name,
  label: p.label,
  ...(p.unit ? { unit: p.unit } : {}),
  values: p.values.filter((v) => applies(v.region)).map(({ source: _s, ...v }) => v),
})).filter((p) => p.values.length > 0);
const json = `${JSON.stringify({ region: REGION, parameters: table })}\n`;
if (!existsSync(out) || readFileSync(out, 'utf8') !== json) writeFileSync(out, json);
console.log(`[parameters] ${table.length} parameters for region ${REGION} → src/generated/parameters.json (${json.length} bytes)`);

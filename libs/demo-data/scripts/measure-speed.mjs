// Generation speed of @zczr/demo-data (not a test). Build first: npx tsc -b libs/demo-data
// Usage: node libs/demo-data/scripts/measure-speed.mjs [count=1000000] [seed=1]
import { performance } from 'node:perf_hooks';
import { generateHouseholds } from '@zczr/demo-data';

const count = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const started = performance.now();
let members = 0;
let checksum = 0;
for (const h of generateHouseholds({ seed, count })) {
  members += h.members.length;
  checksum = (checksum + h.members[0].idNumber.charCodeAt(17) + h.incomes.length) % 1_000_000_007;
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${count} households (${members} members) in ${seconds.toFixed(1)} s: ` +
    `${Math.round(count / seconds)} households/s, ${Math.round(members / seconds)} members/s (checksum ${checksum})`,
);

// `npm run bench`: every benchmark, each with its baseline in the same run, figures printed.
import { prepareMysql } from './lib.mjs';
import { benchSubmissions } from './submissions.mjs';

const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/zczr_bench';

console.log(`政策找人 benchmarks — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
await benchSubmissions('SQLite', undefined);
if (await prepareMysql(MYSQL_URL)) await benchSubmissions('MariaDB', MYSQL_URL);

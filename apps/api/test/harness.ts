import type { NestExpressApplication } from '@nestjs/platform-express';
import { generate } from 'otplib';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '@zczr/domain';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/time.js';
import { AppConfig, loadConfig } from '../src/config/app-config.js';
import { DEMO_TOTP_SECRET } from '../src/seed/demo-seed.service.js';

/**
 * A real app on a real database: a fresh SQLite file per suite, or the MariaDB/MySQL database in
 * DATABASE_URL, emptied first. A local fake WeChat server answers jscode2session.
 */
/** A 订阅消息 the fake WeChat server received (subscribeMessage.send). */
export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  miniprogram_state?: string;
  data: Record<string, { value: string }>;
}

export interface FakeWechat {
  url: string;
  server: Server;
  calls: string[];
  /** Messages accepted by subscribeMessage.send, in order. */
  messages: SentMessage[];
  /** errcode the next sends answer with (e.g. 43101: the user refused); 0 = deliver. */
  sendErrcode: number;
}

export interface TestApp {
  app: NestExpressApplication;
  wechat: FakeWechat;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  tokenFor: (role: Role) => Promise<string>;
  dataSource: DataSource;
  close: () => Promise<void>;
}

export function startFakeWechat(): Promise<FakeWechat> {
  const calls: string[] = [];
  const messages: SentMessage[] = [];
  const fake = { calls, messages, sendErrcode: 0 } as Omit<FakeWechat, 'url' | 'server'>;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    calls.push(url.pathname + url.search);
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/cgi-bin/token') {
      res.end(JSON.stringify({ access_token: 'test-access-token', expires_in: 7200 }));
      return;
    }
    if (url.pathname === '/cityservice/face/identify/getinfo') {
      // 人脸核身 result: a ticket "face-ok:<openid>:<name>:<id>" passed for that person; anything else failed.
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const ticket = (JSON.parse(raw || '{}') as { verify_result?: string }).verify_result ?? '';
        const [tag, openid, name, id] = ticket.split(':');
        const md5 = (v = ''): string => createHash('md5').update(v, 'utf8').digest('hex');
        res.end(
          JSON.stringify(
            tag === 'face-ok' && url.searchParams.get('access_token') === 'test-access-token'
              ? { errcode: 0, identify_ret: 0, openid, name_utf8_md5: md5(name), id_card_number_md5: md5(id) }
              : { errcode: 0, identify_ret: 10001 },
          ),
        );
      });
      return;
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      // subscribeMessage.send: only with the access token; a thing field over 20 characters is refused as WeChat does (47003).
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const msg = JSON.parse(raw || '{}') as SentMessage;
        const tooLong = Object.entries(msg.data ?? {}).some(
          ([k, v]) => (k.startsWith('thing') && [...v.value].length > 20) || (k.startsWith('phrase') && [...v.value].length > 5),
        );
        if (url.searchParams.get('access_token') !== 'test-access-token') res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
        else if (!msg.touser || !msg.template_id || tooLong) res.end(JSON.stringify({ errcode: 47003, errmsg: 'argument invalid' }));
        else if (fake.sendErrcode) res.end(JSON.stringify({ errcode: fake.sendErrcode, errmsg: 'refused' }));
        else {
          messages.push(msg);
          res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
        }
      });
      return;
    }
    if (url.pathname !== '/sns/jscode2session') {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    const code = url.searchParams.get('js_code') ?? '';
    if (
      url.searchParams.get('appid') !== 'wx-test-app' ||
      url.searchParams.get('secret') !== 'wx-test-secret' ||
      url.searchParams.get('grant_type') !== 'authorization_code'
    ) {
      res.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
    } else if (code.startsWith('bad')) {
      res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
    } else {
      res.end(JSON.stringify({ openid: `openid-${code}`, session_key: 'sk' }));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve(Object.assign(fake, { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, server }));
    }),
  );
}

export const isMysql = (): boolean => (process.env.DATABASE_URL ?? '').startsWith('mysql');

async function emptyMysql(url: string): Promise<void> {
  const ds = new DataSource({ type: 'mysql', url });
  await ds.initialize();
  const tables = await ds.query<{ name: string }[]>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
  await ds.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const t of tables) await ds.query(`DROP TABLE \`${t.name}\``);
  await ds.query('SET FOREIGN_KEY_CHECKS = 1');
  await ds.destroy();
}

export async function startTestApp(env: Record<string, string> = {}, logDestination?: NodeJS.WritableStream): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'zczr-test-'));
  const wechat = await startFakeWechat();
  const mysqlUrl = isMysql() ? process.env.DATABASE_URL! : null;
  if (mysqlUrl && env.KEEP_DATABASE !== 'true') await emptyMysql(mysqlUrl);
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_MODE: 'true',
    DATA_DIR: dir,
    DATABASE_URL: mysqlUrl ?? `sqlite:${join(dir, 'test.sqlite')}`,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    DEMO_HOUSEHOLDS: '60',
    WECHAT_APPID: 'wx-test-app',
    WECHAT_SECRET: 'wx-test-secret',
    WECHAT_API_BASE: wechat.url,
    // TEST_LOG_LEVEL=error shows what a 500 was (the suites expect errors too, so silent by default).
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OCR_WORKERS: '0', // suites that read documents ask for a worker
    ...env,
  });
  const app = await createApp(config, { logDestination });
  const server = app.getHttpServer() as Server;
  const tokens = new Map<Role, string>();
  const http = (): ReturnType<typeof request> => request(server);
  return {
    app,
    wechat,
    config,
    http,
    dataSource: app.get(DataSource),
    tokenFor: async (role) => {
      const cached = tokens.get(role);
      if (cached) return cached;
      const res = await http().post('/api/v1/auth/demo-login').send({ role }).expect(200);
      const token = (res.body as { accessToken: string }).accessToken;
      tokens.set(role, token);
      return token;
    },
    close: async () => {
      await app.close();
      await new Promise((r) => wechat.server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function currentTotp(secret = DEMO_TOTP_SECRET): Promise<string> {
  return generate({ secret });
}

export const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/**
 * Keeps the API's day in China (and so its month and year) the same for the next hour: were China's
 * midnight (16:00 UTC) to pass while a suite runs, what it read as "today" or "this month" would be
 * yesterday's for the API. Within an hour of midnight the API's clock runs on from just past it
 * instead; forward only, so what the API stamps keeps its order.
 */
export function keepChinaDay(t: TestApp): void {
  const clock = t.app.get(Clock);
  const before = clock.now.bind(clock);
  const toMidnight = 86_400_000 - ((before().getTime() + 8 * 3600_000) % 86_400_000);
  if (toMidnight < 3600_000) clock.now = () => new Date(before().getTime() + toMidnight + 60_000);
}

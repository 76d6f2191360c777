#!/usr/bin/env node
/**
 * Offline checks of the WeChat build in dist/weapp (run `npm run build:weapp` first):
 *  1. WXML and WXSS compile with WeChat's own compilers (miniprogram-compiler's wcc/wcsc);
 *  2. a Node harness fakes `wx`, `App()`, `Page()` and `Component()` and runs the app's
 *     onLaunch/onShow and the main page's onLoad/onShow/onReady, which must render via setData;
 *  3. the main package is ≤ 1 MB (issue 16; WeChat allows 2 MB); each subpackage's size is reported.
 * Prints `N passed, M failed`; exit code 1 on any failure.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(appDir, process.env.WEAPP_DIR || 'dist/weapp');
const MAIN_LIMIT = 1024 * 1024; // issue 16: the main package stays ≤ 1 MB (WeChat allows 2 MB)
const results = [];

async function check(name, fn) {
  const t0 = Date.now();
  try {
    const note = await fn();
    results.push(true);
    console.log(`✓ ${name}（${Date.now() - t0} ms）${note ? `\n    ${note.replace(/\n/g, '\n    ')}` : ''}`);
  } catch (err) {
    results.push(false);
    console.log(
      `✗ ${name}\n    ${String(err?.stack || err)
        .split('\n')
        .slice(0, 8)
        .join('\n    ')}`,
    );
  }
}

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

if (!existsSync(join(root, 'app.json'))) {
  console.error(`缺少 ${relative(process.cwd(), root)}/app.json：请先运行 npm run build:weapp`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const appJson = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
const { wxmlToJs, wxssToJs } = require('miniprogram-compiler');

const injectedCss = [];
function fakeDocument() {
  const el = () => ({
    style: {},
    childNodes: [],
    setAttribute() {},
    appendChild(c) {
      if (c && typeof c.text === 'string') injectedCss.push(c.text);
    },
    insertBefore() {},
    removeChild() {},
  });
  const head = el();
  return { createElement: el, createTextNode: (text) => ({ text }), head, getElementsByTagName: () => [head], querySelector: () => null };
}

/** Runs the compilers' output as the WeChat view layer would: with a window, navigator, document. */
function runCompiled(code) {
  const g = {
    screen: { width: 375, height: 667 },
    innerWidth: 375,
    devicePixelRatio: 2,
    navigator: { userAgent: 'harness' },
    document: fakeDocument(),
    console,
    __wxAppCode__: {},
    __wxAppCurrentFile__: '',
    __mainPageFrameReady__: () => undefined,
  };
  g.window = g;
  g.global = g;
  const ctx = vm.createContext(g);
  return vm.runInContext(`(function (global) {${code}\n})`, ctx)(g);
}

await check('WXML 用微信编译器（wcc）编译通过', () => {
  const code = wxmlToJs(root);
  const $gwx = runCompiled(code);
  const pages = [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  for (const p of pages) {
    if (typeof $gwx(`${p}.wxml`) !== 'function' && typeof $gwx(`./${p}.wxml`) !== 'function') throw new Error(`${p}.wxml 未生成渲染函数`);
  }
  return `${files(root).filter((f) => f.endsWith('.wxml')).length} 个 WXML 文件，${pages.length} 个页面`;
});

await check('WXSS 用微信编译器（wcsc）编译通过', () => {
  const code = wxssToJs(root);
  const get = runCompiled(code);
  const wxss = files(root)
    .filter((f) => f.endsWith('.wxss'))
    .map((f) => relative(root, f));
  for (const f of wxss) if (typeof get(`./${f}`) !== 'function' && typeof get(f) !== 'function') throw new Error(`${f} 未生成样式函数`);
  for (const f of wxss) {
    const fn = get(`./${f}`) ?? get(f);
    fn?.('');
  }
  return `${wxss.length} 个 WXSS 文件，注入样式 ${injectedCss.reduce((n, c) => n + c.length, 0)} 字符`;
});

await check('主包不超过 1 MB，并列出各分包大小', () => {
  const subRoots = (appJson.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map([['主包', 0], ...subRoots.map((r) => [r, 0])]);
  for (const f of files(root)) {
    if (f.endsWith('.LICENSE.txt') || f.endsWith('.map')) continue; // not uploaded by DevTools
    const rel = relative(root, f);
    const sub = subRoots.find((r) => rel.startsWith(`${r}/`));
    sizes.set(sub ?? '主包', sizes.get(sub ?? '主包') + statSync(f).size);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const lines = [...sizes].map(([k, v]) => `${k}：${kb(v)}`);
  if (sizes.get('主包') > MAIN_LIMIT) throw new Error(`主包 ${kb(sizes.get('主包'))} 超过 1 MB\n${lines.join('\n')}`);
  return lines.join('\n');
});

await check('Node 模拟运行：App 与首页生命周期', async () => {
  const storage = new Map();
  const calls = [];
  const noop = () => undefined;
  const ok = (opts, res = {}) => {
    const r = { errMsg: 'ok', ...res };
    opts?.success?.(r);
    opts?.complete?.(r);
    return Promise.resolve(r);
  };
  const wx = new Proxy(
    {
      getSystemInfoSync: () => ({
        platform: 'devtools',
        pixelRatio: 2,
        windowWidth: 375,
        windowHeight: 667,
        screenWidth: 375,
        screenHeight: 667,
        SDKVersion: '3.4.0',
        language: 'zh_CN',
        version: '8.0.50',
      }),
      getSystemInfo: (o) => ok(o, wx.getSystemInfoSync()),
      getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667 }),
      getAppBaseInfo: () => ({ SDKVersion: '3.4.0', language: 'zh_CN', version: '8.0.50' }),
      getDeviceInfo: () => ({ platform: 'devtools' }),
      getStorageSync: (k) => storage.get(k) ?? '',
      setStorageSync: (k, v) => void storage.set(k, v),
      removeStorageSync: (k) => void storage.delete(k),
      setStorage: (o) => (storage.set(o.key, o.data), ok(o)),
      request: (o) => {
        calls.push(o.url);
        return ok(o, { statusCode: 200, data: [], header: {} });
      },
      login: (o) => ok(o, { code: 'harness-code' }),
      nextTick: (fn) => setTimeout(fn, 0),
      createSelectorQuery: () => ({
        select: () => ({ fields: () => ({ exec: (cb) => cb([null]) }), boundingClientRect: () => ({ exec: (cb) => cb([null]) }) }),
        in() {
          return this;
        },
        exec: (cb) => cb?.([]),
      }),
      onNetworkStatusChange: noop,
      offNetworkStatusChange: noop,
    },
    // Any other wx API answers success; data the bundle keeps on `wx` (webpackJsonp) stays data.
    { get: (t, k) => (k in t ? t[k] : typeof k === 'string' && /^[a-z]/.test(k) && !/webpack/i.test(k) ? (o) => ok(o) : undefined) },
  );
  let appOptions = null;
  const pages = new Map();
  let currentFile = '';
  const sandbox = {
    wx,
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    Promise,
    App: (o) => (appOptions = o),
    Page: (o) => pages.set(currentFile, o),
    Component: (o) => pages.set(currentFile, o),
    Behavior: (o) => o,
    getApp: () => appOptions,
    getCurrentPages: () => [],
    requirePlugin: noop,
  };
  sandbox.global = sandbox;
  sandbox.globalThis = sandbox;
  const ctx = vm.createContext(sandbox);
  const cache = new Map();
  const load = (file) => {
    const full = file.endsWith('.js') ? file : `${file}.js`;
    if (cache.has(full)) return cache.get(full).exports;
    const module = { exports: {} };
    cache.set(full, module);
    const localRequire = (p) => load(resolve(dirname(full), p));
    const fn = vm.runInContext(`(function (require, module, exports) {${readFileSync(full, 'utf8')}\n})`, ctx, { filename: full });
    const prev = currentFile;
    currentFile = full;
    fn(localRequire, module, module.exports);
    currentFile = prev;
    return module.exports;
  };
  load(join(root, 'app.js'));
  if (!appOptions) throw new Error('app.js 没有调用 App()');
  appOptions.onLaunch?.call(appOptions, { path: 'pages/index/index', query: {}, scene: 1001 });
  appOptions.onShow?.call(appOptions, { path: 'pages/index/index', query: {}, scene: 1001 });

  const pageFile = join(root, 'pages/index/index.js');
  load(pageFile);
  const page = pages.get(pageFile);
  if (!page) throw new Error('pages/index/index.js 没有调用 Page() 或 Component()');
  const methods = page.methods ?? page;
  const updates = [];
  const inst = {
    route: 'pages/index/index',
    __wxExparserNodeId__: 'harness',
    data: {},
    setData(data, cb) {
      updates.push(data);
      Object.assign(this.data, data);
      cb?.();
    },
    selectComponent: noop,
    createSelectorQuery: () => wx.createSelectorQuery(),
  };
  for (const [k, v] of Object.entries(methods)) if (typeof v === 'function' && !(k in inst)) inst[k] = v;
  methods.onLoad?.call(inst, {});
  methods.onShow?.call(inst);
  methods.onReady?.call(inst);
  await new Promise((r) => setTimeout(r, 300));
  if (updates.length === 0) throw new Error('首页 onLoad 后没有 setData：页面没有渲染');
  const text = JSON.stringify(updates);
  for (const want of ['政策找人', '自己测一测', '政策法规']) if (!text.includes(want)) throw new Error(`首页渲染数据中没有“${want}”`);
  methods.onHide?.call(inst);
  methods.onUnload?.call(inst);
  return `App onLaunch/onShow，首页 onLoad/onShow/onReady/onHide/onUnload；setData ${updates.length} 次；请求 ${calls.length} 次`;
});

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);

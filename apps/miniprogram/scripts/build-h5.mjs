#!/usr/bin/env node
// Placeholder H5 build for the resident mini-program (the Taro app comes in a later issue).
// Writes dist/h5/index.html, which the API serves at /h5/. No dependencies.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(appDir, 'dist', 'h5');

const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1677ff"/>' +
  '<text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff" font-family="sans-serif">政</text></svg>\n';

const html = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="format-detection" content="telephone=no">
  <meta name="theme-color" content="#1677ff">
  <link rel="icon" type="image/svg+xml" href="favicon.svg">
  <title>政策找人</title>
  <style>
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0;
      min-height: 100vh;
      display: flex;
      align-items: center;
      justify-content: center;
      padding: 24px max(20px, env(safe-area-inset-right)) 24px max(20px, env(safe-area-inset-left));
      background: #f5f7fa;
      color: #1f1f1f;
      font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB",
        "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif;
      font-size: 20px;
      line-height: 1.7;
    }
    main {
      width: 100%;
      max-width: 480px;
      padding: 32px 24px;
      background: #fff;
      border-radius: 16px;
      box-shadow: 0 2px 12px rgba(0, 0, 0, 0.06);
      text-align: center;
    }
    h1 { margin: 0 0 16px; font-size: 32px; line-height: 1.3; color: #1677ff; }
    p { margin: 0 0 12px; }
    .hint { font-size: 18px; color: #595959; }
  </style>
</head>
<body>
  <main>
    <h1 id="title">政策找人</h1>
    <p>居民端小程序即将上线，敬请期待。</p>
    <p class="hint">如需办理救助业务，请联系所在社区（村）或拨打当地民政服务热线。</p>
  </main>
</body>
</html>
`;

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
const file = join(outDir, 'index.html');
await writeFile(file, html, 'utf8');
await writeFile(join(outDir, 'favicon.svg'), favicon, 'utf8');
console.log(`H5 占位页已生成：${relative(process.cwd(), file)}`);

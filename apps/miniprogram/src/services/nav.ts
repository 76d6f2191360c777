/** Moving between pages: the tab pages (首页 / 政策 / 我的) are switched to, every other page is pushed. */
import Taro from '@tarojs/taro';

export const TAB_PAGES = ['pages/index/index', 'pages/policies/index', 'pages/settings/index'] as const;

function isTab(url: string): boolean {
  const path = url.replace(/^\//, '').split('?')[0]!;
  return (TAB_PAGES as readonly string[]).includes(path);
}

export function go(url: string): void {
  if (isTab(url)) void Taro.switchTab({ url: url.split('?')[0]! });
  else void Taro.navigateTo({ url });
}

/** Replaces the current page (a tab page is switched to: WeChat cannot redirect to one). */
export function replace(url: string): void {
  if (isTab(url)) void Taro.switchTab({ url: url.split('?')[0]! });
  else void Taro.redirectTo({ url });
}

export function goHome(): void {
  void Taro.switchTab({ url: '/pages/index/index' });
}

/** The route of the page on top ("pages/bind/index"), or '' when unknown. */
export function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1] as { route?: string; path?: string } | undefined;
  return (top?.route ?? top?.path ?? '').replace(/^\//, '').split('?')[0]!;
}

export function stackDepth(): number {
  return Taro.getCurrentPages().length;
}

/** Also for H5 routes, which may carry the base path ("/h5/pages/index/index"). */
export function isTabRoute(route: string): boolean {
  const r = route.split('?')[0]!;
  return TAB_PAGES.some((p) => r === p || r.endsWith(`/${p}`));
}

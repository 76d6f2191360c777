/** Signing in: WeChat on the phone, a clearly labelled demo sign-in on H5. */
import Taro from '@tarojs/taro';
import { api } from './api';
import { cacheMe, clearSession, setToken } from './session';
import type { Me } from './types';

export const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * The code to exchange for a session. In WeChat: wx.login. On H5 there is no wx.login; a `code`
 * query parameter (as a WeChat web-authorisation redirect supplies) is used when present.
 */
async function wechatCode(): Promise<string | null> {
  if (IS_WEAPP) {
    const { code } = await Taro.login();
    return code;
  }
  const search = typeof window !== 'undefined' ? window.location.search : '';
  const m = /[?&]code=([A-Za-z0-9_-]{4,64})/.exec(search);
  return m ? m[1] : null;
}

export function h5HasWechatCode(): boolean {
  return !IS_WEAPP && typeof window !== 'undefined' && /[?&]code=/.test(window.location.search);
}

export async function signInWithWechat(): Promise<Me> {
  const code = await wechatCode();
  if (!code) throw new Error('请在微信中打开本小程序进行登录');
  const tokens = await api.wechatLogin(code);
  setToken(tokens.accessToken);
  return refreshMe();
}

/**
 * The demo's second resident (not yet bound) and the made-up identity offered to them on the bind
 * page: a valid ID number that is in no household of the demo archive.
 */
export const DEMO_FIRST_VISIT_IDENTITY = { username: 'demo-resident-new', name: '林秀英', idNumber: '510115195803120245' } as const;

export async function signInDemo(role: 'resident' | 'grid_worker', firstVisit = false): Promise<Me> {
  const tokens = await api.demoLogin(role, firstVisit);
  setToken(tokens.accessToken);
  return refreshMe();
}

export async function refreshMe(): Promise<Me> {
  const me = await api.me();
  cacheMe(me);
  return me;
}

export function signOut(): void {
  clearSession();
}

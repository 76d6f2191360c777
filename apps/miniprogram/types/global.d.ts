/// <reference types="@tarojs/taro" />
declare module '*.png';
declare module '*.svg';
declare module '*.scss';
declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_API_BASE?: string;
  }
}
declare const process: { env: NodeJS.ProcessEnv };

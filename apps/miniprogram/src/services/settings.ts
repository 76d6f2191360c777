/** Display settings kept on the phone: large-font mode for elderly users. */
import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { readStored, writeStored } from './storage';

const LARGE_FONT_KEY = 'zczr.largeFont';

export function isLargeFont(): boolean {
  return readStored<boolean>(LARGE_FONT_KEY) === true;
}

export function setLargeFont(on: boolean): void {
  writeStored(LARGE_FONT_KEY, on);
}

/** Large-font state of the current page, re-read whenever the page shows again. */
export function useLargeFont(): [boolean, (on: boolean) => void] {
  const [large, setLarge] = useState(isLargeFont());
  useDidShow(() => setLarge(isLargeFont()));
  return [
    large,
    (on: boolean) => {
      setLargeFont(on);
      setLarge(on);
    },
  ];
}

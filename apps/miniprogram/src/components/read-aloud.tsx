/**
 * 朗读 (关怀模式): reads the results on screen aloud in Mandarin where the platform can without
 * anything added. H5: the browser's speech synthesis (window.speechSynthesis, zh-CN). WeChat has
 * no built-in text-to-speech (it needs the 同声传译 plugin), so there the button is not shown.
 * The button shows only in 关怀模式 (app.scss: `.screen.care .read-aloud`).
 */
import { useEffect, useState } from 'react';
import { useDidHide } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

type Speech = { speak: (u: unknown) => void; cancel: () => void; getVoices?: () => Array<{ lang: string }> };

function speech(): { synth: Speech; Utterance: new (text: string) => Record<string, unknown> } | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  const w = window as unknown as { speechSynthesis?: Speech; SpeechSynthesisUtterance?: new (text: string) => Record<string, unknown> };
  return w.speechSynthesis && w.SpeechSynthesisUtterance ? { synth: w.speechSynthesis, Utterance: w.SpeechSynthesisUtterance } : null;
}

/** The words shown inside the element with this id, as one text to speak (spaces and line breaks tidied). */
function shownText(targetId: string): string {
  if (typeof document === 'undefined') return '';
  const el = document.getElementById(targetId) as { innerText?: string } | null;
  return (el?.innerText ?? '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '。')
    .replace(/。{2,}/g, '。')
    .trim();
}

export function canReadAloud(): boolean {
  return speech() !== null;
}

export function ReadAloud(props: { targetId: string; intro?: string }) {
  const [speaking, setSpeaking] = useState(false);
  const s = speech();
  const stop = () => {
    s?.synth.cancel();
    setSpeaking(false);
  };
  useDidHide(stop);
  useEffect(() => () => speech()?.synth.cancel(), []);
  if (!s) return null;
  const start = () => {
    const words = [props.intro, shownText(props.targetId)].filter(Boolean).join('。');
    if (!words) return;
    s.synth.cancel();
    const u = new s.Utterance(words);
    u.lang = 'zh-CN';
    u.rate = 0.9;
    const voice = s.synth.getVoices?.().find((v) => v.lang.replace('_', '-').startsWith('zh-CN'));
    if (voice) u.voice = voice;
    u.onend = () => setSpeaking(false);
    u.onerror = () => setSpeaking(false);
    s.synth.speak(u);
    setSpeaking(true);
  };
  return (
    <View className={`read-aloud${speaking ? ' read-aloud-on' : ''}`} onClick={speaking ? stop : start}>
      <Text>{speaking ? '■ 停止朗读' : '🔊 朗读'}</Text>
    </View>
  );
}

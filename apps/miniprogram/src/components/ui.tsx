/** Small building blocks shared by every screen: big touch targets, plain words, clear states. */
import { type ReactNode } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useLargeFont } from '../services/settings';
import { currentRoute, goHome, isTabRoute, stackDepth } from '../services/nav';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * A page: its title, the 关怀模式 switch (≥ 1.5× text, high contrast, big targets) and, on H5 where
 * there is no WeChat navigation bar, 返回 and 首页 on every page that is not a tab.
 */
export function Screen(props: { title?: string; children: ReactNode; className?: string }) {
  const [care, setCare] = useLargeFont();
  const route = IS_H5 ? currentRoute() : '';
  const showNav = IS_H5 && route !== '' && !isTabRoute(route);
  return (
    <View className={`screen${care ? ' big care' : ''} ${props.className ?? ''}`}>
      {showNav ? (
        <View className='h5-nav'>
          {stackDepth() > 1 ? (
            <Text className='h5-nav-btn' onClick={() => void Taro.navigateBack()}>
              ‹ 返回
            </Text>
          ) : (
            <View />
          )}
          <Text className='h5-nav-btn' onClick={goHome}>
            首页
          </Text>
        </View>
      ) : null}
      <View className='screen-top'>
        {props.title ? <Text className='screen-title'>{props.title}</Text> : <View />}
        <View className='font-toggle' onClick={() => setCare(!care)}>
          <Text>{care ? '标准模式' : '关怀模式'}</Text>
        </View>
      </View>
      {props.children}
    </View>
  );
}

export function Card(props: { children: ReactNode; className?: string; onClick?: () => void }) {
  return (
    <View className={`card ${props.className ?? ''}`} onClick={props.onClick}>
      {props.children}
    </View>
  );
}

export function Loading(props: { text?: string }) {
  return (
    <View className='state state-loading'>
      <View className='spinner' />
      <Text>{props.text ?? '正在加载，请稍候…'}</Text>
    </View>
  );
}

export function Empty(props: { text: string; children?: ReactNode }) {
  return (
    <View className='state state-empty'>
      <Text className='state-icon'>○</Text>
      <Text>{props.text}</Text>
      {props.children}
    </View>
  );
}

export function ErrorBox(props: { message: string; onRetry?: () => void }) {
  return (
    <View className='state state-error' role='alert'>
      <Text className='state-icon'>!</Text>
      <Text className='error-text'>{props.message}</Text>
      {props.onRetry ? (
        <Button className='btn btn-ghost' onClick={props.onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

export function Notice(props: { kind?: 'info' | 'warn' | 'ok' | 'error'; children: ReactNode }) {
  return <View className={`notice notice-${props.kind ?? 'info'}`}>{props.children}</View>;
}

/** What still stands in the way of a form, as a warning list; nothing when there is nothing. */
export function Problems(props: { items: readonly string[]; title?: string }) {
  if (props.items.length === 0) return null;
  return (
    <Notice kind='warn'>
      {props.title ? <Text className='notice-title'>{props.title}</Text> : null}
      {props.items.map((p) => (
        <Text key={p} className='bullet'>
          · {p}
        </Text>
      ))}
    </Notice>
  );
}

export function Btn(props: { children: ReactNode; onClick: () => void; kind?: 'primary' | 'ghost' | 'danger'; disabled?: boolean; loading?: boolean }) {
  const kind = props.kind ?? 'primary';
  return (
    // No `loading` prop: on H5 the button's own spinner is inserted by the web component and
    // collides with React's children; a plain "请稍候…" says the same.
    <Button
      className={`btn btn-${kind}`}
      disabled={props.disabled || props.loading}
      onClick={() => {
        if (!props.disabled && !props.loading) props.onClick();
      }}
    >
      {props.loading ? '请稍候…' : props.children}
    </Button>
  );
}

export function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  error?: string | null;
  hint?: string;
  maxlength?: number;
  multiline?: boolean;
  flagged?: boolean;
}) {
  return (
    <View className={`field${props.error ? ' field-invalid' : ''}${props.flagged ? ' field-flagged' : ''}`}>
      <Text className='field-label'>{props.label}</Text>
      {props.multiline ? (
        <Textarea
          className='field-input field-textarea'
          value={props.value}
          placeholder={props.placeholder ?? props.label}
          maxlength={props.maxlength ?? 500}
          onInput={(e) => props.onChange(e.detail.value)}
        />
      ) : (
        <Input
          className='field-input'
          value={props.value}
          type={props.type ?? 'text'}
          placeholder={props.placeholder ?? props.label}
          maxlength={props.maxlength ?? 140}
          onInput={(e) => props.onChange(e.detail.value)}
        />
      )}
      {props.error ? <Text className='field-error'>{props.error}</Text> : props.hint ? <Text className='field-hint'>{props.hint}</Text> : null}
    </View>
  );
}

export function Choice<T extends string | number>(props: {
  label?: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | null | undefined;
  onChange: (v: T) => void;
}) {
  return (
    <View className='field'>
      {props.label ? <Text className='field-label'>{props.label}</Text> : null}
      <View className='chips'>
        {props.options.map((o) => (
          <View key={String(o.value)} className={`chip${props.value === o.value ? ' chip-on' : ''}`} onClick={() => props.onChange(o.value)}>
            <Text>{o.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export function Tick(props: { checked: boolean; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <View className={`tick${props.checked ? ' tick-on' : ''}`} onClick={() => props.onChange(!props.checked)}>
      <Text className='tick-box'>{props.checked ? '✓' : ''}</Text>
      <View className='tick-text'>{props.children}</View>
    </View>
  );
}

/** Where the wizard is: every step fits the width (numbers, short names), and the current one in words. */
export function Steps(props: { steps: readonly string[]; current: number }) {
  return (
    <View className='steps-wrap'>
      <View className='steps'>
        {props.steps.map((s, i) => (
          <View key={s} className={`step${i === props.current ? ' step-on' : ''}${i < props.current ? ' step-done' : ''}`}>
            <Text className='step-no'>{i + 1}</Text>
            <Text className='step-name'>{s}</Text>
          </View>
        ))}
      </View>
      <Text className='steps-now'>
        第 {props.current + 1} 步（共 {props.steps.length} 步）：{props.steps[props.current]}
      </Text>
    </View>
  );
}

export function Row(props: { label: string; value: ReactNode }) {
  return (
    <View className='row'>
      <Text className='row-label'>{props.label}</Text>
      <View className='row-value'>{props.value}</View>
    </View>
  );
}

export const yuan = (n: number): string => `${Math.round(n).toLocaleString('zh-CN')} 元`;

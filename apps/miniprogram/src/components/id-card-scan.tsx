/** Photograph (or pick) an ID card, read it with the API's OCR, and hand back the fields to confirm. */
import { useState } from 'react';
import { ID_CARD_PRINTED_LABELS } from '@zczr/contract';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../services/api';
import { captureIdCard, type CardCapture } from '../services/card-capture';
import { ApiError, errorMessage } from '../services/request';
import type { IdCardFieldName, IdCardOcrResult } from '../services/types';
import type { LocalPhoto } from '../services/request';
import { Btn, Notice } from './ui';

export type ScannedFields = Partial<Record<IdCardFieldName, string>>;

export const ID_FIELD_LABELS: Readonly<Record<IdCardFieldName, string>> = ID_CARD_PRINTED_LABELS;

/** Picks a photo; null when the user cancelled. */
export async function choosePhoto(): Promise<LocalPhoto | null> {
  try {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
    const path = res.tempFilePaths[0];
    if (!path) return null;
    // H5: the File itself, so the upload does not have to re-read a blob: URL.
    const file = (res.tempFiles[0] as { originalFileObj?: Blob } | undefined)?.originalFileObj;
    return { path, ...(file ? { file } : {}) };
  } catch {
    return null;
  }
}

export async function scanIdCard(filePath: LocalPhoto, opts: { forIdentityBinding?: boolean; consentId?: string | null }): Promise<IdCardOcrResult> {
  try {
    return await api.ocrIdCard(filePath, { forIdentityBinding: opts.forIdentityBinding, consentId: opts.consentId ?? undefined });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.code === 'HTTP_404') throw new Error('身份证识别服务暂未开通，请手动填写', { cause: e });
    throw e;
  }
}

/**
 * Reads a capture from the scan page: the card cut to the frame first; the full photo when there
 * is no crop, or when nothing could be read from the crop (the card was not quite in the frame).
 */
export async function scanCaptured(c: CardCapture, opts: { forIdentityBinding?: boolean; consentId?: string | null }): Promise<IdCardOcrResult> {
  if (!c.card) return scanIdCard(c.full, opts);
  try {
    const r = await scanIdCard(c.card, opts);
    if (r.fields.idNumber?.value) return r;
  } catch (e) {
    if (!(e instanceof ApiError && (e.code === 'OCR_UNREADABLE' || e.code === 'IMAGE_CORRUPT'))) throw e;
  }
  return scanIdCard(c.full, opts);
}

export function fieldsOf(r: IdCardOcrResult): ScannedFields {
  const out: ScannedFields = {};
  for (const k of Object.keys(ID_FIELD_LABELS) as IdCardFieldName[]) {
    const f = r.fields[k];
    if (f?.value) out[k] = f.value;
  }
  return out;
}

/** Compact scanner for a household member: fills name and ID number, says which to check. */
export function IdCardScan(props: { consentId?: string | null; onResult: (f: ScannedFields) => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const run = async () => {
    const capture = await captureIdCard();
    if (!capture) return;
    setBusy(true);
    setMessage(null);
    try {
      const r = await scanCaptured(capture, { consentId: props.consentId });
      props.onResult(fieldsOf(r));
      const check = r.toConfirm.map((k) => ID_FIELD_LABELS[k as IdCardFieldName] ?? k);
      setMessage(check.length ? { kind: 'warn', text: `已识别。请核对：${check.join('、')}` } : { kind: 'ok', text: '已识别，请核对姓名和号码' });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='scan'>
      <Btn kind='ghost' loading={busy} onClick={() => void run()}>
        拍身份证自动填写
      </Btn>
      {message ? (
        <Notice kind={message.kind}>
          <Text>{message.text}</Text>
        </Notice>
      ) : null}
    </View>
  );
}

import { useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { errorMessage } from '../../services/request';
import { readStored, removeStored, saveStored } from '../../services/storage';
import type { Household } from '../../services/types';
import { RELATION_LABELS } from '@zczr/domain';
import { VISIT_OUTCOMES, VISIT_OUTCOME_LABELS, type VisitOutcome } from '@zczr/contract';
import { Btn, Card, Choice, Field, Notice, Problems, Row, Screen, Tick } from '../../components/ui';
import { shortAddress } from '../lib/words';
import { enqueueVisit, syncOutbox } from '../lib/queue';
import { MAX_VISIT_PHOTOS, photoSrc, photosFromFiles, pickPhotos, type VisitPhoto } from '../lib/visit-photos';

/** How the visit went: met the family, or why not (the API's own list and words). */
const OUTCOMES = VISIT_OUTCOMES.map((value) => ({ value, label: VISIT_OUTCOME_LABELS[value] }));

interface VisitDraft {
  outcome?: VisitOutcome;
  notes: string;
  gps: { lat: number; lng: number; accuracy?: number } | null;
  income: string;
  jobLost: boolean;
  visitedAt: string;
  /** Absent in drafts saved before photos existed. */
  photos?: VisitPhoto[];
}

export default function Visit() {
  const router = useRouter();
  const taskId = router.params.id ?? '';
  const key = `zczr.worker.visit.${taskId}`;
  const [d, setD] = useState<VisitDraft>(
    () => readStored<VisitDraft>(key) ?? { notes: '', gps: null, income: '', jobLost: false, visitedAt: new Date().toISOString() },
  );
  const [household, setHousehold] = useState<Household | null>(null);
  const [gpsError, setGpsError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [photoError, setPhotoError] = useState<string | null>(null);

  useLoad(() => {
    if (router.params.householdId)
      api
        .household(router.params.householdId)
        .then(setHousehold)
        .catch(() => undefined);
  });
  const change = (next: VisitDraft) => {
    setD(next);
    void saveStored(key, next);
  };
  const locate = async () => {
    setLocating(true);
    setGpsError(null);
    try {
      const r = await Taro.getLocation({ type: 'wgs84' });
      change({ ...d, gps: { lat: r.latitude, lng: r.longitude, ...(r.accuracy ? { accuracy: Math.round(r.accuracy) } : {}) } });
    } catch (e) {
      setGpsError(`无法获取位置：${errorMessage(e)}。请打开手机定位后重试。`);
    } finally {
      setLocating(false);
    }
  };

  const photos = d.photos ?? [];
  const room = MAX_VISIT_PHOTOS - photos.length;
  const addPhotos = (more: VisitPhoto[]) => change({ ...d, photos: [...photos, ...more].slice(0, MAX_VISIT_PHOTOS) });
  const takePhoto = async () => {
    setPhotoError(null);
    try {
      addPhotos(await pickPhotos(room));
    } catch (e) {
      if (!/cancel/i.test(errorMessage(e))) setPhotoError(`没能拍照或选照片：${errorMessage(e)}`);
    }
  };
  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setPhotoError(null);
    try {
      addPhotos(await photosFromFiles(files, room));
    } catch {
      setPhotoError('这张照片读不出来，请换一张或重新拍');
    }
  };

  const outcome: VisitOutcome = d.outcome ?? 'met';
  const met = outcome === 'met';
  const outcomeLabel = VISIT_OUTCOME_LABELS[outcome];
  // The family and the reason, even offline: from the task list the worker tapped.
  const name = household?.headName ?? (router.params.name ? decodeURIComponent(router.params.name) : '');
  const address = household?.address ?? (router.params.address ? decodeURIComponent(router.params.address) : '');
  const reason = router.params.reason ? decodeURIComponent(router.params.reason) : '';
  const problems = [!d.gps ? '请先获取现场位置' : null, met && d.notes.trim().length < 5 ? '请填写核实情况（至少 5 个字）' : null].filter(Boolean) as string[];
  const save = async () => {
    if (problems.length || !d.gps) return;
    setBusy(true);
    const income = d.income.trim() === '' ? NaN : Number(d.income);
    const title = name ? `${name}家` : `任务 ${taskId.slice(0, 8)}`;
    try {
      enqueueVisit(
        title,
        taskId,
        ['open', 'assigned'].includes(router.params.status ?? ''),
        {
          visitedAt: d.visitedAt,
          outcome,
          gps: d.gps,
          notes: d.notes.trim() || (met ? '' : `入户${outcomeLabel}`),
          ...(!met || (Number.isNaN(income) && !d.jobLost)
            ? {}
            : {
                factUpdates: {
                  ...(Number.isNaN(income) ? {} : { incomes: [{ type: 'wage' as const, monthlyAmount: income }] }),
                  ...(d.jobLost ? { hardships: [{ type: 'job_loss' as const, occurredOn: d.visitedAt.slice(0, 10) }] } : {}),
                },
              }),
        },
        photos,
      );
    } catch {
      // The phone's storage is full (photos are the big part): nothing was queued, the draft stays.
      setBusy(false);
      setPhotoError('手机存储空间不足，没能保存。请删除几张照片后再保存。');
      return;
    }
    removeStored(key);
    const r = await syncOutbox();
    setBusy(false);
    await Taro.showToast({ title: r.offline ? '已保存，待联网上传' : '已上传', icon: r.offline ? 'none' : 'success' });
    void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages-worker/home/index' }));
  };

  return (
    <Screen title='入户核实'>
      {name || address ? (
        <Card>
          <Text className='card-title'>{name ? `${name}家` : '核实对象'}</Text>
          {address ? <Text className='para'>{shortAddress(address)}</Text> : null}
          {reason ? <Text className='para visit-reason'>为什么要去：{reason}</Text> : null}
          {household ? (
            <View>
              {household.members.map((m) => (
                <Text key={m.id} className='bullet'>
                  · {m.name}（{RELATION_LABELS[m.relation]}，{m.age} 岁）{m.phone ? ` 电话 ${m.phone}` : ''}
                </Text>
              ))}
            </View>
          ) : (
            <Text className='para'>网络不通：家庭成员要联网后才能看到。</Text>
          )}
        </Card>
      ) : null}
      <Choice label='入户结果' options={OUTCOMES} value={outcome} onChange={(v) => change({ ...d, outcome: v })} />
      <Card>
        <Row label='入户时间' value={<Text>{d.visitedAt.slice(0, 16).replace('T', ' ')}</Text>} />
        <Row label='现场位置' value={<Text>{d.gps ? `已记录${d.gps.accuracy ? `（精度约 ${d.gps.accuracy} 米）` : ''}` : '未获取'}</Text>} />
        <Btn kind='ghost' loading={locating} onClick={() => void locate()}>
          获取现场位置
        </Btn>
        {gpsError ? <Notice kind='error'>{gpsError}</Notice> : null}
      </Card>
      <Card className='visit-photos'>
        <Text className='card-title'>
          现场照片（可不拍，最多 {MAX_VISIT_PHOTOS} 张，已拍 {photos.length} 张）
        </Text>
        <View className='photo-grid'>
          {photos.map((p) => (
            <View key={p.key} className='photo-thumb'>
              <Image className='photo-img' src={photoSrc(p)} mode='aspectFill' />
              <Text className='link' onClick={() => change({ ...d, photos: photos.filter((x) => x.key !== p.key) })}>
                删除
              </Text>
            </View>
          ))}
        </View>
        {room > 0 ? (
          process.env.TARO_ENV === 'h5' ? (
            <label className='btn btn-ghost photo-pick'>
              拍照或选照片
              <input
                type='file'
                accept='image/*'
                capture='environment'
                multiple
                style={{ display: 'none' }}
                onChange={(e) => {
                  const input = e.currentTarget;
                  void onFiles(input.files).finally(() => {
                    input.value = '';
                  });
                }}
              />
            </label>
          ) : (
            <Btn kind='ghost' onClick={() => void takePhoto()}>
              拍照或选照片
            </Btn>
          )
        ) : (
          <Text className='para'>照片已够 {MAX_VISIT_PHOTOS} 张，如需换一张请先删除。</Text>
        )}
        <Text className='para'>照片随核实记录一起保存在手机上，有网络后上传，加密存档；不会带上拍摄地点。</Text>
        {photoError ? <Notice kind='error'>{photoError}</Notice> : null}
      </Card>
      <Field
        label={met ? '核实情况' : '说明（可不填）'}
        multiline
        value={d.notes}
        onChange={(v) => change({ ...d, notes: v })}
        placeholder={met ? '看到的情况、家人说的情况' : '例如：敲门无人应答，邻居说白天上班'}
      />
      {met ? (
        <View>
          <Text className='section-title'>家庭情况变化（可不填）</Text>
          <Field label='现在全家每月收入（元）' type='digit' value={d.income} onChange={(v) => change({ ...d, income: v })} />
          <Tick checked={d.jobLost} onChange={(v) => change({ ...d, jobLost: v })}>
            <Text>家里有人新近失业</Text>
          </Tick>
        </View>
      ) : null}
      <Problems items={problems} />
      <Btn loading={busy} disabled={problems.length > 0} onClick={() => void save()}>
        保存并上传
      </Btn>
      <View className='spacer' />
    </Screen>
  );
}

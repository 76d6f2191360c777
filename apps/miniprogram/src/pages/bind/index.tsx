import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { validateIdNumber } from '@zczr/id-card';
import { faceVerify } from '../../services/face-verify';
import { api } from '../../services/api';
import { cacheMe } from '../../services/session';
import { ApiError, errorMessage } from '../../services/request';
import { cachedMe } from '../../services/session';
import { replace } from '../../services/nav';
import { DEMO_FIRST_VISIT_IDENTITY } from '../../services/auth';
import { emptyDraft, loadResidentDraft, newMember, saveResidentDraft } from '../../services/household-draft';
import type { IdCardFieldName, IdCardOcrResult } from '../../services/types';
import { ID_FIELD_LABELS, scanCaptured } from '../../components/id-card-scan';
import { captureIdCard } from '../../services/card-capture';
import { Btn, Card, ErrorBox, Field, Loading, Notice, Screen, Tick } from '../../components/ui';

const FIELDS: IdCardFieldName[] = ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'];

export default function Bind() {
  const [photo, setPhoto] = useState<string | null>(null);
  const [ocr, setOcr] = useState<IdCardOcrResult | null>(null);
  const [ocrBusy, setOcrBusy] = useState(false);
  const [ocrError, setOcrError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<IdCardFieldName, string>>({ name: '', sex: '', ethnicity: '', birthDate: '', address: '', idNumber: '' });
  const [confirmed, setConfirmed] = useState<Partial<Record<IdCardFieldName, boolean>>>({});
  const [agree, setAgree] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The archive holds this ID number under another name: what was refused, to show by the name field. */
  const [refused, setRefused] = useState<{ name: string; idNumber: string } | null>(null);
  const demoFirstVisit = cachedMe()?.username === DEMO_FIRST_VISIT_IDENTITY.username;

  const scan = async () => {
    const capture = await captureIdCard();
    if (!capture) return;
    setPhoto((capture.card ?? capture.full).path);
    setOcrBusy(true);
    setOcrError(null);
    try {
      const r = await scanCaptured(capture, { forIdentityBinding: true });
      setOcr(r);
      const next = { ...values };
      for (const k of FIELDS) if (r.fields[k]?.value) next[k] = r.fields[k]!.value;
      setValues(next);
      setConfirmed({});
    } catch (e) {
      setOcrError(`${errorMessage(e)}。您也可以在下面手动填写。`);
    } finally {
      setOcrBusy(false);
    }
  };

  const id = validateIdNumber(values.idNumber);
  const idError = values.idNumber.trim().length >= 15 && !id.valid ? id.message : null;
  const nameOk = /^[\u4e00-\u9fa5·]{2,20}$/.test(values.name.trim());
  const flagged = FIELDS.filter((k) => ocr?.fields[k]?.needsConfirmation && (k === 'name' || k === 'idNumber'));
  const unconfirmed = flagged.filter((k) => !confirmed[k]);
  const crossCheck =
    id.valid && ocr && values.birthDate && values.birthDate !== id.birthDate
      ? `识别出的出生日期 ${values.birthDate} 与身份证号中的 ${id.birthDate} 不一致，请核对号码`
      : null;

  const submit = async () => {
    if (!id.valid || !nameOk || !agree || unconfirmed.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      // 人脸核身 first: a binding the face check has not proven opens no household's file.
      const ticket = await faceVerify(values.name.trim(), id.idNumber);
      const me = await api.bindIdentity(values.name.trim(), id.idNumber, ticket);
      cacheMe(me);
      // Keep the resident as the first member of the household draft (on this phone only).
      const draft = loadResidentDraft() ?? emptyDraft('hh');
      if (draft.members.length === 0)
        draft.members.push({
          ...newMember('head'),
          name: values.name.trim(),
          idNumber: id.idNumber,
          ...(values.ethnicity ? { ethnicity: values.ethnicity } : {}),
        });
      await saveResidentDraft(draft);
      await Taro.showToast({ title: '实名认证成功', icon: 'success' });
      replace(me.householdId ? '/pages/index/index' : '/pages/consent/index');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IDENTITY_MISMATCH') {
        // Refused: the name does not match the archive's record of this number. Untick the name so it is read again.
        setRefused({ name: values.name.trim(), idNumber: id.idNumber });
        setConfirmed({ ...confirmed, name: false });
        setError(null);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };
  const stillRefused = refused !== null && id.valid && refused.name === values.name.trim() && refused.idNumber === id.idNumber;

  return (
    <Screen title='实名认证'>
      <Notice>实名认证后才能为您和家人办理救助。可以拍身份证人像面自动识别，也可以直接手动填写。</Notice>
      {demoFirstVisit && !values.idNumber ? (
        <Notice kind='warn'>
          <Text>演示：这位居民还没有实名认证。可以用演示身份体验首次使用（不是真实的人）。</Text>
          <Btn kind='ghost' onClick={() => setValues({ ...values, name: DEMO_FIRST_VISIT_IDENTITY.name, idNumber: DEMO_FIRST_VISIT_IDENTITY.idNumber })}>
            填入演示身份
          </Btn>
        </Notice>
      ) : null}
      <Card>
        <Text className='card-title'>方式一：拍身份证（人像面）</Text>
        {photo ? <Image className='id-photo' src={photo} mode='aspectFit' /> : null}
        <Btn kind='ghost' loading={ocrBusy} onClick={() => void scan()}>
          {photo ? '重新拍照' : '拍照或从相册选择'}
        </Btn>
        {ocrBusy ? <Loading text='正在识别，请稍候…' /> : null}
        {ocrError ? <ErrorBox message={ocrError} /> : null}
        {ocr ? (
          <Notice kind={ocr.toConfirm.length ? 'warn' : 'ok'}>
            <Text>{ocr.toConfirm.length ? '已识别。标黄的内容请对照证件逐项核对，确认无误后勾选。' : '已识别。请对照证件核对每一项。'}</Text>
          </Notice>
        ) : null}
      </Card>
      <Card>
        <Text className='card-title'>{ocr ? '核对识别结果' : '方式二：手动填写'}</Text>
        <Field
          label='姓名'
          value={values.name}
          onChange={(v) => setValues({ ...values, name: v })}
          flagged={flagged.includes('name')}
          error={values.name && !nameOk ? '请填写 2–20 个汉字的姓名' : stillRefused ? '与档案中这个身份证号的姓名不一致，请逐字核对' : null}
        />
        {flagged.includes('name') ? (
          <Tick checked={!!confirmed.name} onChange={(v) => setConfirmed({ ...confirmed, name: v })}>
            <Text>姓名已核对无误{ocr?.fields.name?.note ? `（${ocr.fields.name.note}）` : ''}</Text>
          </Tick>
        ) : null}
        <Field
          label='身份证号'
          type='idcard'
          maxlength={18}
          value={values.idNumber}
          onChange={(v) => setValues({ ...values, idNumber: v })}
          flagged={flagged.includes('idNumber')}
          error={idError ?? crossCheck}
          hint={id.valid ? `号码校验通过：${id.sex === 'male' ? '男' : '女'}，${id.birthDate} 出生` : '18 位，最后一位可能是 X'}
        />
        {flagged.includes('idNumber') ? (
          <Tick checked={!!confirmed.idNumber} onChange={(v) => setConfirmed({ ...confirmed, idNumber: v })}>
            <Text>身份证号已逐位核对无误</Text>
          </Tick>
        ) : null}
        {ocr ? (
          <View className='ocr-rest'>
            {(['sex', 'ethnicity', 'birthDate', 'address'] as IdCardFieldName[]).map((k) => (
              <Field
                key={k}
                label={ID_FIELD_LABELS[k]}
                value={values[k]}
                onChange={(v) => setValues({ ...values, [k]: v })}
                flagged={!!ocr.fields[k]?.needsConfirmation}
              />
            ))}
          </View>
        ) : null}
      </Card>
      <Tick checked={agree} onChange={setAgree}>
        <Text>我同意为实名认证处理我的姓名和身份证号（敏感个人信息，单独同意）</Text>
      </Tick>
      {stillRefused && refused ? (
        <View className='refusal' role='alert'>
          <Text className='refusal-title'>未通过：姓名与身份证号不一致</Text>
          <Text className='para'>
            您填写的姓名“{refused.name}”与档案中身份证号 {refused.idNumber.slice(0, 6)}********{refused.idNumber.slice(-4)} 登记的姓名不一致，实名认证没有通过。
          </Text>
          <Text className='para'>请对照身份证逐字核对姓名：拍照识别可能认错字（例如把“龚”认成“玖”）。改正后再点“确认并完成实名认证”。</Text>
          <Text className='para'>如果证件上的姓名就是这样写的，请带身份证到社区居委会或街道便民服务中心核对档案。</Text>
        </View>
      ) : null}
      {error ? <ErrorBox message={error} /> : null}
      {unconfirmed.length > 0 ? <Notice kind='warn'>请先核对并勾选：{unconfirmed.map((k) => ID_FIELD_LABELS[k]).join('、')}</Notice> : null}
      <Btn loading={busy} disabled={!id.valid || !nameOk || !agree || unconfirmed.length > 0} onClick={() => void submit()}>
        确认并完成实名认证
      </Btn>
      <View className='spacer' />
    </Screen>
  );
}

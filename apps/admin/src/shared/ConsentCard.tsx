import { Alert, Card, Descriptions, Image, Space, Spin, Tag, Typography } from 'antd';
import type { Role } from '@zczr/domain';
import { CONSENT_METHOD_LABELS, CONSENT_PURPOSE_LABELS, CONSENT_STATUS_LABELS, ENDPOINTS, ROLE_LABELS, type ConsentRecord } from '@zczr/contract';
import { request } from '../api/client';
import { formatDateTime } from './labels';
import { useEffect, useState } from 'react';

/**
 * The consent a household's data rests on, as the reviewer checks it before approving: who agreed to
 * what, the separate tick for sensitive data, the handwritten signature and who collected it.
 */
export function ConsentCard({ householdId }: { householdId: string }) {
  const [record, setRecord] = useState<ConsentRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setRecord(null);
    setError(null);
    request(ENDPOINTS.consents.ofHousehold, { params: { householdId } }).then(
      (r) => {
        if (live) setRecord(r);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : '授权记录加载失败');
      },
    );
    return () => {
      live = false;
    };
  }, [householdId]);
  return (
    <Card size="small" title="授权同意" data-testid="consent-card">
      {error ? (
        <Alert type="error" showIcon title={error} />
      ) : !record ? (
        <Spin />
      ) : (
        <Space align="start" size="large" wrap style={{ width: '100%' }}>
          <Descriptions size="small" column={1} style={{ minWidth: 320 }}>
            <Descriptions.Item label="授权人">
              {record.subjectName}（{record.subjectIdNumber}）{record.guardianName ? `，监护人 ${record.guardianName}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={record.status === 'active' ? 'success' : 'error'}>{CONSENT_STATUS_LABELS[record.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="授权用途">{record.purposes.map((p) => CONSENT_PURPOSE_LABELS[p]).join('、')}</Descriptions.Item>
            <Descriptions.Item label="敏感个人信息">
              {record.sensitiveData ? '已单独同意' : <Typography.Text type="danger">未单独同意</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="授权方式">
              {CONSENT_METHOD_LABELS[record.method]}（授权书 {record.textVersion} 版）
            </Descriptions.Item>
            <Descriptions.Item label="授权时间">{formatDateTime(record.givenAt)}</Descriptions.Item>
            <Descriptions.Item label="经济状况核对">
              <span data-testid="consent-economic-check">
                <Tag color={record.economicCheck.status === 'complete' ? 'success' : record.economicCheck.status === 'incomplete' ? 'warning' : 'default'}>
                  {record.economicCheck.statusLabel}
                </Tag>
                {record.economicCheck.missing.length ? (
                  <Typography.Text type="danger">
                    未签字：{record.economicCheck.missing.map((m) => `${m.name}（${m.relationLabel}，${m.age} 岁）`).join('、')}
                  </Typography.Text>
                ) : null}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="采集人">
              <span data-testid="consent-collector">
                {record.recordedByName ?? '—'}（{ROLE_LABELS[record.recordedByRole as Role] ?? '工作人员'}）
              </span>
            </Descriptions.Item>
          </Descriptions>
          {record.signatureImage ? (
            <div data-testid="consent-signature">
              <Typography.Text type="secondary">手写签名</Typography.Text>
              <br />
              <Image src={record.signatureImage} alt="授权人手写签名" width={240} style={{ border: '1px solid #eee', background: '#fff' }} />
            </div>
          ) : (
            <Typography.Text type="secondary">
              {record.method !== 'in_person_signature' ? '线上授权，无手写签名' : record.status === 'withdrawn' ? '签名已按撤回要求删除' : '未存签名图片'}
            </Typography.Text>
          )}
          {record.signers.map((x) => (
            <div key={`${x.idNumber}-${x.name}`} data-testid="consent-signer">
              <Typography.Text type="secondary">
                共同签字：{x.name}（{x.relationLabel}，{x.idNumber}）
              </Typography.Text>
              <br />
              {x.signatureImage ? (
                <Image src={x.signatureImage} alt={`${x.name}手写签名`} width={180} style={{ border: '1px solid #eee', background: '#fff' }} />
              ) : (
                <Typography.Text type="secondary">签名已删除</Typography.Text>
              )}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

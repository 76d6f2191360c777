import { useState } from 'react';
import { Alert, Button, Input, Modal, Radio, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { ENDPOINTS, type HouseholdView } from '@zczr/contract';
import { seesSensitiveInFull } from '@zczr/domain';
import { request, ApiError } from '../../api/client';
import { useUser } from '../../auth/session';

/** Reasons a reviewer most often has; "其他" asks for their own words. */
const REASONS = ['审核申请需核对身份信息', '入户核实需核对身份信息', '办理救助需联系本人', '其他'] as const;

/**
 * 查看完整: the household page opens masked; a reviewer whose role may see personal data in full
 * asks for it with a reason, which the API writes to the audit log before answering.
 */
export function RevealControl({
  householdId,
  revealed,
  onRevealed,
  onHide,
}: {
  householdId: string;
  revealed: boolean;
  onRevealed: (full: HouseholdView) => void;
  onHide: () => void;
}) {
  const user = useUser();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<(typeof REASONS)[number]>(REASONS[0]);
  const [own, setOwn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!seesSensitiveInFull(user.role)) return null;
  if (revealed)
    return (
      <Space>
        <Typography.Text type="warning" data-testid="revealed-note">
          正在显示完整信息（本次查看已记入审计日志）
        </Typography.Text>
        <Button size="small" onClick={onHide}>
          恢复脱敏
        </Button>
      </Space>
    );
  const reason = choice === '其他' ? own.trim() : choice;
  const confirm = async () => {
    if (reason.length < 2) {
      setError('请填写查看事由（至少 2 个字）');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRevealed(await request(ENDPOINTS.households.reveal, { params: { id: householdId }, body: { reason } }));
      setOpen(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '查看失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal">
        查看完整信息
      </Button>
      <Modal
        title="查看完整个人信息"
        open={open}
        okText="确认查看"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            身份证号、手机号、健康与残疾详情、银行账号等敏感信息默认脱敏显示。查看完整信息须说明事由，您的姓名、时间与事由将记入审计日志。
          </Typography.Paragraph>
          <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as (typeof REASONS)[number])} data-testid="reveal-reasons">
            <Space orientation="vertical">
              {REASONS.map((r) => (
                <Radio key={r} value={r}>
                  {r}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {choice === '其他' && <Input.TextArea rows={2} maxLength={200} placeholder="请填写查看事由" value={own} onChange={(e) => setOwn(e.target.value)} />}
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      </Modal>
    </>
  );
}

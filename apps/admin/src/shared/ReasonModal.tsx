import { useState, type ReactNode } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { ApiError } from '../api/client';

/**
 * A decision that needs a reason in words (升级督办, 驳回, 登记异议): one required text, sent by `send`;
 * an error from the API is shown in the dialog, which stays open. `onClose(true)` after it was sent.
 */
export function ReasonModal(props: {
  title: string;
  okText: string;
  danger?: boolean;
  /** Shown above the field. */
  intro?: ReactNode;
  label: string;
  placeholder?: string;
  maxLength: number;
  testId?: string;
  failed: string;
  send: (reason: string) => Promise<unknown>;
  onClose: (changed: boolean) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { reason: string }): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await props.send(v.reason.trim());
      props.onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : props.failed);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      okButtonProps={props.danger ? { danger: true } : undefined}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => props.onClose(false)}
      destroyOnHidden
    >
      {props.intro}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={props.label} rules={[{ required: true, whitespace: true, message: `请填写${props.label}` }]}>
          <Input.TextArea rows={3} maxLength={props.maxLength} placeholder={props.placeholder} data-testid={props.testId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, QRCode, Row, Space, Steps, Typography } from 'antd';
import { ENDPOINTS, ROLE_LABELS, type TotpChallenge } from '@zczr/contract';
import { ApiError, request } from '../../api/client';
import { useSession, useUser } from '../../auth/session';

interface PasswordForm {
  currentPassword: string;
  totp: string;
  newPassword: string;
  repeat: string;
}

const CODE_RULES = [{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位动态验证码' }];

/** 个人中心: who I am, and changing my own password and second factor (each confirmed with the current password and a code, each audited). */
export default function ProfilePage() {
  const user = useUser();
  const { signOut } = useSession();
  const { message, modal } = App.useApp();
  const [pwForm] = Form.useForm<PasswordForm>();
  const [totpForm] = Form.useForm<{ currentPassword: string; totp: string }>();
  const [confirmForm] = Form.useForm<{ totp: string }>();
  const [busy, setBusy] = useState<'password' | 'totp' | 'confirm' | null>(null);
  const [challenge, setChallenge] = useState<TotpChallenge | null>(null);

  const failed = (e: unknown): void => void message.error(e instanceof ApiError ? e.message : '操作失败，请稍后再试');

  const changePassword = async (v: PasswordForm): Promise<void> => {
    setBusy('password');
    try {
      await request(ENDPOINTS.auth.changePassword, { body: { currentPassword: v.currentPassword, totp: v.totp, newPassword: v.newPassword } });
      pwForm.resetFields();
      modal.success({ title: '密码已修改', content: '其他设备上的登录将失效。请用新密码重新登录。', okText: '重新登录', onOk: signOut });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const startTotp = async (v: { currentPassword: string; totp: string }): Promise<void> => {
    setBusy('totp');
    try {
      setChallenge(await request(ENDPOINTS.auth.startTotpChange, { body: v }));
      totpForm.resetFields();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const confirmTotp = async (v: { totp: string }): Promise<void> => {
    if (!challenge) return;
    setBusy('confirm');
    try {
      await request(ENDPOINTS.auth.confirmTotpChange, { body: { ticket: challenge.ticket, totp: v.totp } });
      setChallenge(null);
      confirmForm.resetFields();
      void message.success('动态验证码已更换，旧的身份验证器条目可以删除了');
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="个人信息">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="姓名">{user.displayName}</Descriptions.Item>
          <Descriptions.Item label="登录名">{user.username ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="角色">{ROLE_LABELS[user.role]}</Descriptions.Item>
          <Descriptions.Item label="数据范围">{user.regionName ?? user.regionCode ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" title="修改密码">
            <Form form={pwForm} layout="vertical" onFinish={(v) => void changePassword(v)} data-testid="password-form" style={{ maxWidth: 420 }}>
              <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item name="totp" label="动态验证码" rules={CODE_RULES}>
                <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label="新密码"
                extra="10–64 位，同时包含字母、数字和符号"
                rules={[
                  { required: true, pattern: /^(?=.*[A-Za-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{10,64}$/, message: '密码须为 10–64 位，同时包含字母、数字和符号' },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="repeat"
                label="再次输入新密码"
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: '请再次输入新密码' },
                  ({ getFieldValue }) => ({
                    validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy === 'password'}>
                修改密码
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="更换动态验证码（换手机时）">
            <Steps
              size="small"
              current={challenge ? 1 : 0}
              items={[{ title: '验证身份' }, { title: '添加新密钥并确认' }]}
              style={{ marginBottom: 16, maxWidth: 420 }}
            />
            {!challenge ? (
              <Form form={totpForm} layout="vertical" onFinish={(v) => void startTotp(v)} style={{ maxWidth: 420 }}>
                <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
                  <Input.Password autoComplete="current-password" />
                </Form.Item>
                <Form.Item name="totp" label="当前动态验证码" rules={CODE_RULES}>
                  <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy === 'totp'}>
                  下一步
                </Button>
              </Form>
            ) : (
              <Space orientation="vertical">
                <Alert type="info" showIcon title="用身份验证器扫描二维码，或手工输入密钥；输入新生成的 6 位验证码后才会生效（10 分钟内有效）。" />
                <Space align="start" size="large">
                  <QRCode value={challenge.otpauthUrl} size={148} />
                  <Space orientation="vertical">
                    <Typography.Text type="secondary">密钥</Typography.Text>
                    <Typography.Text copyable code data-testid="new-totp-secret">
                      {challenge.totpSecret}
                    </Typography.Text>
                  </Space>
                </Space>
                <Form form={confirmForm} layout="inline" onFinish={(v) => void confirmTotp(v)}>
                  <Form.Item name="totp" label="新验证码" rules={CODE_RULES}>
                    <Input inputMode="numeric" maxLength={6} style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy === 'confirm'}>
                    确认更换
                  </Button>
                  <Button onClick={() => setChallenge(null)}>取消</Button>
                </Form>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

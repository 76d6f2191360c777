import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useSession, type SignInInput } from '../../auth/session';

/** What went wrong, in words a member of staff can act on. */
function signInMessage(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'LOGIN_FAILED':
        return '用户名、密码或动态验证码错误。请核对密码，并使用身份验证器中当前显示的 6 位验证码（每 30 秒更新）。';
      case 'ACCOUNT_LOCKED':
        return '登录失败次数过多，账号已临时锁定，请 15 分钟后再试，或联系系统管理员解锁。';
      case 'TOO_MANY_REQUESTS':
        return '登录尝试过于频繁，请稍后再试。';
      case 'VALIDATION_FAILED':
        return err.details?.[0]?.message ?? err.message;
      default:
        return err.message;
    }
  }
  return '登录失败，请稍后再试。';
}

/** Username + password + TOTP, as staff accounts require two factors. */
export function SignInPage() {
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<SignInInput>();

  const onFinish = async (values: SignInInput) => {
    setBusy(true);
    setError(null);
    try {
      await signIn({ username: values.username.trim(), password: values.password, totp: values.totp });
    } catch (err) {
      setError(signInMessage(err));
      form.setFieldValue('totp', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #eaf1fb 0%, #f7f9fc 60%)',
      }}
    >
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(31, 95, 191, 0.08)' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          政策找人 · 民政工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          工作人员登录（密码 + 动态验证码）
        </Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="signin-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="如 demo-street" data-testid="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Form.Item
            name="totp"
            label="动态验证码"
            extra="打开身份验证器（如 Microsoft Authenticator、腾讯身份验证器），输入当前 6 位数字。"
            rules={[
              { required: true, message: '请输入 6 位动态验证码' },
              { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
            ]}
          >
            <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="6 位数字" data-testid="totp" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}

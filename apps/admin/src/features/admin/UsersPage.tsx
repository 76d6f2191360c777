import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError, request } from '../../api/client';
import { useSession } from '../../auth/session';
import { useEndpoint } from '../../shared/useEndpoint';
import { ListTable } from '../../shared/ListTable';
import { formatDateTime } from '../../shared/labels';
import {
  ACCOUNT_STATUS_LABELS,
  ENDPOINTS,
  MANAGED_ROLES as ROLES,
  ROLE_LABELS,
  type AccountStatus,
  type ManagedRole,
  type StaffUser,
  type TotpEnrolment as Enrolment,
} from '@zczr/contract';
import { useRegions } from '../households/useRegions';

/**
 * Staff accounts of the district. 三员分立: the system administrator creates, disables and enables
 * accounts; the security administrator unlocks them and resets their second factor.
 */
export default function UsersPage() {
  const { message } = App.useApp();
  const { user: me } = useSession();
  const isSystemAdmin = me?.role === 'admin';
  const isSecurityAdmin = me?.role === 'security_admin';
  const [filters, setFilters] = useState<{ role?: ManagedRole; status?: AccountStatus; q?: string; regionCode?: string }>({});
  const [page, setPage] = useState(1);
  const list = useEndpoint(ENDPOINTS.admin.users, { query: { ...filters, page, pageSize: 20 } });
  const [creating, setCreating] = useState(false);
  const { streets } = useRegions();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);

  const act = async (u: StaffUser, action: 'disable' | 'enable' | 'unlock' | 'reset-totp') => {
    try {
      const params = { id: u.id };
      if (action === 'reset-totp') setEnrolment(await request(ENDPOINTS.admin.resetTotp, { params }));
      else await request(ENDPOINTS.admin[action], { params });
      message.success({ disable: '已停用', enable: '已启用', unlock: '已解除锁定', 'reset-totp': '已重置动态验证码' }[action]);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };

  return (
    <Card
      title="用户管理"
      size="small"
      extra={
        isSystemAdmin ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
            新建账号
          </Button>
        ) : undefined
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="登录名或姓名"
          style={{ width: 200 }}
          onSearch={(q) => {
            setFilters((f) => ({ ...f, q: q.trim() || undefined }));
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder="全部角色"
          style={{ width: 150 }}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          onChange={(v: ManagedRole | undefined) => {
            setFilters((f) => ({ ...f, role: v }));
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder="全部街道"
          style={{ width: 150 }}
          options={streets.map((st) => ({ value: st.code, label: st.name }))}
          onChange={(v: string | undefined) => {
            setFilters((f) => ({ ...f, regionCode: v }));
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 130 }}
          options={(['active', 'locked', 'disabled'] as const).map((s) => ({ value: s, label: ACCOUNT_STATUS_LABELS[s] }))}
          onChange={(v: AccountStatus | undefined) => {
            setFilters((f) => ({ ...f, status: v }));
            setPage(1);
          }}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <ListTable<StaffUser>
        tableKey="admin-users"
        title="账号列表"
        actionsWidth={220}
        actions={(u) =>
          u.id === me?.id
            ? '当前账号'
            : [
                ...(isSecurityAdmin && u.locked ? [{ label: '解除锁定', onClick: () => act(u, 'unlock') }] : []),
                ...(isSecurityAdmin
                  ? [
                      {
                        label: '重置验证码',
                        onClick: () => act(u, 'reset-totp'),
                        confirm: { title: '重置动态验证码？', description: '旧的验证码立即作废，该用户需重新绑定身份验证器。', okText: '重置' },
                      },
                    ]
                  : []),
                ...(!isSystemAdmin
                  ? []
                  : u.disabled
                    ? [{ label: '启用', onClick: () => act(u, 'enable') }]
                    : [
                        {
                          label: '停用',
                          danger: true,
                          onClick: () => act(u, 'disable'),
                          confirm: { title: '停用该账号？', description: '停用后立即不能登录；账号保留，审计记录仍可追溯。', okText: '停用' },
                        },
                      ]),
              ]
        }
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="users-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 个账号` }}
        columns={[
          { title: '登录名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '数据范围', dataIndex: 'regionName', render: (v: string | null, u) => v ?? u.regionCode ?? '—' },
          {
            title: '网格',
            dataIndex: 'gridIds',
            render: (g: string[], u) =>
              u.role === 'grid_worker' ? g.length ? `${g.length} 个` : <Typography.Text type="warning">未分配</Typography.Text> : '—',
          },
          {
            title: '状态',
            key: 'status',
            render: (_: unknown, u) =>
              u.disabled ? (
                <Tag>{ACCOUNT_STATUS_LABELS.disabled}</Tag>
              ) : u.locked ? (
                <Tag color="warning">{ACCOUNT_STATUS_LABELS.locked}</Tag>
              ) : (
                <Tag color="success">{ACCOUNT_STATUS_LABELS.active}</Tag>
              ),
          },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      {creating && (
        <CreateUserModal
          onClose={(e) => {
            setCreating(false);
            if (e) {
              setEnrolment(e);
              list.reload();
            }
          }}
        />
      )}
      <Modal
        open={enrolment !== null}
        title="动态验证码密钥（仅显示这一次）"
        footer={
          <Button type="primary" onClick={() => setEnrolment(null)}>
            我已交给用户
          </Button>
        }
        onCancel={() => setEnrolment(null)}
      >
        {enrolment && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>
              请让{' '}
              <b>
                {enrolment.user.displayName}（{enrolment.user.username}）
              </b>{' '}
              在手机身份验证器中添加以下密钥（或打开链接）。关闭本窗口后无法再次查看。
            </Typography.Paragraph>
            <Typography.Paragraph copyable code data-testid="totp-secret">
              {enrolment.totpSecret}
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: enrolment.otpauthUrl }} type="secondary" ellipsis>
              {enrolment.otpauthUrl}
            </Typography.Paragraph>
          </Space>
        )}
      </Modal>
    </Card>
  );
}

function CreateUserModal({ onClose }: { onClose: (e: Enrolment | null) => void }) {
  const regions = useRegions();
  const [form] = Form.useForm<{ username: string; displayName: string; role: StaffUser['role']; regionCode: string; password: string }>();
  const role = Form.useWatch('role', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wantsStreet = role === 'grid_worker' || role === 'street_reviewer';
  const districts = [...regions.names.entries()].filter(([code]) => code.length === 6);
  const submit = async (v: { username: string; displayName: string; role: StaffUser['role']; regionCode: string; password: string }) => {
    setSaving(true);
    setError(null);
    try {
      onClose(await request(ENDPOINTS.admin.createUser, { body: { ...v, username: v.username.trim(), displayName: v.displayName.trim() } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.details?.map((d) => d.message).join('；') || e.message : '创建失败');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="新建账号"
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose(null)}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ role: 'street_reviewer' }}>
        <Form.Item
          name="username"
          label="登录名"
          rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,31}$/, message: '3–32 位小写字母、数字、点、下划线或连字符' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} onChange={() => form.setFieldValue('regionCode', undefined)} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={wantsStreet ? '所在街道（数据范围）' : '所在区县（数据范围）'}
          rules={[{ required: true, message: '请选择数据范围' }]}
        >
          <Select
            placeholder="请选择"
            options={
              wantsStreet ? regions.streets.map((s) => ({ value: s.code, label: s.name })) : districts.map(([code, name]) => ({ value: code, label: name }))
            }
          />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          extra="10–64 位，同时包含字母、数字和符号；请线下告知本人并提醒修改。"
          rules={[{ required: true, pattern: /^(?=.*[A-Za-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{10,64}$/, message: '10–64 位，同时包含字母、数字和符号' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

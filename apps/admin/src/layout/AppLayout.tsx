import { useEffect, useMemo, type ReactNode } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { Avatar, Breadcrumb, Button, Dropdown, Layout, Menu, Space, Tag, Typography, Watermark, type MenuProps } from 'antd';
import { EnvironmentOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@zczr/domain';
import { useUser, useSession } from '../auth/session';
import { ReminderBell } from './ReminderBell';
import { routes, type AppRoute } from '../routes';

type MenuItem = Required<MenuProps>['items'][number];

function menuItemsFor(visible: AppRoute[]): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuItem[]>();
  for (const r of visible) {
    const item: MenuItem = { key: r.path, icon: r.icon, label: r.label };
    if (!r.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(r.group);
    if (!children) {
      children = [];
      groups.set(r.group, children);
      items.push({ key: `group:${r.group}`, type: 'group', label: r.group, children });
    }
    children.push(item);
  }
  return items;
}

/** The console's frame: side menu by role, header with the region scope and the user, content. */
export function AppLayout({ children }: { children: ReactNode }) {
  const user = useUser();
  const { signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  const visible = useMemo(() => routes.filter((r) => r.roles.includes(user.role)), [user.role]);
  const menuItems = useMemo(() => menuItemsFor(visible.filter((r) => !r.path.includes(':') && !r.hideInMenu)), [visible]);
  // The menu entry of the current page: the longest menu path that prefixes the location.
  const selected = visible
    .filter((r) => !r.path.includes(':') && matchPath({ path: r.path, end: false }, location.pathname) !== null)
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  // The page being shown (parameterised pages too): its title, its place in the menu, its watermark.
  const current = visible.find((r) => matchPath({ path: r.path, end: true }, location.pathname) !== null);
  useEffect(() => {
    document.title = current ? `${current.label} - 政策找人 · 民政工作台` : '政策找人 · 民政工作台';
  }, [current]);
  const today = new Date().toLocaleDateString('zh-CN');
  const content = current?.personalData ? (
    <Watermark content={[`${user.displayName}`, today]} font={{ color: 'rgba(0,0,0,0.07)', fontSize: 14 }} gap={[120, 120]} data-testid="watermark">
      {children}
    </Watermark>
  ) : (
    children
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }} breakpoint="lg" collapsedWidth={64}>
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            padding: '0 20px',
            fontWeight: 600,
            fontSize: 16,
            color: '#1f5fbf',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          政策找人
        </div>
        <Menu
          mode="inline"
          items={menuItems}
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '0 24px',
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Space size="middle" align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="app-title">
              民政工作台
            </Typography.Title>
            {current && <Breadcrumb data-testid="page-breadcrumb" items={[...(current.group ? [{ title: current.group }] : []), { title: current.label }]} />}
          </Space>
          <Space size="middle">
            {(user.role === 'street_reviewer' || user.role === 'district_reviewer') && <ReminderBell />}
            <Tag icon={<EnvironmentOutlined />} color="blue" data-testid="region-scope" style={{ marginInlineEnd: 0 }}>
              数据范围：{user.regionName ?? user.regionCode ?? '未设置'}
            </Tag>
            <Dropdown
              menu={{
                items: [
                  { key: 'role', label: ROLE_LABELS[user.role], disabled: true },
                  { type: 'divider' },
                  { key: 'profile', icon: <UserOutlined />, label: '个人中心', onClick: () => void navigate('/profile') },
                  { key: 'signout', icon: <LogoutOutlined />, label: '退出登录', onClick: signOut },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ marginInlineEnd: 8 }} />
                {user.displayName}
              </Button>
            </Dropdown>
            <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="sign-out">
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>{content}</Layout.Content>
      </Layout>
    </Layout>
  );
}

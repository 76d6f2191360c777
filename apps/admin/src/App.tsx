import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { isStaffRole, ROLE_LABELS } from '@zczr/domain';
import { useSession } from './auth/session';
import { SignInPage } from './features/signin/SignInPage';
import { AppLayout } from './layout/AppLayout';
import { homePathFor, routes } from './routes';

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description="加载中…" />
    </div>
  );
}

/** Signed out: the sign-in form at any address (a deep link opens after signing in). Signed in: the shell. */
export function App() {
  const { user, loading, signOut } = useSession();
  if (loading) return <PageLoading />;
  if (!user) return <SignInPage />;
  if (!isStaffRole(user.role)) {
    return (
      <Result
        status="403"
        title="工作台仅供民政工作人员使用"
        subTitle={`您以“${ROLE_LABELS[user.role]}”身份登录。居民和网格员请使用“政策找人”微信小程序办理业务。`}
        extra={
          <Button type="primary" onClick={signOut}>
            退出登录
          </Button>
        }
        data-testid="not-staff"
      />
    );
  }
  const home = homePathFor(user.role);
  return (
    <AppLayout>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/" element={<Navigate to={home} replace />} />
          {routes.map((r) => (
            <Route
              key={r.path}
              path={r.path}
              element={
                r.roles.includes(user.role) ? r.element : <Result status="403" title="无权访问" subTitle={`“${r.label}”不对${ROLE_LABELS[user.role]}开放。`} />
              }
            />
          ))}
          <Route path="*" element={<Result status="404" title="页面不存在" subTitle="您访问的页面不存在，请从左侧菜单进入。" />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}

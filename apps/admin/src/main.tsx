import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { SessionProvider } from './auth/session';
import { App } from './App';

dayjs.locale('zh-cn');

const container = document.getElementById('root');
if (!container) throw new Error('缺少 #root 挂载节点');

// A data router (not <BrowserRouter>) so pages can block navigation with unsaved changes (useBlocker).
const router = createBrowserRouter(
  [
    {
      path: '*',
      element: (
        <SessionProvider>
          <App />
        </SessionProvider>
      ),
    },
  ],
  { basename: '/admin' },
);

createRoot(container).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fbf' } }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

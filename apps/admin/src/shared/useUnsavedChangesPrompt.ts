import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { App } from 'antd';

/**
 * Asks before leaving the page (in the app, or by closing or reloading the tab) while there are
 * unsaved changes. `what` names them in the question: 离开本页将丢失对{what}的修改。
 */
export function useUnsavedChangesPrompt(dirty: boolean, what: string): void {
  const { modal } = App.useApp();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '有未保存的修改',
      content: `离开本页将丢失对${what}的修改。要放弃修改并离开吗？`,
      okText: '放弃修改并离开',
      okButtonProps: { danger: true },
      cancelText: '留在本页',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, what]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

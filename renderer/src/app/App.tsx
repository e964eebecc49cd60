// The window: toolbar, sidebar, main area, status bar, plus the overlays.

import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { SessionClient } from '../../../shared/api';
import { listenForMenuCommands, runCommand } from '../controller/commands';
import { connect } from '../controller/connection';
import { bindContext } from '../controller/context';
import { useUi } from '../store/ui';
import { ContextMenu } from '../features/sessions/ContextMenu';
import { Dialogs } from './Dialogs';
import { MainArea } from './MainArea';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { Toasts } from '../ui/Toasts';
import { Toolbar } from './Toolbar';

/** Cmd/Ctrl+F and Cmd/Ctrl+R anywhere (the Electron menu sends the same commands). */
function onGlobalKey(e: KeyboardEvent): void {
  if (!(e.metaKey || e.ctrlKey) || e.altKey || e.shiftKey) return;
  const key = e.key.toLowerCase();
  if (useUi.getState().dialog) return;
  if (key === 'f') {
    e.preventDefault();
    runCommand('find');
  } else if (key === 'r') {
    e.preventDefault(); // in browser mode, never reload the page
    runCommand('refresh');
  }
}

export function App({ client, i18n }: { client: SessionClient; i18n: I18n }) {
  bindContext(client, i18n);
  useEffect(() => {
    const disconnect = connect();
    const offMenu = listenForMenuCommands();
    window.addEventListener('keydown', onGlobalKey);
    return () => {
      disconnect();
      offMenu();
      window.removeEventListener('keydown', onGlobalKey);
    };
  }, [client]);

  return (
    <I18nextProvider i18n={i18n}>
      <div className="app">
        <Toolbar />
        <div className="app__body">
          <Sidebar />
          <MainArea />
        </div>
        <StatusBar />
        <ContextMenu />
        <Dialogs />
        <Toasts />
      </div>
    </I18nextProvider>
  );
}

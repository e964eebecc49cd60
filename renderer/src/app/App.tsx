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
import { ResizeHandle } from '../ui/ResizeHandle';
import { SIDEBAR_DEFAULT, SIDEBAR_MAX, SIDEBAR_MIN, setSidebarWidth, useSidebarWidth } from './sidebar-width';
import { useTranslation } from 'react-i18next';
import { focusList } from './focus-list';

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

/** First Tab stop: straight to the list, past the toolbar and the sidebar (hidden until focused). */
function SkipToList() {
  const { t } = useTranslation();
  return (
    <button type="button" className="skip-link" data-testid="skip-to-list" onClick={() => void focusList()}>
      {t('app.skipToList')}
    </button>
  );
}

/** The page's one h1, for screen readers and the document outline (the toolbar shows no title). */
function AppHeading() {
  const { t } = useTranslation();
  return <h1 className="visually-hidden">{t('app.title')}</h1>;
}

/** Sidebar | splitter | main area; the sidebar's width is the user's (sidebar-width.ts). */
function Body() {
  const { t } = useTranslation();
  const width = useSidebarWidth((s) => s.width);
  return (
    <div className="app__body" style={{ '--sidebar-width': `${width}px` } as React.CSSProperties}>
      <Sidebar />
      <div className="app__splitter">
        <ResizeHandle
          label={t('sidebar.resize')}
          testId="sidebar-resize"
          min={SIDEBAR_MIN}
          max={SIDEBAR_MAX}
          value={() => useSidebarWidth.getState().width}
          onResize={setSidebarWidth}
          onReset={() => setSidebarWidth(SIDEBAR_DEFAULT)}
        />
      </div>
      <MainArea />
    </div>
  );
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
        <SkipToList />
        <AppHeading />
        <Toolbar />
        <Body />
        <StatusBar />
        <ContextMenu />
        <Dialogs />
        <Toasts />
      </div>
    </I18nextProvider>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './api/client';
import { App } from './app/App';
import { createI18n } from './i18n';
import './app/styles';

const i18n = createI18n();
document.title = i18n.t('app.title');

const root = createRoot(document.getElementById('root')!);
try {
  const client = getClient();
  root.render(
    <StrictMode>
      <App client={client} i18n={i18n} />
    </StrictMode>,
  );
} catch (err) {
  // No bridge and no server token: say so instead of showing a blank window.
  const box = document.createElement('pre');
  box.className = 'fatal';
  box.textContent = err instanceof Error ? err.message : String(err);
  document.getElementById('root')!.replaceChildren(box);
}

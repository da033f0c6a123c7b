import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { watchChunkErrors } from './app/stale-build';
import { i18nReady } from './lib/i18n';

watchChunkErrors();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// The first render waits for the first language's catalogues (German is fetched; English is bundled).
void i18nReady.finally(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

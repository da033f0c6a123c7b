import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
// Initialises the translations before the first render.
import './lib/i18n';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    {/* Suspends while a non-English catalogue is fetched. */}
    <Suspense fallback={null}>
      <App />
    </Suspense>
  </StrictMode>,
);

// HQ mode's entry point (hq.html, served at / by `centre web --hq`): the loopback transport, HQ's app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { httpBridge, httpJobs, takeLaunchToken } from '../transport/http.ts';
import { HqApp } from './HqApp.tsx';
import { httpUpload } from './api.tsx';
import '../styles/app.css';
import './hq.css';

const root = document.getElementById('root');
if (root) {
  const token = takeLaunchToken();
  const transport = { bridge: httpBridge(token), jobs: httpJobs(token), upload: httpUpload(token) };
  createRoot(root).render(
    <StrictMode>
      <HqApp transport={transport} />
    </StrictMode>,
  );
}

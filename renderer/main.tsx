// Entry point: pick the transport (Electron's preload or loopback HTTP), then render the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { pickTransport } from './transport/pick.ts';
import './styles/app.css';
import './styles/print.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App transport={pickTransport()} />
    </StrictMode>,
  );
}

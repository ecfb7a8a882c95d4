// A small single-page app on @userkit/react: the provider, the hooks and the control components
// against the sample app's API (served by the sample at /react-example, same origin).
import { createRoot } from 'react-dom/client';
import { UserKitProvider } from '@userkit/react';
import { App } from './app.js';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <UserKitProvider baseUrl={location.origin}>
      <App />
    </UserKitProvider>,
  );

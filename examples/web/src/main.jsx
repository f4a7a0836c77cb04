import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { createClient } from './client.js';
import { App } from './App.jsx';
import './app.css';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <Provider value={createClient()}>
      <App />
    </Provider>
  </StrictMode>,
);

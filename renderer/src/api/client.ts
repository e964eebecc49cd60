// The one SessionClient of this window: the Electron preload bridge when present,
// else the browser-mode HTTP client (same contract, same UI).

import { BRIDGE_GLOBAL, type SessionClient } from '../../../shared/api';
import { createHttpClient } from './http-client';

function bridge(): SessionClient | null {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (candidate && typeof candidate === 'object' && typeof (candidate as SessionClient).onEvent === 'function') {
    return candidate as SessionClient;
  }
  return null;
}

let client: SessionClient | null = null;

export function getClient(): SessionClient {
  client ??= bridge() ?? createHttpClient();
  return client;
}

import { describe, expect, it } from 'vitest';
import { dispatch, isApiMethod } from './api-dispatch';
import { API_METHODS, type SessionApi } from '../../shared/api';
import { ApiError } from '../../shared/api-error';

/** Records every call; each method answers with its own name and arguments. */
function recordingApi(): { api: SessionApi; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const api = {} as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const m of API_METHODS) {
    api[m] = async (...a: unknown[]) => {
      calls.push([m, a]);
      return { method: m, args: a };
    };
  }
  return { api: api as unknown as SessionApi, calls };
}

const ref = { app: 'TEAM123.com.example.app', id: 'A1B2C3' };

describe('dispatch', () => {
  it('calls the method with validated arguments and wraps the value', async () => {
    const { api, calls } = recordingApi();
    const r = await dispatch(api, 'setStatus', [[ref], 'accepted']);
    expect(r).toEqual({ ok: true, value: { method: 'setStatus', args: [[ref], 'accepted'] } });
    expect(calls).toEqual([['setStatus', [[ref], 'accepted']]]);
  });

  it('treats missing args of a no-argument method as []', async () => {
    const { api, calls } = recordingApi();
    expect((await dispatch(api, 'getState', undefined)).ok).toBe(true);
    expect(calls).toEqual([['getState', []]]);
  });

  it('refuses unknown methods, including prototype names, without calling anything', async () => {
    const { api, calls } = recordingApi();
    for (const m of ['nope', 'toString', '__proto__', 'constructor', 'onEvent']) {
      const r = await dispatch(api, m, []);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-argument');
    }
    expect(calls).toEqual([]);
  });

  it('refuses bad arguments with a specific message', async () => {
    const { api, calls } = recordingApi();
    const bad: [string, unknown][] = [
      ['listSessions', ['../etc']],
      ['listSessions', 'notAnArray'],
      ['getSession', [{ app: 'a', id: '../../x' }]],
      ['getSession', [{ app: 'a', id: 'x', path: '/etc/passwd' }]],
      ['setStatus', [[ref], 'deleted']],
      ['setStatus', [[], 'accepted']],
      ['setEmail', [[ref], 'not an email']],
      ['getState', ['extra']],
      ['setPushSettings', [{ url: 'file:///etc/passwd', timeoutMs: 1000 }]],
    ];
    for (const [m, args] of bad) {
      const r = await dispatch(api, m, args);
      expect(r, `${m} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      if (!r.ok) expect(r.error.message).toContain(m);
    }
    expect(calls).toEqual([]);
  });

  it('keeps the code of an ApiError thrown by the engine', async () => {
    const { api } = recordingApi();
    api.getSession = async () => {
      throw new ApiError('not-found', 'Session A1B2C3 no longer exists.');
    };
    expect(await dispatch(api, 'getSession', [ref])).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Session A1B2C3 no longer exists.' },
    });
  });

  it('turns any other throw into an internal error without a stack', async () => {
    const { api } = recordingApi();
    api.refresh = async () => {
      throw new TypeError('boom');
    };
    const r = await dispatch(api, 'refresh', []);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('maps undefined results to null so they survive JSON', async () => {
    const { api } = recordingApi();
    api.chooseFolder = async () => undefined as unknown as null;
    expect(await dispatch(api, 'chooseFolder', [])).toEqual({ ok: true, value: null });
  });

  it('knows exactly the contract methods', () => {
    for (const m of API_METHODS) expect(isApiMethod(m)).toBe(true);
    expect(isApiMethod('onEvent')).toBe(false);
  });
});

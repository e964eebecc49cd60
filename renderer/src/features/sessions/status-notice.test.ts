// The notice after a bulk status change says what was changed: the engine's result lists
// every session it handled, those that already had the status too (their files are left
// as they are), so the count is of the sessions whose status differed before the action.
import { afterEach, describe, expect, it } from 'vitest';
import { bindContext } from '../../controller/context';
import { createI18n, type Language } from '../../i18n';
import { resetUi, useUi } from '../../store/ui';
import { finishLoad, resetWorkspace } from '../../store/workspace';
import { FakeClient, manySessions } from '../../test/fake-client';
import { setStatus } from './session-actions';

const APP = 'TEAM.com.example.app';

function setUp(lang: Language) {
  const sessions = manySessions(APP, 2_000).map((r, i) => ({
    ...r,
    status: i < 1_454 ? ('pending' as const) : ('accepted' as const),
  }));
  const client = new FakeClient({
    data: {
      apps: [
        {
          folder: APP,
          bundleId: 'com.example.app',
          teamId: 'TEAM',
          fakeTeam: false,
          name: 'Example',
          platform: 'ios',
          version: '1.0',
        },
      ],
      sessions,
      problems: [],
    },
  });
  bindContext(client, createI18n(lang));
  finishLoad(APP, sessions);
  return sessions.map((r) => ({ app: APP, id: r.id }));
}

afterEach(() => {
  resetUi();
  resetWorkspace();
});

const lastToast = () => useUi.getState().toasts.at(-1)!;

describe('bulk status notice', () => {
  it('counts only the sessions that changed, with the language’s thousands separator', async () => {
    const refs = setUp('en');
    expect(await setStatus(refs, 'accepted')).toBe(true);
    expect(lastToast().title).toBe('1,454 sessions set to Accepted.');
    expect(lastToast().detail).toBe('546 sessions were already Accepted.');
    expect(lastToast().actions?.map((a) => a.label)).toEqual(['Undo']);
  });

  it('says so when every one already had the status', async () => {
    const refs = setUp('en').slice(1_454);
    await setStatus(refs, 'accepted');
    expect(lastToast().title).toBe('546 sessions were already Accepted.');
  });

  it('in French', async () => {
    const refs = setUp('fr');
    await setStatus(refs, 'accepted');
    expect(lastToast().title).toBe(`${(1454).toLocaleString('fr')} sessions passées à «\u00a0Accepté\u00a0».`);
  });
});

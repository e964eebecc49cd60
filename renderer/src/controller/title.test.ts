// @vitest-environment jsdom
// The pending count in the window title: right after a burst of count changes (a bulk
// action sends one per file written), written once for the burst, not once per change.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppFolder } from '../../../shared/types';
import { createI18n } from '../i18n';
import { FakeClient } from '../test/fake-client';
import { resetWorkspace, useWorkspace } from '../store/workspace';
import { bindContext } from './context';
import { watchTitle } from './title';

function app(pending: number): AppFolder {
  return {
    folder: 'TEAM.com.example.app',
    bundleId: 'com.example.app',
    teamId: 'TEAM',
    fakeTeam: false,
    name: 'Example',
    platform: 'ios',
    version: '1.0',
    counts: { total: 20_000, pending, accepted: 20_000 - pending, problems: 0 },
  };
}

afterEach(() => resetWorkspace());

describe('window title', () => {
  it('follows a burst of count changes with one write', async () => {
    bindContext(new FakeClient(), createI18n('en'));
    useWorkspace.setState({ apps: [app(400)] });
    const off = watchTitle();
    expect(document.title).toBe('Mobile Session Manager (400 pending)');
    let writes = 0;
    const native = Object.getOwnPropertyDescriptor(Document.prototype, 'title')!;
    Object.defineProperty(document, 'title', {
      configurable: true,
      get: () => native.get!.call(document) as string,
      set: (v: string) => {
        writes += 1;
        native.set!.call(document, v);
      },
    });
    try {
      for (let pending = 399; pending >= 0; pending--) useWorkspace.setState({ apps: [app(pending)] });
      await new Promise((r) => setTimeout(r, 0));
      expect(document.title).toBe('Mobile Session Manager');
      expect(writes).toBe(1);
    } finally {
      delete (document as { title?: string }).title;
      off();
    }
  });
});

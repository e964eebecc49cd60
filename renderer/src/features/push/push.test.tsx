// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PushResult } from '../../../../shared/types';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';

function lastToast(): HTMLElement {
  return screen.getAllByTestId('toast').at(-1)!;
}

describe('Push', () => {
  it('is disabled with nothing unpushed and shows the count', async () => {
    await renderApp({ unpushed: 0 });
    const button = screen.getByTestId('push-button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('unpushed-count').textContent).toBe('0');
  });

  it('runs preflight, then pushes, and the count returns to zero', async () => {
    const { client } = await renderApp({ unpushed: 2 });
    const button = screen.getByTestId('push-button') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(screen.getByTestId('unpushed-count').textContent).toBe('2');
    await settle(() => fireEvent.click(button));
    expect(client.calls.map((c) => c.method).filter((m) => m === 'preflight' || m === 'push')).toEqual([
      'preflight',
      'push',
    ]);
    await waitFor(() => expect(screen.getByTestId('unpushed-count').textContent).toBe('0'));
    expect(lastToast().textContent).toContain('4D Server reloaded its sessions');
  });

  it('lists what the server would drop and pushes only on "Push anyway"', async () => {
    const { client } = await renderApp({ unpushed: 1 });
    client.preflightReport = {
      checked: 1,
      issues: [
        {
          ref: { app: IOS, id: 'b2c0ffee00000000000000000000000000000002' },
          warnings: [
            { code: 'id-mismatch', message: 'File name differs from session.id "abc".' },
            { code: 'email-invalid', message: 'email "bob" does not look like an e-mail address.' },
          ],
        },
      ],
      problems: [],
      rules: {
        source: '4d-schema',
        schemaPath: '/Applications/4D.app/Contents/Resources/JSONSchemas/mobileSessionSchema.json',
      },
    };
    await settle(() => fireEvent.click(screen.getByTestId('push-button')));
    const dialog = screen.getByTestId('preflight-dialog');
    expect(dialog.textContent).toContain('iPad Air');
    expect(dialog.textContent).toContain('File name differs from session.id "abc".');
    expect(dialog.textContent).toContain('Advice only (4D does not drop it for this): email "bob"');
    expect(within(dialog).getByTestId('preflight-rules').textContent).toBe(
      'Checked with 4D’s schema from /Applications/4D.app/Contents/Resources/JSONSchemas/mobileSessionSchema.json.',
    );
    expect(client.callsOf('push')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(client.callsOf('push')).toHaveLength(0);
    await settle(() => fireEvent.click(screen.getByTestId('push-button')));
    await settle(() =>
      fireEvent.click(within(screen.getByTestId('preflight-dialog')).getByRole('button', { name: 'Push anyway' })),
    );
    expect(client.callsOf('push')).toHaveLength(1);
  });

  it('titles the pre-flight by what it found: overwritten changes only is not "the server would drop sessions"', async () => {
    const { client } = await renderApp({ unpushed: 1 });
    const ref = { app: IOS, id: 'b2c0ffee00000000000000000000000000000002' };
    client.preflightReport = {
      checked: 4,
      issues: [],
      problems: [],
      rules: { source: 'built-in' },
      overwritten: [{ ref, field: 'status', set: 'accepted', now: 'pending' }],
    };
    await settle(() => fireEvent.click(screen.getByTestId('push-button')));
    let dialog = screen.getByTestId('preflight-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('1 change would not reach the server');
    expect(within(dialog).getByTestId('preflight-intro').textContent).toBe(
      'No session would be dropped, but 4D Server will not see 1 change: another program overwrote it in its file before the push.',
    );
    expect(dialog.textContent).not.toMatch(/drop 0|would drop some/);
    expect(within(dialog).getByTestId('preflight-overwritten').textContent).toContain('the file now says “pending”');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Both: a session the server drops and an overwritten change.
    client.preflightReport = {
      ...client.preflightReport,
      issues: [{ ref, warnings: [{ code: 'id-mismatch', message: 'File name differs from session.id "abc".' }] }],
    };
    await settle(() => fireEvent.click(screen.getByTestId('push-button')));
    dialog = screen.getByTestId('preflight-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('The server would drop sessions and miss changes');
    expect(within(dialog).getByTestId('preflight-intro').textContent).toBe(
      'If you push now, 4D Server will drop 1 session, because its file is not consistent:',
    );
    expect(within(dialog).getAllByTestId('preflight-issue')).toHaveLength(1);
  });

  it('pushes without asking when the pre-flight found advice only (4D accepts any e-mail)', async () => {
    const { client } = await renderApp({ unpushed: 1 });
    client.preflightReport = {
      checked: 1,
      issues: [
        {
          ref: { app: IOS, id: 'b2c0ffee00000000000000000000000000000002' },
          warnings: [{ code: 'email-invalid', message: 'email "bob" does not look like an e-mail address.' }],
        },
      ],
      problems: [],
      rules: { source: 'built-in' },
    };
    await settle(() => fireEvent.click(screen.getByTestId('push-button')));
    expect(screen.queryByTestId('preflight-dialog')).toBeNull();
    expect(client.callsOf('push')).toHaveLength(1);
  });

  const failures: [PushResult, string][] = [
    [
      {
        outcome: 'http-error',
        message: 'HTTP 500',
        httpStatus: 500,
        bodyExcerpt: 'Internal error in method',
        durationMs: 10,
      },
      'The server answered HTTP 500.',
    ],
    [{ outcome: 'unauthorized', message: 'HTTP 401', httpStatus: 401, durationMs: 10 }, 'wrong secret'],
    [{ outcome: 'timeout', message: 'No answer after 10 s', durationMs: 10_000 }, 'did not answer in time'],
    [{ outcome: 'connection-refused', message: 'ECONNREFUSED 127.0.0.1:8080', durationMs: 3 }, 'Connection refused'],
    [{ outcome: 'tls-error', message: 'self-signed certificate', durationMs: 3 }, 'TLS certificate error'],
  ];
  for (const [result, text] of failures) {
    it(`reports ${result.outcome} with Retry, and the count stays`, async () => {
      const { client } = await renderApp({ unpushed: 3 });
      client.pushResults = [result];
      await settle(() => fireEvent.click(screen.getByTestId('push-button')));
      const toast = lastToast();
      expect(toast.textContent).toContain(text);
      expect(toast.textContent).toContain('nothing is lost');
      if (result.bodyExcerpt) expect(toast.textContent).toContain(result.bodyExcerpt);
      expect(screen.getByTestId('unpushed-count').textContent).toBe('3');
      await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Retry' })));
      expect(client.callsOf('push')).toHaveLength(2);
      expect(screen.getByTestId('unpushed-count').textContent).toBe('0');
    });
  }

  it('offers the settings when no server is configured', async () => {
    const { client } = await renderApp({ unpushed: 1 });
    client.pushResults = [{ outcome: 'not-configured', message: 'No push URL', durationMs: 0 }];
    await settle(() => fireEvent.click(screen.getByTestId('push-button')));
    const toast = lastToast();
    expect(toast.textContent).toContain('No 4D Server is set up for Push yet.');
    await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Open settings' })));
    expect(screen.getByTestId('push-settings-dialog')).toBeTruthy();
  });

  it('settings: keeps the stored secret when left empty, validates, and tests the connection', async () => {
    const { client } = await renderApp({ unpushed: 0 });
    client.settings = {
      url: 'https://old.example.com/4DACTION/refresh',
      timeoutMs: 10_000,
      hasSecret: true,
      secretSource: 'keychain',
      fourDInstallPath: '',
      checkRules: { source: 'built-in' },
    };
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Push settings' })));
    const dialog = screen.getByTestId('push-settings-dialog');
    await waitFor(() =>
      expect((within(dialog).getByLabelText('Push URL') as HTMLInputElement).value).toBe(
        'https://old.example.com/4DACTION/refresh',
      ),
    );
    expect(dialog.textContent).toContain('Stored in the OS keychain.');
    expect(within(dialog).getByTestId('check-rules').textContent).toBe(
      'Checked with the built-in rules (no 4D installation found).',
    );
    const secret = within(dialog).getByLabelText('Secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.placeholder).toBe('Leave empty to keep the stored secret');
    fireEvent.change(within(dialog).getByLabelText('Push URL'), { target: { value: 'ftp://nope' } });
    expect(dialog.textContent).toContain('Enter an http:// or https:// URL');
    expect((within(dialog).getByTestId('save-settings') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Push URL'), {
      target: { value: 'https://new.example.com/rest/$catalog/refresh' },
    });
    await settle(() => fireEvent.click(within(dialog).getByTestId('test-connection')));
    expect(client.callsOf('setPushSettings')).toEqual([
      [{ url: 'https://new.example.com/rest/$catalog/refresh', timeoutMs: 10_000 }],
    ]);
    expect(client.callsOf('testConnection')).toHaveLength(1);
    expect(within(dialog).getByTestId('test-result').textContent).toContain('Connection works');

    fireEvent.change(within(dialog).getByLabelText('4D installation'), { target: { value: ' /Applications/4D.app ' } });
    await settle(() => fireEvent.click(within(dialog).getByTestId('save-settings')));
    expect(client.callsOf('setPushSettings').at(-1)).toEqual([
      {
        url: 'https://new.example.com/rest/$catalog/refresh',
        timeoutMs: 10_000,
        fourDInstallPath: '/Applications/4D.app',
      },
    ]);
  });
});

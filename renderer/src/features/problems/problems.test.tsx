// @vitest-environment jsdom
// The Problems view's actions with the fake client: Reveal (desktop: file manager;
// browser: the path in a dialog), Copy path, Move to trash behind a confirmation, and the
// notice's Undo that brings the file back. Labelled buttons, reachable by keyboard.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../shared/api-error';
import type { Problem } from '../../../../shared/types';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';

async function openProblems(opts: Parameters<typeof renderApp>[0] = {}) {
  const out = await renderApp(opts);
  fireEvent.click(screen.getByTestId('problems-item'));
  const row = screen.getByTestId('problem-row');
  return { ...out, row };
}

function toastWith(text: string): HTMLElement {
  const toast = screen.getAllByTestId('toast').find((t) => t.textContent?.includes(text));
  if (!toast) throw new Error(`no toast with "${text}"`);
  return toast;
}

describe('Problems view actions', () => {
  it('each file has labelled Reveal, Copy path and Move to trash buttons in a named group', async () => {
    const { row } = await openProblems();
    const group = within(row).getByRole('group', { name: 'Actions: 0badf00d' });
    const names = within(group)
      .getAllByRole('button')
      .map((b) => b.textContent?.trim());
    expect(names).toEqual(['Reveal in Finder', 'Copy path', 'Move to trash']);
    for (const b of within(group).getAllByRole('button')) expect(b.getAttribute('tabindex')).toBeNull();
  });

  it('Reveal asks the engine by app + file name; on the desktop nothing else opens', async () => {
    const { client, row } = await openProblems();
    await settle(() => fireEvent.click(within(row).getByRole('button', { name: 'Reveal in Finder' })));
    expect(client.callsOf('revealProblem')).toEqual([[{ app: IOS, file: '0badf00d' }]]);
    expect(screen.queryByTestId('reveal-dialog')).toBeNull();
  });

  it('in browser mode Reveal shows the path with a Copy button', async () => {
    const { row } = await openProblems({ host: 'browser' });
    await settle(() => fireEvent.click(within(row).getByRole('button', { name: 'Show file path' })));
    const dialog = screen.getByTestId('reveal-dialog');
    expect((within(dialog).getByTestId('reveal-location') as HTMLInputElement).value).toBe(
      `/srv/4d/Data/MobileApps/${IOS}/0badf00d`,
    );
  });

  it('Copy path copies the location', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { row } = await openProblems();
    await settle(() => fireEvent.click(within(row).getByRole('button', { name: 'Copy path' })));
    expect(writeText).toHaveBeenCalledWith(`/srv/4d/Data/MobileApps/${IOS}/0badf00d`);
    expect(toastWith('Path copied')).toBeTruthy();
  });

  it('Move to trash asks first; Cancel (or Escape) moves nothing', async () => {
    const { client, row } = await openProblems();
    fireEvent.click(within(row).getByRole('button', { name: 'Move to trash' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Move this file to the trash?' });
    expect(dialog.textContent).toContain('0badf00d');
    expect(dialog.textContent).toContain(IOS);
    expect(document.activeElement).toBe(within(dialog).getByTestId('confirm-trash-problem-ok'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(client.callsOf('trashProblems')).toEqual([]);
  });

  it('confirmed: the file leaves the list, the notice carries Undo, Undo brings it back', async () => {
    const { client, row } = await openProblems();
    fireEvent.click(within(row).getByRole('button', { name: 'Move to trash' }));
    await settle(() => fireEvent.click(screen.getByTestId('confirm-trash-problem-ok')));
    expect(client.callsOf('trashProblems')).toEqual([[[{ app: IOS, file: '0badf00d' }]]]);
    await waitFor(() => expect(screen.queryByTestId('problem-row')).toBeNull());
    expect(screen.getByTestId('problems-none')).toBeTruthy();
    const toast = toastWith('Moved 0badf00d to the trash');
    await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Undo' })));
    expect(client.callsOf('undo')).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(1));
    expect(toastWith('Restored 0badf00d')).toBeTruthy();
  });

  it('a non-regular file: the confirmation says it is moved, not read', async () => {
    const fifo: Problem = {
      app: IOS,
      file: 'abc123',
      code: 'not-regular',
      reason: 'Not a regular file: it is a named pipe (FIFO).',
      location: `/x/${IOS}/abc123`,
      mtimeMs: 0,
    };
    const { client } = await renderApp();
    client.problems = [fifo];
    await settle(() => client.emit({ type: 'problems', problems: [fifo] }));
    fireEvent.click(screen.getByTestId('problems-item'));
    fireEvent.click(within(screen.getByTestId('problem-row')).getByRole('button', { name: 'Move to trash' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('It is not opened');
  });

  it('an unreadable app folder (no file) offers Copy path only; a refused trash shows why', async () => {
    const folder: Problem = {
      app: IOS,
      file: '',
      code: 'unreadable',
      reason: 'Permission denied.',
      location: `/x/${IOS}`,
      mtimeMs: 0,
    };
    const { client, row } = await openProblems();
    await settle(() => client.emit({ type: 'problems', problems: [client.problems[0]!, folder] }));
    const rows = screen.getAllByTestId('problem-row');
    expect(
      within(rows[1]!)
        .getAllByRole('button')
        .map((b) => b.textContent?.trim()),
    ).toEqual(['Copy path']);
    client.failNext('trashProblems', new ApiError('io', 'it is a FIFO on another disk'));
    fireEvent.click(within(row).getByRole('button', { name: 'Move to trash' }));
    await settle(() => fireEvent.click(screen.getByTestId('confirm-trash-problem-ok')));
    expect(toastWith('Could not move 0badf00d to the trash').textContent).toContain('it is a FIFO on another disk');
  });
});

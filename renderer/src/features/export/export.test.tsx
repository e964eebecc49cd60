// @vitest-environment jsdom
// Export: the filtered, sorted view or the selection, as CSV and JSON.
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setDownloadSink, type DownloadFile } from './export-actions';
import { renderApp, rowDevices, sessionRow, sortByDevice, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

describe('export', () => {
  let restore: (() => void) | null = null;
  afterEach(() => restore?.());

  it('exports the filtered and sorted view as CSV and JSON, and the selection alone', async () => {
    const files: DownloadFile[] = [];
    restore = setDownloadSink((f) => files.push(f));
    await renderApp();
    await sortByDevice();
    fireEvent.click(screen.getByTestId('filters-button'));
    fireEvent.change(within(screen.getByTestId('filters-panel')).getByLabelText('Platform'), {
      target: { value: 'ios' },
    });
    fireEvent.keyDown(screen.getByTestId('filters-panel'), { key: 'Escape' });
    expect(rowDevices()).toEqual(['iPhone 9', 'iPhone 15 Pro']);
    fireEvent.click(within(screen.getByTestId('list-header')).getByTestId('export-button'));
    fireEvent.click(screen.getByTestId('export-csv'));
    expect(files).toHaveLength(1);
    expect(files[0]!.fileName).toMatch(/^sessions-contact-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    expect(files[0]!.mime).toBe('text/csv;charset=utf-8');
    const lines = files[0]!.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'app,id,status,email,device,deviceId,os,osVersion,simulator,language,ip,appVersion,changed,size,warnings',
    );
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['iPhone 9', 'iPhone 15 Pro']);
    fireEvent.click(within(screen.getByTestId('list-header')).getByTestId('export-button'));
    fireEvent.click(screen.getByTestId('export-json'));
    expect((JSON.parse(files[1]!.text) as { device: string }[]).map((r) => r.device)).toEqual([
      'iPhone 9',
      'iPhone 15 Pro',
    ]);
    // The selection alone.
    fireEvent.mouseDown(sessionRow('iPhone 15 Pro'), { metaKey: true });
    fireEvent.mouseDown(sessionRow('iPhone 9'), { metaKey: true });
    fireEvent.mouseDown(sessionRow('iPhone 9'), { metaKey: true });
    fireEvent.click(within(screen.getByTestId('selection-bar')).getByTestId('export-button'));
    fireEvent.click(screen.getByTestId('export-csv'));
    const sel = files[2]!.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(sel.slice(1).map((l) => l.split(',')[4])).toEqual(['iPhone 15 Pro']);
  });
});

// @vitest-environment jsdom
// The details panel keeps an IP in one piece: it may wrap only between its parts
// ("::ffff:" | "192.168.191.67"), never inside the numbers.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sampleData } from '../../test/fake-client';
import { renderApp, cleanUpAfterEachTest, sessionRow } from '../../test/render-app';
import { IpAddress } from './DetailsPanel';

cleanUpAfterEachTest();

/** The pieces between which the line may break (the <wbr> elements), and the copied text. */
function pieces(code: HTMLElement): { parts: string[]; text: string } {
  const parts = [''];
  for (const node of code.childNodes) {
    if (node.nodeName === 'WBR') parts.push('');
    else parts[parts.length - 1] += node.textContent ?? '';
  }
  return { parts, text: code.textContent ?? '' };
}

describe('IP address in the details panel', () => {
  it('breaks an IPv4-mapped address only after "::ffff:"', async () => {
    const data = sampleData();
    data.sessions = data.sessions.map((s, i) => (i === 0 ? { ...s, ip: '::ffff:192.168.191.67' } : s));
    await renderApp({ data });
    fireEvent.mouseDown(sessionRow(data.sessions[0]!.deviceDescription));
    const panel = screen.getByTestId('details-panel');
    const ip = await waitFor(() => within(panel).getByTestId('details-ip'));
    expect(pieces(ip)).toEqual({ parts: ['::ffff:', '192.168.191.67'], text: '::ffff:192.168.191.67' });
  });

  it('breaks IPv6 only after its colons and keeps IPv4 whole', () => {
    const { unmount } = render(<IpAddress ip="fe80::1ff:fe23:4567:890a" />);
    expect(pieces(screen.getByTestId('details-ip')).parts).toEqual(['fe80::', '1ff:', 'fe23:', '4567:', '890a']);
    unmount();
    render(<IpAddress ip="10.0.0.7" />);
    expect(pieces(screen.getByTestId('details-ip')).parts).toEqual(['10.0.0.7']);
  });
});

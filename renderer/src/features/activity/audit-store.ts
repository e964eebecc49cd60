// The audit log as last read from the engine, and the view's own filters.

import { create } from 'zustand';
import type { AuditAction, AuditEntry } from '../../../../shared/audit';

export interface AuditStore {
  entries: AuditEntry[] | null;
  loading: boolean;
  error: string | null;
  action: AuditAction | 'all';
  text: string;
  /** Only this folder's entries (the log may hold other folders', e.g. the demo's). */
  thisFolderOnly: boolean;
}

const initial = (): AuditStore => ({
  entries: null,
  loading: false,
  error: null,
  action: 'all',
  text: '',
  thisFolderOnly: true,
});

export const useAudit = create<AuditStore>(initial);

export function resetAudit(): void {
  useAudit.setState(initial(), true);
}

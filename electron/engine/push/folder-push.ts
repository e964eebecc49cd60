// Push and its pre-flight check for one open folder: what the unpushed changes
// of the root would look like to the server, asking the server to reload, and
// recording the outcome (unpushed changes cleared, a push entry in the audit log).

import type { PreflightReport, PushResult, PushSettingsInput, PushSettingsView, SessionDetail, SessionRef, WorkspaceState } from '../../../shared/types';
import type { ActionRecorder } from '../actions/action-recorder';
import { refKey } from '../actions/per-ref';
import { checkSession } from '../checks/session-check';
import { noPushService, type PushService } from './push-service';

export interface FolderPushDeps {
  service: PushService | undefined;
  recorder: ActionRecorder;
  /** Reads one session of the open folder from disk. */
  readSession: (ref: SessionRef) => Promise<SessionDetail>;
  problems: () => WorkspaceState['problems'];
  /** The root is still the one open (a push can outlast a switch of folder). */
  isOpen: (root: string) => boolean;
  onUnpushedChange: () => void;
}

export class FolderPush {
  constructor(private readonly deps: FolderPushDeps) {}

  private get service(): PushService {
    return this.deps.service ?? noPushService;
  }

  /** Checks, in the files as they are now, every session an unpushed change touched. */
  async preflight(root: string): Promise<PreflightReport> {
    const refs = new Map<string, SessionRef>();
    for (const action of this.deps.recorder.unpushed.actions(root)) for (const r of action.refs) refs.set(refKey(r), r);
    const issues: PreflightReport['issues'] = [];
    let checked = 0;
    for (const ref of refs.values()) {
      let detail: SessionDetail;
      try {
        detail = await this.deps.readSession(ref);
      } catch {
        continue; // deleted (the server drops it, as intended) or a problem (listed below)
      }
      checked++;
      const warnings = checkSession(ref.app, ref.id, detail.json);
      if (warnings.length > 0) issues.push({ ref, warnings });
    }
    return { checked, issues, problems: this.deps.problems() };
  }

  async push(root: string): Promise<PushResult> {
    const startedAt = new Date();
    const result = await this.service.push(root);
    if (result.outcome === 'success' && this.deps.isOpen(root)) {
      await this.deps.recorder.unpushed.clear(root).catch((err: unknown) => console.error('Could not clear the unpushed changes:', err));
      this.deps.onUnpushedChange();
    }
    this.logPush(root, startedAt, result);
    return result;
  }

  /**
   * A successful push covers the changes logged before it started (the server read the
   * files after that); a change made while it ran may or may not be on the server, so it
   * stays "not pushed". Log times have millisecond precision: the push covers up to the
   * millisecond before it started, so a change in that same millisecond is never claimed.
   */
  private logPush(root: string, startedAt: Date, result: PushResult): void {
    if (result.outcome === 'not-configured') return; // nothing was attempted
    const { audit } = this.deps.recorder;
    const append =
      result.outcome === 'success'
        ? audit.markPushed(root, new Date(startedAt.getTime() - 1), { message: result.message })
        : audit.recordFailedPush(root, result.outcome, result.message);
    this.deps.recorder.track(append, 'The audit log could not record the push');
  }

  testConnection(root: string): Promise<PushResult> {
    return this.service.testConnection(root);
  }

  getSettings(root: string): Promise<PushSettingsView> {
    return this.service.getSettings(root);
  }

  setSettings(root: string, input: PushSettingsInput): Promise<PushSettingsView> {
    return this.service.setSettings(root, input);
  }
}

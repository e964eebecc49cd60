// Push and its pre-flight check for one open folder: what the unpushed changes
// of the root would look like to the server, asking the server to reload, and
// recording the outcome (unpushed changes cleared, a push entry in the audit log).

import type {
  OverwrittenChange,
  PreflightReport,
  PushResult,
  PushSettingsInput,
  PushSettingsView,
  SessionDetail,
  SessionRef,
  WorkspaceState,
} from '../../../shared/types';
import type { ActionRecorder } from '../actions/action-recorder';
import { expectationsOf, overwritesOf, type Expectation } from '../actions/expectations';
import { refKey, runPerRef } from '../actions/per-ref';
import { dismissKey } from './unpushed-store';
import { notSeenActions, notSeenMessage, PushVerifier } from './push-verify';
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
  /** Sessions found changed away from the pushed value when re-read after a successful push. */
  onChangedAfterPush?: (root: string, changes: OverwrittenChange[]) => void;
  /** How long after a successful push the pushed sessions are re-read (default 5 s). */
  verifyDelayMs?: number;
}

export class FolderPush {
  private readonly verifier: PushVerifier;

  constructor(private readonly deps: FolderPushDeps) {
    this.verifier = new PushVerifier({
      readSession: deps.readSession,
      delayMs: deps.verifyDelayMs,
      onChanged: (root, changes) => this.deps.onChangedAfterPush?.(root, changes),
    });
  }

  /** Cancels a pending re-read after a push (closing). */
  close(): void {
    this.verifier.close();
  }

  private get service(): PushService {
    return this.deps.service ?? noPushService;
  }

  /** Checks, in the files as they are now, every session an unpushed change touched. */
  async preflight(root: string): Promise<PreflightReport> {
    const refs = new Map<string, SessionRef>();
    for (const action of this.deps.recorder.unpushed.actions(root)) for (const r of action.refs) refs.set(refKey(r), r);
    const issues: PreflightReport['issues'] = [];
    const rules = this.service.sessionRules();
    await this.deps.recorder.unpushed.reload(); // the command line may have set values meanwhile
    const expected = expectationsOf(this.deps.recorder.unpushed, root);
    const overwritten: OverwrittenChange[] = [];
    let checked = 0;
    for (const ref of refs.values()) {
      let detail: SessionDetail;
      try {
        detail = await this.deps.readSession(ref);
      } catch {
        continue; // deleted (the server drops it, as intended) or a problem (listed below)
      }
      checked++;
      const warnings = rules.check(ref.app, ref.id, detail.json);
      if (warnings.length > 0) issues.push({ ref, warnings });
      overwritten.push(...overwritesOf(expected, ref, detail.record));
    }
    return { checked, issues, problems: this.deps.problems(), rules: rules.info, overwritten };
  }

  /**
   * Asks the server to reload. Changes overwritten in the files before it are not on the
   * server: the result is then 'incomplete' and names them, and they stay not pushed.
   */
  async push(root: string): Promise<PushResult> {
    const startedAt = new Date();
    const { overwritten, pushed } = await this.expectedNow(root);
    const sent = await this.service.push(root);
    let result = sent;
    if (sent.outcome === 'success' && overwritten.length > 0) {
      result = { ...sent, outcome: 'incomplete', message: notSeenMessage(overwritten), notSeen: overwritten };
    }
    if (sent.outcome === 'success' && this.deps.isOpen(root)) {
      const { unpushed } = this.deps.recorder;
      const keep = overwritten.length > 0 ? unpushed.keepOnly(root, notSeenActions(overwritten)) : unpushed.clear(root);
      await keep.catch((err: unknown) => console.error('Could not clear the unpushed changes:', err));
      this.deps.onUnpushedChange();
      this.verifier.schedule(root, pushed);
    }
    this.logPush(root, startedAt, sent.outcome === 'success' ? { ...sent, message: result.message } : sent);
    return result;
  }

  /** The values the files must show now: those they do not (overwritten), and those they do (pushed). */
  private async expectedNow(root: string): Promise<{ overwritten: OverwrittenChange[]; pushed: Expectation[] }> {
    await this.deps.recorder.unpushed.reload();
    const expected = expectationsOf(this.deps.recorder.unpushed, root);
    const overwritten: OverwrittenChange[] = [];
    const refs = new Map([...expected.values()].map((e) => [refKey(e.ref), e.ref]));
    await runPerRef([...refs.values()], async (ref) => {
      const detail = await this.deps.readSession(ref);
      overwritten.push(...overwritesOf(expected, ref, detail.record));
    });
    const missed = new Set(overwritten.map((c) => dismissKey(c.ref, c.field)));
    return { overwritten, pushed: [...expected.entries()].filter(([k]) => !missed.has(k)).map(([, e]) => e) };
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

// Test support shared by the Workspace test files: temporary trees and
// workspaces made through it are closed and removed after each test, so no
// watcher or worker outlives its test.

import { afterEach, vi } from 'vitest';
import { makeTree, type TempTree } from './engine-fixtures';
import { Workspace, type WorkspaceHost } from '../folder/workspace';

export interface WorkspaceFixture {
  /** A new temporary MobileApps tree; the workspaces made next use its data dir. */
  makeTree(perApp?: number, appCount?: number): TempTree;
  /** A Workspace on the latest tree's data dir (linux host, version "test"). */
  workspace(extra?: Partial<WorkspaceHost>): Workspace;
}

export function useWorkspaceFixture(): WorkspaceFixture {
  const trees: TempTree[] = [];
  const open: Workspace[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.close()));
    for (const t of trees.splice(0)) t.cleanup();
    vi.restoreAllMocks();
  });
  return {
    makeTree(perApp, appCount) {
      const t = makeTree(perApp, appCount);
      trees.push(t);
      return t;
    },
    workspace(extra = {}) {
      const latest = trees.at(-1);
      if (!latest) throw new Error('make a tree before the workspace');
      const w = new Workspace({ platform: 'linux', version: 'test', dataDir: latest.dataDir, ...extra });
      open.push(w);
      return w;
    },
  };
}

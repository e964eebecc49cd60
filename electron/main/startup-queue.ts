// Requests from outside (a second launch, a folder dropped on the Dock, a Dock
// click) can arrive before the app is ready or while start-up still awaits the
// settings and the engine: app.isReady() is true long before a window with
// settings exists. They wait here until start-up is done, then run in order.
// No Electron import.

export class StartupQueue {
  private pending: (() => void)[] | null = [];

  /** Runs `task` now when started, else once start-up is done. */
  run(task: () => void): void {
    if (this.pending) this.pending.push(task);
    else task();
  }

  get started(): boolean {
    return this.pending === null;
  }

  /** Start-up is done: runs what waited, in arrival order. */
  markStarted(): void {
    const waiting = this.pending ?? [];
    this.pending = null;
    for (const task of waiting) {
      try {
        task();
      } catch (err) {
        console.error('A request made during start-up failed:', err);
      }
    }
  }
}

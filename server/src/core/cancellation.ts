/**
 * Cancellation of workspace-wide features. A token is anything with
 * `isCancellationRequested` (the LSP connection's tokens are); features check it
 * inside their loops and stop with `Cancelled`, which the server answers with
 * `RequestCancelled`.
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

/** Thrown by a feature whose request was cancelled. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** Stops the calling feature when its request was cancelled. */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new Cancelled();
}

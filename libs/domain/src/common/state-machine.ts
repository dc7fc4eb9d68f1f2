import { IllegalTransitionError } from '@dragnet/platform';

/** A workflow as a table of allowed moves. */
export class StateMachine<S extends string> {
  constructor(
    private readonly entity: string,
    private readonly moves: Readonly<Record<S, readonly S[]>>,
  ) {}

  allowedFrom(from: S): readonly S[] {
    return this.moves[from] ?? [];
  }

  canMove(from: S, to: S): boolean {
    return this.allowedFrom(from).includes(to);
  }

  /** Throws a 409-mapped error naming the allowed moves when `from -> to` is not one of them. */
  assertMove(from: S, to: S): void {
    if (!this.canMove(from, to)) throw new IllegalTransitionError(this.entity, from, to, this.allowedFrom(from));
  }
}

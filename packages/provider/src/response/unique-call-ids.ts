/**
 * Makes the tool call ids of one response unique. Azure has been seen to return two calls with
 * the same `call_id` in one answer; their results could then not be told apart. The first call
 * keeps its id; a repeat gets the first free `<id>_<n>` for n = 2, 3, ... (so `call_a`, `call_a`,
 * `call_a` become `call_a`, `call_a_2`, `call_a_3`). The `fc_` output item id of each call is
 * unchanged, so the call can still be replayed as the item Azure issued.
 */
export class UniqueCallIds {
  readonly #used = new Set<string>();

  /** The id to use for a call whose id is `id` (the id itself when it is not taken yet). */
  claim(id: string): string {
    if (!this.#used.has(id)) {
      this.#used.add(id);
      return id;
    }
    let n = 2;
    while (this.#used.has(`${id}_${n}`)) n++;
    const unique = `${id}_${n}`;
    this.#used.add(unique);
    return unique;
  }

  /** Marks `id` as taken without renaming it. */
  reserve(id: string): void {
    this.#used.add(id);
  }
}

/**
 * A period's named amounts and tests, by name for a deal's calculations and by slot for compiled
 * steps: `set`/`get`/`clear` read like a Map, while `slot(name)` gives a fixed index into `values`
 * that a compiled step resolves once and then reads and writes with no hashing and no boxed
 * number per write (a Map of numbers allocates a heap number at every change). A value not set
 * since the last `clear` reads as missing (NaN in its slot).
 */
export class NamedValues {
  private readonly index = new Map<string, number>();
  /** The values by slot; NaN where nothing was set. Replaced (never shrunk) when a new name needs room. */
  values = new Float64Array(8).fill(NaN);

  /** The slot of `name`, opened (unset) on first use; stable for the life of this object. */
  slot(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.index.size;
      if (i === this.values.length) {
        const grown = new Float64Array(2 * i).fill(NaN);
        grown.set(this.values);
        this.values = grown;
      }
      this.index.set(name, i);
    }
    return i;
  }

  /** Forgets every value (names keep their slots). */
  clear(): void {
    this.values.fill(NaN);
  }

  /** The names with a value set, and their values. */
  *entries(): IterableIterator<[string, number]> {
    for (const [name, i] of this.index) if (!Number.isNaN(this.values[i])) yield [name, this.values[i]];
  }

  protected read(name: string): number | undefined {
    const i = this.index.get(name);
    return i === undefined || Number.isNaN(this.values[i]) ? undefined : this.values[i];
  }
}

/** Named cent figures (`senior`, `lockout`): a step limited by one reads and consumes it. */
export class Amounts extends NamedValues {
  set(name: string, value: number): this {
    this.values[this.slot(name)] = value;
    return this;
  }

  get(name: string): number | undefined {
    return this.read(name);
  }
}

/** Named booleans (stepdown reached, trigger in effect), 1 or 0 in their slots. */
export class Tests extends NamedValues {
  set(name: string, value: boolean): this {
    this.values[this.slot(name)] = value ? 1 : 0;
    return this;
  }

  get(name: string): boolean | undefined {
    const v = this.read(name);
    return v === undefined ? undefined : v !== 0;
  }
}

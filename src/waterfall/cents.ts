import { EngineError } from '../errors';

/**
 * Money in the waterfall: whole cents held in ordinary numbers (exact integers up to 2^53, i.e.
 * about $90 trillion). The projection runs in float64 dollars; every amount that enters a
 * waterfall is rounded once, here, and every split of a cent amount is done by `allocate`, so a
 * period's cash adds up to the cent (architecture.md, "Numbers").
 *
 * Amounts pass 2^31 cents ($21.5 million) in a large pool's month, beyond the small integers a
 * JavaScript engine's optimizing compiler specializes arithmetic on when it has seen only those:
 * code optimized on a first run at a slow speed would be thrown away at the first larger payment
 * (and compiled again). So a running sum of cents starts from `NO_CENTS`, -0, a double that adds
 * as 0 and equals 0, and an amount is tested against 0 by its sign (`Math.sign`: -1, 0 or 1
 * whatever its size).
 */

/** The start of a sum of cents (see above). */
export const NO_CENTS = -0;

/**
 * Dollars (float) to whole cents, rounding half away from zero ("commercial rounding").
 * The difference between the dollars and the cents is the caller's rounding residual.
 */
export function toCents(dollars: number): number {
  if (!Number.isFinite(dollars)) throw new EngineError('amount', `expected a finite dollar amount, got ${String(dollars)}`);
  const c = Math.round(Math.abs(dollars) * 100);
  return dollars < 0 ? -c : c;
}

/** Cents to dollars (exact for every integer cent amount the waterfall handles). */
export function toDollars(cents: number): number {
  return cents / 100;
}

/** Cents arrays to dollars arrays. */
export function centsToDollars(cents: ArrayLike<number>): Float64Array {
  const out = new Float64Array(cents.length);
  for (let i = 0; i < cents.length; i++) out[i] = cents[i] / 100;
  return out;
}

/** Interest in whole cents: balance (cents) × rate (percent a year) × year fraction, rounded half away from zero. */
export function accrueCents(balanceCents: number, ratePct: number, yearFraction: number): number {
  if (balanceCents <= 0 || ratePct <= 0 || yearFraction <= 0) return 0;
  return Math.round((balanceCents * ratePct * yearFraction) / 100);
}

/**
 * Splits `totalCents` (≥ 0) in proportion to `weights` (≥ 0) into whole cents that add up to
 * `totalCents` exactly (largest-remainder method). Each share gets floor(total·w/W); the cents
 * left over go one each to the shares with the largest fractional parts, ties to the earlier
 * share (the order the term sheet lists the classes in). With all weights zero, nothing is
 * allocated and every share is 0 (the caller keeps the cents).
 *
 * Like dinero.js `allocate`: "shares add up to the total" is a property test.
 */
export function allocate(totalCents: number, weights: readonly number[]): number[] {
  return allocateInto(totalCents, weights, weights.length, new Array<number>(weights.length));
}

/**
 * Pays `availableCents` against amounts `due` (cents) in the listed order: each gets
 * min(due, what is left). Returns what each got.
 */
export function paySequential(availableCents: number, due: readonly number[]): number[] {
  return paySequentialInto(availableCents, due, due.length, new Array<number>(due.length));
}

/**
 * Pays `availableCents` against amounts `due` (cents) pro rata to `weights` (default: the
 * amounts due), never paying any share more than its due: what a capped share cannot take is
 * split again among the others (water-filling), so min(available, Σ due) is paid in all.
 */
export function payProRata(availableCents: number, due: readonly number[], weights: readonly number[] = due): number[] {
  return payProRataInto(availableCents, due, weights, due.length, new Array<number>(due.length));
}

/*
 * The same splits writing into a caller's array (`out`, first `count` entries), so that a
 * waterfall's period loop allocates nothing. The working arrays below are reused by every call:
 * only a split in progress uses them and no split calls out to other code, so no two uses overlap.
 */
let fractions = new Float64Array(16);
let byFraction = new Int32Array(16);
let openWeights = new Float64Array(16);
let roundShares = new Float64Array(16);

function reserveAllocate(count: number): void {
  if (count <= fractions.length) return;
  fractions = new Float64Array(2 * count);
  byFraction = new Int32Array(2 * count);
}

function reserveProRata(count: number): void {
  if (count <= openWeights.length) return;
  openWeights = new Float64Array(2 * count);
  roundShares = new Float64Array(2 * count);
}

/** `allocate` into `out`: the shares of the first `count` weights. Returns `out`. */
export function allocateInto<T extends number[] | Float64Array>(totalCents: number, weights: ArrayLike<number>, count: number, out: T): T {
  if (!Number.isInteger(totalCents) || totalCents < 0) {
    throw new EngineError('amount', `expected a whole number of cents, 0 or more, got ${totalCents}`);
  }
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) throw new EngineError('weights', `expected finite weights of 0 or more, got ${String(w)}`);
    sum += w;
  }
  for (let i = 0; i < count; i++) out[i] = 0;
  if (sum <= 0 || totalCents === 0) return out;
  reserveAllocate(count);
  let given = NO_CENTS;
  for (let i = 0; i < count; i++) {
    const exact = (totalCents * weights[i]) / sum;
    const whole = Math.floor(exact);
    out[i] = whole;
    given += whole;
    fractions[i] = exact - whole;
    // Insertion sort by fractional part, largest first, ties to the earlier share.
    let j = i;
    while (j > 0 && fractions[byFraction[j - 1]] < fractions[i]) {
      byFraction[j] = byFraction[j - 1];
      j--;
    }
    byFraction[j] = i;
  }
  let left = totalCents - given;
  for (let j = 0; left > 0; j = (j + 1) % count) {
    const i = byFraction[j];
    if (weights[i] > 0) {
      out[i] += 1;
      left -= 1;
    }
  }
  return out;
}

/** `paySequential` into `out` (first `count` amounts due). Returns `out`. */
export function paySequentialInto<T extends number[] | Float64Array>(availableCents: number, due: ArrayLike<number>, count: number, out: T): T {
  let left = Math.max(0, availableCents);
  for (let i = 0; i < count; i++) {
    const paid = Math.min(Math.max(0, due[i]), left);
    left -= paid;
    out[i] = paid;
  }
  return out;
}

/** `payProRata` into `out` (first `count` amounts due and weights). Returns `out`. */
export function payProRataInto<T extends number[] | Float64Array>(availableCents: number, due: ArrayLike<number>, weights: ArrayLike<number>, count: number, out: T): T {
  let dueTotal = 0;
  for (let i = 0; i < count; i++) {
    out[i] = 0;
    dueTotal += Math.max(0, due[i]);
  }
  // Enough for every share (interest funds usually are): each is paid its due, as the rounds
  // below would pay it (they pay min(available, Σ due) in all and no share above its due).
  if (availableCents >= dueTotal && Number.isInteger(dueTotal)) {
    for (let i = 0; i < count; i++) out[i] = Math.max(0, due[i]);
    return out;
  }
  let left = Math.min(Math.max(0, availableCents), dueTotal);
  reserveProRata(count);
  // Each round either pays everything that is left or fills at least one share to its due.
  for (let round = 0; Math.sign(left) > 0 && round <= count; round++) {
    let openSum = 0;
    for (let i = 0; i < count; i++) {
      openWeights[i] = due[i] - out[i] > 0 ? Math.max(0, weights[i]) : 0;
      openSum += openWeights[i];
    }
    // Shares with a due but no weight (e.g. a balance of 0 with carryover left) split by their due.
    if (!(openSum > 0)) for (let i = 0; i < count; i++) openWeights[i] = Math.max(0, due[i] - out[i]);
    allocateInto(left, openWeights, count, roundShares);
    let moved = NO_CENTS;
    for (let i = 0; i < count; i++) {
      const take = Math.min(roundShares[i], due[i] - out[i]);
      out[i] += take;
      moved += take;
    }
    left -= moved;
    if (moved === 0) break;
  }
  return out;
}

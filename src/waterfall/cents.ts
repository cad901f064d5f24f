import { EngineError } from '../errors';

/**
 * Money in the waterfall: whole cents held in ordinary numbers (exact integers up to 2^53, i.e.
 * about $90 trillion). The projection runs in float64 dollars; every amount that enters a
 * waterfall is rounded once, here, and every split of a cent amount is done by `allocate`, so a
 * period's cash adds up to the cent (architecture.md, "Numbers").
 */

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
  if (!Number.isInteger(totalCents) || totalCents < 0) {
    throw new EngineError('amount', `expected a whole number of cents, 0 or more, got ${totalCents}`);
  }
  let sum = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new EngineError('weights', `expected finite weights of 0 or more, got ${String(w)}`);
    sum += w;
  }
  const shares = new Array<number>(weights.length).fill(0);
  if (sum <= 0 || totalCents === 0) return shares;
  const remainders: { index: number; frac: number }[] = [];
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = (totalCents * weights[i]) / sum;
    const whole = Math.floor(exact);
    shares[i] = whole;
    given += whole;
    remainders.push({ index: i, frac: exact - whole });
  }
  let left = totalCents - given;
  remainders.sort((a, b) => b.frac - a.frac || a.index - b.index);
  for (let j = 0; left > 0; j = (j + 1) % remainders.length) {
    if (weights[remainders[j].index] > 0) {
      shares[remainders[j].index] += 1;
      left -= 1;
    }
  }
  return shares;
}

/**
 * Pays `availableCents` against amounts `due` (cents) in the listed order: each gets
 * min(due, what is left). Returns what each got.
 */
export function paySequential(availableCents: number, due: readonly number[]): number[] {
  let left = Math.max(0, availableCents);
  return due.map((d) => {
    const paid = Math.min(Math.max(0, d), left);
    left -= paid;
    return paid;
  });
}

/**
 * Pays `availableCents` against amounts `due` (cents) pro rata to `weights` (default: the
 * amounts due), never paying any share more than its due: what a capped share cannot take is
 * split again among the others (water-filling), so min(available, Σ due) is paid in all.
 */
export function payProRata(availableCents: number, due: readonly number[], weights: readonly number[] = due): number[] {
  const paid = due.map(() => 0);
  let left = Math.min(Math.max(0, availableCents), due.reduce((a, d) => a + Math.max(0, d), 0));
  // Each round either pays everything that is left or fills at least one share to its due.
  for (let round = 0; left > 0 && round <= due.length; round++) {
    const open = due.map((d, i) => (d - paid[i] > 0 ? Math.max(0, weights[i]) : 0));
    const openSum = open.reduce((a, w) => a + w, 0);
    // Shares with a due but no weight (e.g. a balance of 0 with carryover left) split by their due.
    const use = openSum > 0 ? open : due.map((d, i) => Math.max(0, d - paid[i]));
    const split = allocate(left, use);
    let moved = 0;
    for (let i = 0; i < due.length; i++) {
      const take = Math.min(split[i], due[i] - paid[i]);
      paid[i] += take;
      moved += take;
    }
    left -= moved;
    if (moved === 0) break;
  }
  return paid;
}

import fc from 'fast-check';
import { projectPool } from '../../src/collateral/project';
import type { RepLine } from '../../src/collateral/repline';
import type { ProjectionScenario } from '../../src/collateral/scenario';
import type { PoolFlows } from '../../src/collateral/types';
import { forwardIndexPath, type IndexName } from '../../src/market/indices';
import { principalOut, walMonths } from './helpers';

/** Random rep lines: fixed or ARM (any index, caps, floors), seasoned or new, IO or not. */
const arbArm = fc.record({
  index: fc.constantFrom<IndexName>('libor1m', 'libor6m', 'libor12m', 'cmt1y'),
  marginPct: fc.double({ min: 1, max: 6, noNaN: true }),
  monthsToNextReset: fc.integer({ min: 1, max: 120 }),
  resetFrequencyMonths: fc.constantFrom(1, 6, 12),
  initialCapPct: fc.double({ min: 0, max: 6, noNaN: true }),
  periodicCapPct: fc.double({ min: 0, max: 3, noNaN: true }),
  lifeSpreadPct: fc.double({ min: 0, max: 8, noNaN: true }),
  floorPct: fc.double({ min: 0, max: 4, noNaN: true }),
  lookbackMonths: fc.integer({ min: 0, max: 2 }),
  firstResetDone: fc.boolean(),
});

const arbLine = fc
  .record({
    balance: fc.double({ min: 1, max: 5e7, noNaN: true }),
    grossRatePct: fc.double({ min: 0.5, max: 14, noNaN: true }),
    feePct: fc.double({ min: 0, max: 0.5, noNaN: true }),
    originalTermMonths: fc.constantFrom(120, 180, 240, 360),
    ageFraction: fc.double({ min: 0, max: 0.98, noNaN: true }),
    ioTermMonths: fc.constantFrom(0, 0, 24, 60, 120),
    arm: fc.option(arbArm, { nil: undefined }),
  })
  .map((x): RepLine => {
    const age = Math.floor(x.ageFraction * (x.originalTermMonths - 1));
    const line: RepLine = {
      id: 'l',
      balance: x.balance,
      grossRatePct: x.grossRatePct,
      fees: { servicingPct: Math.min(x.feePct, x.grossRatePct) },
      originalTermMonths: x.originalTermMonths,
      remainingTermMonths: x.originalTermMonths - age,
      ageMonths: age,
      ioTermMonths: x.ioTermMonths,
    };
    if (x.arm === undefined) return line;
    const { lifeSpreadPct, ...arm } = x.arm;
    const lifetimeCapPct = x.grossRatePct + lifeSpreadPct;
    return { ...line, arm: { ...arm, lifetimeCapPct, floorPct: Math.min(arm.floorPct, lifetimeCapPct) } };
  });

const arbLines = fc.array(arbLine, { minLength: 1, maxLength: 5 }).map((lines) => lines.map((l, i) => ({ ...l, id: `line${i}` })));

/** A random index path: every index a short random table (held flat after it). */
const arbIndices = fc
  .array(fc.double({ min: 0, max: 15, noNaN: true }), { minLength: 1, maxLength: 30 })
  .map((values) => forwardIndexPath({ libor1m: values, libor6m: values.map((v) => v + 0.1), libor12m: values.map((v) => v + 0.2), cmt1y: values }));

const arbCpr = fc.oneof(
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
);

const arbScenario = fc.record({
  cprPct: arbCpr,
  cdrPct: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 30, noNaN: true })),
  severityPct: fc.double({ min: 0, max: 100, noNaN: true }),
  lagMonths: fc.integer({ min: 0, max: 12 }),
  indices: arbIndices,
});

function run(lines: RepLine[], sc: { cprPct: number | number[]; cdrPct: number; severityPct: number; lagMonths: number; indices: ReturnType<typeof forwardIndexPath> }): PoolFlows {
  const scenario: ProjectionScenario = {
    prepayment: { kind: 'cpr', cprPct: sc.cprPct },
    cdrPct: sc.cdrPct,
    severityPct: sc.severityPct,
    lagMonths: sc.lagMonths,
    indices: sc.indices,
  };
  return projectPool(lines, scenario);
}

const startOf = (lines: RepLine[]): number => lines.reduce((s, l) => s + l.balance, 0);

describe('collateral projection properties (fast-check)', () => {
  it('no negative balance or flow, and every period conserves principal', () => {
    fc.assert(
      fc.property(arbLines, arbScenario, (lines, sc) => {
        const flows = run(lines, sc);
        const eps = 1e-9 * startOf(lines);
        const problems: string[] = [];
        for (let i = 0; i < flows.periods; i++) {
          const arrays = { beginBalance: flows.beginBalance, endBalance: flows.endBalance, scheduledPrincipal: flows.scheduledPrincipal, prepayment: flows.prepayment, defaultedBalance: flows.defaultedBalance, recovery: flows.recovery, loss: flows.loss, grossInterest: flows.grossInterest };
          for (const [name, a] of Object.entries(arrays)) if (!(a[i] >= -eps)) problems.push(`${name}[${i}] = ${a[i]}`);
          if (!Number.isFinite(flows.netRate[i]) || !Number.isFinite(flows.netMaxRate[i])) problems.push(`rate[${i}] not finite`);
          const out = flows.scheduledPrincipal[i] + flows.prepayment[i] + flows.recovery[i] + flows.loss[i];
          if (!(Math.abs(flows.beginBalance[i] - out - flows.endBalance[i]) <= eps)) problems.push(`period ${i + 1} does not conserve principal`);
          if (i > 0 && !(Math.abs(flows.beginBalance[i] - flows.endBalance[i - 1]) <= eps)) problems.push(`period ${i + 1} begins off the previous end`);
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('conservation: scheduled + prepaid + defaulted = the starting balance, and every default is recovered or lost', () => {
    fc.assert(
      fc.property(arbLines, arbScenario, (lines, sc) => {
        const flows = run(lines, sc);
        const start = startOf(lines);
        expect(Math.abs(principalOut(flows) - start)).toBeLessThanOrEqual(1e-9 * start);
        const defaulted = flows.defaultedBalance.reduce((s, x) => s + x, 0);
        const liquidated = flows.recovery.reduce((s, x) => s + x, 0) + flows.loss.reduce((s, x) => s + x, 0);
        expect(Math.abs(defaulted - liquidated)).toBeLessThanOrEqual(1e-9 * start);
        expect(flows.endBalance[flows.periods - 1]).toBeLessThanOrEqual(1e-9 * start);
      }),
      { numRuns: 150 },
    );
  });

  it('the balance never rises at non-negative speeds', () => {
    fc.assert(
      fc.property(arbLines, arbScenario, (lines, sc) => {
        const flows = run(lines, sc);
        const eps = 1e-9 * startOf(lines);
        let rises = 0;
        for (let i = 0; i < flows.periods; i++) if (flows.endBalance[i] > flows.beginBalance[i] + eps) rises++;
        expect(rises).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('a faster speed never lengthens the WAL (and never leaves more balance in any period)', () => {
    fc.assert(
      fc.property(
        arbLines,
        arbIndices,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (lines, indices, a, b) => {
          const [slow, fast] = a <= b ? [a, b] : [b, a];
          const base = { cdrPct: 0, severityPct: 0, lagMonths: 0, indices };
          const s = run(lines, { ...base, cprPct: slow });
          const f = run(lines, { ...base, cprPct: fast });
          const eps = 1e-9 * startOf(lines);
          let above = 0;
          for (let i = 0; i < s.periods; i++) if (f.endBalance[i] > s.endBalance[i] + eps) above++;
          expect(above).toBe(0);
          expect(walMonths(f)).toBeLessThanOrEqual(walMonths(s) + 1e-9);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/**
 * What a projection call needs only while it runs, kept for the next call instead of allocated
 * each time: its lines' states (lineState.ts) and its SMM and MDR tables. A call takes them at its
 * start and releases them at its end; a call made inside another (a prepayment function of the
 * loan month that projects a pool itself) finds them taken and allocates its own.
 */
import { LineState, LIST_END } from './lineState';

const keptStates: LineState[] = [];
let keptTables = new Float64Array(0);
let taken = false;

/** Takes the kept scratch for a call: false when a call already has it. */
export function takeScratch(): boolean {
  if (taken) return false;
  taken = true;
  return true;
}

/** The call that took the scratch is done with it. */
export function releaseScratch(): void {
  taken = false;
}

/**
 * `count` line states, whose fields the caller writes, each linked to the next (the period loop's
 * list of lines running): the kept ones when the call has taken the scratch, else new ones.
 */
export function lineStates(count: number, kept: boolean): LineState[] {
  let states: LineState[];
  if (kept) {
    while (keptStates.length < count) keptStates.push(new LineState());
    states = keptStates.slice(0, count);
  } else states = Array.from({ length: count }, () => new LineState());
  for (let i = 0; i < count; i++) states[i].next = i + 1 < count ? states[i + 1] : LIST_END;
  return states;
}

/** `size` doubles of zeros for a call's tables: the kept ones when the call has taken the scratch. */
export function tableSpace(size: number, kept: boolean): Float64Array {
  if (!kept) return new Float64Array(size);
  if (keptTables.length < size) keptTables = new Float64Array(size);
  else keptTables.fill(0, 0, size);
  return keptTables;
}

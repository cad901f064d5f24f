/**
 * The one line a sheet header or DEALS() shows for a deal's tie-out ('328/348 printed figures
 * reproduced (94.3%); 20 misses, each diagnosed'), generated with tieOut.json into
 * tieOutLines.json (`npm run tie-out`; a test fails when it is stale), so that the functions
 * bundle carries these lines and not the 22 KB of reasons only the pane shows.
 */
import lines from './tieOutLines.json';

const LINES: Readonly<Record<string, string>> = lines;

/** The deal's line; says so when the deal has no scoreboard. */
export function tieOutLine(dealId: string): string {
  return LINES[dealId] ?? 'no printed figures to compare';
}

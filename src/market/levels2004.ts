import { EngineError } from '../errors';
import type { IndexLevels } from './indices';

/**
 * Index levels on and around the two pricing dates, percent per year, as published.
 *
 * Source (conventions.md §13; `shared/reference/rates-2004.json`): FRED daily series
 * USD1MTD156N, USD6MTD156N, USD12MD156N (BBA LIBOR fixings, London 11:00) and DGS1 (H.15 1-Year
 * Treasury constant maturity), read from the FRED bulk files stored at
 * `AdrianVAlecu/GMS_VAAS:IR_txt_2/data/<ID>.txt` (commit 183b1c5e), each value equal to a second
 * copy (`alex-sh-yau/vasicek_stochastic_model` for LIBOR; `economics-databases/Interest-rate` and
 * the Fed H.15 DDP file for DGS1).
 *
 * The ambiguity, stated once: neither term sheet prints the index levels it used. The Impac
 * materials are dated January 13, 2004 with pricing expected January [15]; CWALT's are dated
 * April 6, 2004. On those days 1M LIBOR is the same (1.10) on every candidate date, 6M LIBOR moves
 * by at most 0.005, 12M LIBOR by up to 0.015 (Jan) or 0.03 (Apr), and the 1-Year CMT by up to 0.03
 * (and the ARM notes may use the weekly average, not collected: week to Jan 16 averages 1.194,
 * week to Apr 9 1.32). The defaults below are the document dates; a user overrides any level.
 */

/** Levels of one day with the series each came from. */
export interface SourcedIndexLevels {
  /** ISO date of the fixings. */
  readonly date: string;
  readonly levels: IndexLevels;
  /** FRED series id per index. */
  readonly source: Readonly<Record<keyof IndexLevels, string>>;
  /** What is uncertain about using this day. */
  readonly note: string;
}

const FRED: Readonly<Record<keyof IndexLevels, string>> = {
  libor1m: 'FRED USD1MTD156N (BBA 1M LIBOR)',
  libor6m: 'FRED USD6MTD156N (BBA 6M LIBOR)',
  libor12m: 'FRED USD12MD156N (BBA 12M LIBOR)',
  cmt1y: 'FRED DGS1 (H.15 1-Year CMT, daily)',
};

/** Daily levels of conventions.md §13, [1M, 6M, 12M LIBOR, 1Y CMT]. */
const DAILY: Readonly<Record<string, readonly [number, number, number, number]>> = {
  '2004-01-12': [1.1, 1.17, 1.3425, 1.21],
  '2004-01-13': [1.1, 1.17, 1.35, 1.18],
  '2004-01-14': [1.1, 1.165, 1.3375, 1.19],
  '2004-01-15': [1.1, 1.17, 1.34875, 1.18],
  '2004-01-16': [1.1, 1.17, 1.365, 1.21],
  '2004-04-02': [1.09, 1.17, 1.37, 1.3],
  '2004-04-05': [1.1, 1.23, 1.52, 1.34],
  '2004-04-06': [1.1, 1.23, 1.51, 1.31],
  '2004-04-07': [1.1, 1.2225, 1.4925, 1.31],
  '2004-04-08': [1.1, 1.225, 1.5, 1.32],
};

/** The dates with sourced levels. */
export const SOURCED_DATES: readonly string[] = Object.keys(DAILY);

/** The four index levels published for `isoDate` (one of `SOURCED_DATES`). */
export function indexLevelsOn(isoDate: string): SourcedIndexLevels {
  const row = DAILY[isoDate];
  if (row === undefined) {
    throw new EngineError('date', `expected one of the sourced dates ${SOURCED_DATES.join(', ')}, got "${isoDate}"`, 'notAvailable');
  }
  return {
    date: isoDate,
    levels: { libor1m: row[0], libor6m: row[1], libor12m: row[2], cmt1y: row[3] },
    source: FRED,
    note: 'as published that day',
  };
}

/**
 * Impac CMB Trust 2004-1: the term sheet is dated January 13, 2004 (expected pricing January [15]).
 * 1M 1.10, 6M 1.17, 12M 1.35, 1Y CMT 1.18. Candidates Jan 12–15: 12M 1.3375–1.35, CMT 1.18–1.21.
 */
export const IMPAC_PRICING_LEVELS: SourcedIndexLevels = {
  ...indexLevelsOn('2004-01-13'),
  note: 'Impac TS dated 2004-01-13 (pricing expected Jan [15]); 12M LIBOR 1.3375–1.35 and 1Y CMT 1.18–1.21 over Jan 12–15; the CMT index may be the weekly average (week to Jan 16: 1.194)',
};

/**
 * CWALT 2004-J4: computational materials dated April 6, 2004. 1M 1.10, 6M 1.23, 12M 1.51, 1Y CMT
 * 1.31. CSFB 2004-4, priced the same week, prints 1.1 / 1.23 / 1.52 (the April 5 fixings) and a
 * CMT of 1.323, which is no daily print (an average?).
 */
export const CWALT_PRICING_LEVELS: SourcedIndexLevels = {
  ...indexLevelsOn('2004-04-06'),
  note: 'CWALT TS dated 2004-04-06; 12M LIBOR 1.51 (Apr 6) or 1.52 (Apr 5), 1Y CMT 1.31–1.34; CSFB 2004-4 used 1.1/1.23/1.52/1.323',
};

/** Deal terms are checked as the registry loads them (src/engine/validateDeal.ts). */
export * from '../engine/validateDeal';

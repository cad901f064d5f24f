/** The interface every deal offers the run layer lives with the engine (src/engine/dealModel.ts). */
export * from '../engine/dealModel';

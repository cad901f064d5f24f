// The loader lives in src/node/ so the benchmarks use the same one as the tests.
export * from '../../src/node/functionsBundle';

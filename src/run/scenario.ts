/**
 * The scenario as the shells see it: the type and its one normaliser live below the deals
 * (src/scenario/), re-exported here so functions/, taskpane/ and the CLI reach it through src/run/.
 */
export type { Credit, Conventions, Horizon, IndexLevels, Issue, Normalised, Scenario, ScenarioInput, Speed } from '../scenario/types';
export { DEFAULT_SCENARIO } from '../scenario/types';
export { checkScenario, issuesError, normaliseHorizon, normaliseScenario, normaliseSpeed, scenarioKey } from '../scenario/normalise';

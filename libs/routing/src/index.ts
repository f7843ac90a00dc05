export { RoutingModule } from './routing.module';
/** Picks the deployment for a request's model group. */
export { Router } from './router';
export type { Route } from './router';
export { shuffleWeights, WeightedPicker } from './weighted-picker';

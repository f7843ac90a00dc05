export { RoutingModule } from './routing.module';
/** Picks the deployment for a request's model group. */
export { noDeploymentAvailable, Router } from './router';
export type { Route, RouteRequest } from './router';
/** Deployments cooling down after failures, shared across replicas through Redis. */
export { Cooldowns } from './cooldowns';
/** Deployments failing their health checks. */
export { DeploymentHealth } from './deployment-health';
/** In-flight requests, latency and usage per deployment, for the routing strategies. */
export { DeploymentStats } from './deployment-stats';
export { shuffleWeights, WeightedPicker } from './weighted-picker';

export { HealthModule } from './health.module';
/** Calls deployments with a minimal request and feeds the results to the router. */
export { HealthCheckService } from './health-check.service';
export type { EndpointHealth, HealthReport } from './health-check.service';
/** Each deployment's routing state (cooldowns, background health checks), for the admin API. */
export { DeploymentStates } from './deployment-states';
export type { DeploymentState, DeploymentStatus } from './deployment-states';

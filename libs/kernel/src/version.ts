/** Reported by `/health/readiness` as `litellm_version`; kept in step with package.json. */
export const SWITCHYARD_VERSION = '0.1.0';

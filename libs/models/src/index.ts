export { ModelsModule } from './models.module';
/** Model groups, aliases and wildcard routes of `model_list`. */
export { ModelCatalog, upstreamModelFor } from './model-catalog';
export type { ResolvedModel } from './model-catalog';
/** The deployments in force: config's plus those stored in the database. */
export { ModelRegistry } from './model-registry';
export { ModelAdminService } from './model-admin.service';
export type { ModelEntry, ModelInfoEntry } from './model-admin.service';
/** Credentials removed from `litellm_params` (what `/model/info` and the audit log show). */
export { isSecretParam, withoutSecrets } from './model-secrets';

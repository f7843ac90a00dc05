export { ModelsModule } from './models.module';
/** Model groups, aliases and wildcard routes of `model_list`. */
export { ModelCatalog, upstreamModelFor } from './model-catalog';
export type { ResolvedModel } from './model-catalog';

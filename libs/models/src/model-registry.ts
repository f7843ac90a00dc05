import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  GATEWAY_CONFIG,
  parseDeploymentEntry,
  type DeploymentConfig,
  type GatewayConfig,
} from '@switchyard/config';
import { IdentityEvents } from '@switchyard/identity';

import { ModelCatalog } from './model-catalog';
import { ModelSecrets } from './model-secrets';
import { StoredModelRepository } from './stored-model.repository';

/**
 * The deployments in force: config.yaml's plus those stored in the database (STORE_MODEL_IN_DB),
 * rebuilt into a new catalog whenever any replica changes a stored model.
 */
@Injectable()
export class ModelRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('Models');
  private current: ModelCatalog;
  private storedIds = new Set<string>();
  readonly secrets: ModelSecrets;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    events: IdentityEvents,
    private readonly stored: StoredModelRepository,
  ) {
    this.current = new ModelCatalog(
      config.modelList,
      config.routerSettings.modelGroupAlias,
      config.routerSettings.hiddenModelGroupAliases,
    );
    this.secrets = new ModelSecrets(config.saltKey);
    events.on((event) => {
      if (event.type === 'models')
        void this.refresh().catch((error: Error) => this.logger.error(`reload failed: ${error.message}`));
    });
  }

  /** @hotpath The catalog requests resolve against; replaced, never mutated. */
  get catalog(): ModelCatalog {
    return this.current;
  }

  isStored(id: string): boolean {
    return this.storedIds.has(id);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.storeModelInDb) await this.refresh();
  }

  /** Reloads the stored deployments; a row that no longer validates or decrypts is skipped and logged. */
  async refresh(): Promise<void> {
    const rows = await this.stored.list();
    const deployments: DeploymentConfig[] = [];
    for (const row of rows) {
      try {
        const parsed = parseDeploymentEntry({
          model_name: row.modelName,
          litellm_params: this.secrets.open(row.litellmParams),
          model_info: { ...row.modelInfo, id: row.id },
        });
        if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
        deployments.push(parsed.deployment);
      } catch (error) {
        this.logger.error(
          `stored model ${row.id} skipped: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    this.storedIds = new Set(deployments.map((d) => d.info.id));
    this.current = new ModelCatalog(
      [...this.config.modelList, ...deployments],
      this.config.routerSettings.modelGroupAlias,
      this.config.routerSettings.hiddenModelGroupAliases,
    );
  }
}

import { Module } from '@nestjs/common';
import { IdentityModule } from '@switchyard/identity';

import { ModelAdminService } from './model-admin.service';
import { ModelRegistry } from './model-registry';
import { StoredModelRepository } from './stored-model.repository';

@Module({
  imports: [IdentityModule],
  providers: [ModelAdminService, ModelRegistry, StoredModelRepository],
  exports: [ModelAdminService, ModelRegistry],
})
export class ModelsModule {}

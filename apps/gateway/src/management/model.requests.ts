import { z } from 'zod';

import { id } from './request-fields';

/** `/model/*` request bodies in LiteLLM's names. */
export const modelEntry = z.object({
  model_name: z.string().min(1).optional(),
  litellm_params: z.record(z.string(), z.unknown()).optional(),
  model_info: z.record(z.string(), z.unknown()).optional(),
});
export const newModel = modelEntry.extend({
  model_name: z.string().min(1),
  litellm_params: z.record(z.string(), z.unknown()),
});
export const updateModel = modelEntry.extend({ id: id.optional(), model_id: id.optional() });
export const deleteModel = z.object({ id });
export const modelInfoQuery = z.object({ litellm_model_id: id.optional() });

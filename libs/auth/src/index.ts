export { AuthModule } from './auth.module';
/** Authenticates a request's key (master key for now). */
export { AuthService } from './auth.service';
export type { Principal } from './auth.service';
export { ApiKeyGuard } from './api-key.guard';
export { apiKeyFromHeaders } from './api-key-header';

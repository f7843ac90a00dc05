export { AuthModule } from './auth.module';
/** OIDC single sign-on routes and the session cookie they set. */
export { SsoModule } from './sso/sso.module';
export { SESSION_COOKIE } from './sso/sso-cookies';
/** Authenticates a request's key: master key or virtual key. */
export { AuthService } from './auth.service';
export type { RequestPrincipal } from './request-principal';
export { ApiKeyGuard } from './api-key.guard';
export { apiKeyFromHeaders } from './api-key-header';
export { authorizeModel, canSeeModel } from './model-access';

// Under `moduleResolution: node` TypeScript does not read package.json `exports`, so the
// strategy's subpath needs pointing at its declarations.
declare module 'openid-client/passport' {
  export * from 'openid-client/build/passport';
}

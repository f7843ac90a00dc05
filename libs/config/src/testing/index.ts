export { createDeployment } from './deployment.factory';

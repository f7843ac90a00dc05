/** A failure that ends the import before anything is written: printed as is, exit code 1. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

import type { Config } from '../../config.js';
import { type FileStore, LocalStore } from './attachments.storage.js';
import { S3Store } from './s3-store.js';

const stores = new WeakMap<Config, FileStore>();

/** The configured store, one per configuration (an S3 client keeps its connections). */
export function fileStoreFor(config: Pick<Config, 'storage' | 's3' | 'uploadDir'>): FileStore {
  let store = stores.get(config as Config);
  if (!store) {
    store = storeOfKind(config, config.storage);
    stores.set(config as Config, store);
  }
  return store;
}

/** A store of the given kind (storage:migrate opens both); s3 needs the S3_* settings. */
export function storeOfKind(config: Pick<Config, 's3' | 'uploadDir'>, kind: 'local' | 's3'): FileStore {
  if (kind === 'local') return new LocalStore(config.uploadDir);
  if (!config.s3) throw new Error('S3_BUCKET (and the other S3_* settings) must be set for the s3 store');
  return new S3Store(config.s3);
}

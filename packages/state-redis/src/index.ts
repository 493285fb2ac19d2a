export { redactUrl } from './redact-url.js';
export {
  createRedisStateStore,
  type RedisStateStore,
  type RedisStateStoreOptions,
} from './redis-state-store.js';
export { StateRedisError } from './state-redis-error.js';
export { VERSION } from './version.js';

export { type AppOptions, buildApp } from './app';
export { type Config, ConfigError, loadConfig } from './config';
export { type DataDirLock, LOCK_FILE, lockDataDir } from './data-lock';
export { SESSION_COOKIE } from './http/auth';
export { Components } from './http/components';
export { type RunningServer, startServer } from './start';
export { StartupError } from './start-errors';
export {
  fastifyTrustProxy,
  isLegacyTrustProxy,
  parseTrustProxy,
  type TrustProxy,
  TrustProxyError,
} from './trust-proxy';
export { VERSION } from './version';

import { resolve } from 'node:path';
import { type AllowList, AllowListError, parseAllowList } from '@forecourt/engine';
import { envSchema } from 'env-schema';
import { parseTrustProxy, type TrustProxy, TrustProxyError } from './trust-proxy';

/** Everything the server reads from the environment, validated once at start. */
export interface Config {
  PORT: number;
  HOST: string;
  DATABASE_URL?: string;
  FORECOURT_DATA_DIR: string;
  FORECOURT_CACHE_DIR: string;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  FORECOURT_BODY_LIMIT: number;
  FORECOURT_UPLOAD_LIMIT_MB: number;
  FORECOURT_ADMIN_EMAIL?: string;
  FORECOURT_ADMIN_PASSWORD?: string;
  FORECOURT_SECRET?: string;
  FORECOURT_COOKIE_SECURE: boolean;
  FORECOURT_SESSION_HOURS: number;
  FORECOURT_LOGIN_MAX_FAILURES: number;
  FORECOURT_LOGIN_ACCOUNT_MAX_FAILURES: number;
  FORECOURT_LOGIN_LOCK_MINUTES: number;
  FORECOURT_LOGIN_RATE_LIMIT: number;
  /** Which reverse proxies may say who the client is (server/src/trust-proxy.ts); false: none. */
  FORECOURT_TRUST_PROXY: TrustProxy;
  FORECOURT_DB_POOL: number;
  FORECOURT_BENCH: boolean;
  /** `off` keeps this process from running jobs (another process does them, or a test drives them). */
  FORECOURT_WORKER: 'on' | 'off';
  /** How long a claimed job is held before another process may take it over (a killed one's). */
  FORECOURT_JOB_LEASE_SECONDS: number;
  /** Exceptions to the outbound guard: hosts, host:port, addresses or CIDR ranges (engine/src/outbound). */
  FORECOURT_OUTBOUND_ALLOW: AllowList;
  /** Expression worker threads (JSONata runs there, never on the request thread); 0 = cores − 1, 1 to 4. */
  FORECOURT_EXPRESSION_WORKERS: number;
  /** CPU milliseconds one evaluation of an expression may use. */
  FORECOURT_EXPRESSION_CPU_MS: number;
  /** CPU milliseconds all expressions of one request may use together. */
  FORECOURT_EXPRESSION_REQUEST_CPU_MS: number;
}

const schema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    FORECOURT_DATA_DIR: { type: 'string', minLength: 1, default: './data' },
    FORECOURT_CACHE_DIR: { type: 'string', minLength: 1, default: './node_modules/.cache/forecourt' },
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
    FORECOURT_BODY_LIMIT: { type: 'integer', minimum: 1024, maximum: 104857600, default: 1048576 },
    FORECOURT_UPLOAD_LIMIT_MB: { type: 'integer', minimum: 1, maximum: 2048, default: 20 },
    FORECOURT_ADMIN_EMAIL: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' },
    FORECOURT_ADMIN_PASSWORD: { type: 'string', minLength: 10, maxLength: 200 },
    FORECOURT_SECRET: { type: 'string', minLength: 32 },
    FORECOURT_COOKIE_SECURE: { type: 'boolean', default: false },
    FORECOURT_SESSION_HOURS: { type: 'integer', minimum: 1, maximum: 8760, default: 168 },
    FORECOURT_LOGIN_MAX_FAILURES: { type: 'integer', minimum: 1, maximum: 100, default: 5 },
    FORECOURT_LOGIN_ACCOUNT_MAX_FAILURES: { type: 'integer', minimum: 1, maximum: 10000, default: 20 },
    FORECOURT_LOGIN_LOCK_MINUTES: { type: 'integer', minimum: 1, maximum: 1440, default: 15 },
    FORECOURT_LOGIN_RATE_LIMIT: { type: 'integer', minimum: 1, maximum: 10000, default: 30 },
    FORECOURT_TRUST_PROXY: { type: 'string', maxLength: 4000, default: 'false' },
    FORECOURT_DB_POOL: { type: 'integer', minimum: 1, maximum: 200, default: 10 },
    FORECOURT_BENCH: { type: 'boolean', default: false },
    FORECOURT_WORKER: { type: 'string', enum: ['on', 'off'], default: 'on' },
    FORECOURT_JOB_LEASE_SECONDS: { type: 'integer', minimum: 1, maximum: 3600, default: 30 },
    FORECOURT_OUTBOUND_ALLOW: { type: 'string', maxLength: 4000, default: '' },
    FORECOURT_EXPRESSION_WORKERS: { type: 'integer', minimum: 0, maximum: 64, default: 0 },
    FORECOURT_EXPRESSION_CPU_MS: { type: 'integer', minimum: 10, maximum: 60000, default: 100 },
    FORECOURT_EXPRESSION_REQUEST_CPU_MS: { type: 'integer', minimum: 100, maximum: 3600000, default: 30000 },
  },
} as const;

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  let config: Omit<Config, 'FORECOURT_OUTBOUND_ALLOW' | 'FORECOURT_TRUST_PROXY'> & {
    FORECOURT_OUTBOUND_ALLOW: string;
    FORECOURT_TRUST_PROXY: string;
  };
  let allow: AllowList;
  let trustProxy: TrustProxy;
  try {
    config = envSchema<typeof config>({ schema, data: cleaned, dotenv: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `Forecourt cannot start, the configuration is wrong: ${message.replaceAll('env/', '')}. See docs/configuration.md.`,
    );
  }
  try {
    allow = parseAllowList(config.FORECOURT_OUTBOUND_ALLOW);
  } catch (error) {
    if (!(error instanceof AllowListError)) throw error;
    throw new ConfigError(
      `Forecourt cannot start, the configuration is wrong: FORECOURT_OUTBOUND_ALLOW: ${error.message}. See docs/configuration.md.`,
    );
  }
  try {
    trustProxy = parseTrustProxy(config.FORECOURT_TRUST_PROXY);
  } catch (error) {
    if (!(error instanceof TrustProxyError)) throw error;
    throw new ConfigError(
      `Forecourt cannot start, the configuration is wrong: FORECOURT_TRUST_PROXY: ${error.message}. See docs/configuration.md.`,
    );
  }
  return {
    ...config,
    FORECOURT_OUTBOUND_ALLOW: allow,
    FORECOURT_TRUST_PROXY: trustProxy,
    FORECOURT_DATA_DIR: resolve(config.FORECOURT_DATA_DIR),
    FORECOURT_CACHE_DIR: resolve(config.FORECOURT_CACHE_DIR),
  };
}

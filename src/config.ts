/**
 * Every setting of Jasque, read once from the environment and an optional `.env` file (the real
 * environment wins), validated with zod, and frozen. The only reader of `process.env`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { z } from 'zod'
import { ConfigError } from './errors.ts'
import { type OtlpConfig, parseOtlpConfig } from './otlp-config.ts'

export const LLM_PROVIDERS = ['anthropic', 'openai', 'google', 'openai-compatible'] as const
export type LlmProvider = (typeof LLM_PROVIDERS)[number]

export interface ModelSpec {
  provider: LlmProvider
  model: string
}

const DEFAULT_ORIGINS = ['app://obsidian.md', 'http://localhost', 'http://127.0.0.1']

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()

// An empty value is refused rather than read as 0 (`PORT=""` would listen on a random port).
const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback)

const boolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      message: 'must be true or false',
    })
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
    .default(fallback)

const envSchema = z.object({
  HOST: optionalText,
  PORT: integer(8123, 0, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OBSIDIAN_VAULT_PATH: optionalText,
  JASQUE_WATCH: boolean(true),
  LLM_MODEL: z.string().trim().default('anthropic:claude-sonnet-4-5'),
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  GOOGLE_API_KEY: optionalText,
  LLM_BASE_URL: optionalText.pipe(z.url().optional()),
  LLM_API_KEY: optionalText,
  LLM_TIMEOUT_MS: integer(120_000, 1000, 3_600_000),
  LLM_MAX_RETRIES: integer(2, 0, 10),
  AGENT_MAX_STEPS: integer(20, 1, 200),
  MAX_CONVERSATION_MESSAGES: integer(50, 1, 10_000),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  JASQUE_DATA_DIR: z.string().trim().default('./.jasque'),
  JOURNAL_RETENTION_DAYS: integer(30, 1, 36_500),
  JOURNAL_MAX_ENTRIES: integer(10_000, 10, 10_000_000),
  JASQUE_API_KEY: optionalText,
  ALLOWED_ORIGINS: optionalText,
  REQUEST_TIMEOUT_MS: integer(600_000, 1000, 86_400_000),
  SHUTDOWN_TIMEOUT_MS: integer(10_000, 0, 600_000),
  JASQUE_TRACE_CONTENT: boolean(true),
  JASQUE_STREAM_PROGRESS: z.enum(['auto', 'think', 'off']).default('auto'),
  JASQUE_STORE_PROMPTS: boolean(true),
})

export interface Config {
  host: string
  port: number
  logLevel: string
  vaultPath: string
  watch: boolean
  llm: {
    model: ModelSpec
    anthropicApiKey: string | undefined
    anthropicBaseUrl: string | undefined
    openaiApiKey: string | undefined
    openaiBaseUrl: string | undefined
    googleApiKey: string | undefined
    baseUrl: string | undefined
    apiKey: string | undefined
    timeoutMs: number
    maxRetries: number
  }
  agentMaxSteps: number
  maxConversationMessages: number
  databaseUrl: string | undefined
  dataDir: string
  journalRetentionDays: number
  journalMaxEntries: number
  apiKey: string | undefined
  allowedOrigins: string[]
  requestTimeoutMs: number
  shutdownTimeoutMs: number
  traceContent: boolean
  /** Tool progress in streamed answers: `auto` = `think` for Obsidian (Origin app://obsidian.md), else off. */
  streamProgress: 'auto' | 'think' | 'off'
  /** OpenTelemetry export; undefined (off) unless an OTLP endpoint is set. */
  otlp: OtlpConfig | undefined
  /** False keeps the user's request out of the run records (the activity page then shows none). */
  storePrompts: boolean
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Read `<cwd>/.env` (default true). */
  readDotEnv?: boolean
}

/**
 * The Anthropic SDK appends `/messages` to its base URL, which must end in `/v1`; Anthropic's own
 * tools document the URL without it, so both `https://host` and `https://host/v1` are accepted.
 */
export function normalizeAnthropicBaseUrl(value: string): string {
  const trimmed = value.replace(/\/+$/, '')
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`
}

/** Parses `provider:model`; `google-gla` is accepted as `google`. Returns an error text on failure. */
export function parseModelSpec(value: string): ModelSpec | string {
  const separator = value.indexOf(':')
  if (separator <= 0 || separator === value.length - 1) {
    return `LLM_MODEL must look like provider:model (for example anthropic:claude-sonnet-4-5), got "${value}"`
  }
  const rawProvider = value.slice(0, separator).trim().toLowerCase()
  const provider = rawProvider === 'google-gla' ? 'google' : rawProvider
  const model = value.slice(separator + 1).trim()
  if (!(LLM_PROVIDERS as readonly string[]).includes(provider)) {
    return `LLM_MODEL has an unknown provider "${rawProvider}"; use one of ${LLM_PROVIDERS.join(', ')}`
  }
  if (model === '') return `LLM_MODEL has no model name after "${rawProvider}:"`
  return { provider: provider as LlmProvider, model }
}

function parseOrigins(value: string | undefined, problems: string[]): string[] {
  if (value === undefined) return DEFAULT_ORIGINS
  if (value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value)
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
        return parsed.map((item) => item.trim()).filter(Boolean)
      }
    } catch {
      // reported below
    }
    problems.push('ALLOWED_ORIGINS must be a comma-separated list or a JSON array of strings')
    return DEFAULT_ORIGINS
  }
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

function resolveVaultPath(value: string | undefined, cwd: string, problems: string[]): string {
  if (value === undefined) {
    const fallback = path.resolve(cwd, 'vault')
    if (existsSync(fallback) && statSync(fallback).isDirectory()) return fallback
    problems.push(
      'OBSIDIAN_VAULT_PATH is not set: set it to your vault folder (export OBSIDIAN_VAULT_PATH=/path/to/vault or add it to .env), or run `npm run demo` to try Jasque on a small demo vault',
    )
    return ''
  }
  const resolved = path.resolve(cwd, value)
  if (!existsSync(resolved)) {
    problems.push(
      `OBSIDIAN_VAULT_PATH points to ${resolved}, which does not exist (set it to your vault folder, or run \`npm run demo\` to try Jasque on a small demo vault)`,
    )
  } else if (!statSync(resolved).isDirectory()) {
    problems.push(`OBSIDIAN_VAULT_PATH points to ${resolved}, which is not a folder`)
  }
  return resolved
}

function readDotEnvFile(cwd: string, problems: string[]): Record<string, string> {
  const file = path.join(cwd, '.env')
  if (!existsSync(file)) return {}
  try {
    return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>
  } catch (error) {
    problems.push(`.env could not be read: ${(error as Error).message}`)
    return {}
  }
}

/** JASQUE_DATA_DIR (environment, then `.env`, then `./.jasque`) as an absolute path; nothing else is checked. */
export function resolveDataDir({
  env = process.env,
  cwd = process.cwd(),
  readDotEnv = true,
}: LoadConfigOptions = {}): string {
  const fromDotEnv = readDotEnv ? readDotEnvFile(cwd, []) : {}
  const value = (env.JASQUE_DATA_DIR ?? fromDotEnv.JASQUE_DATA_DIR ?? '').trim()
  return path.resolve(cwd, value === '' ? './.jasque' : value)
}

/**
 * Loads and validates the configuration. Throws ConfigError listing every problem at once.
 * Reads `.env` from `cwd` when present; values in the real environment take precedence.
 */
export function loadConfig({
  env = process.env,
  cwd = process.cwd(),
  readDotEnv = true,
}: LoadConfigOptions = {}): Readonly<Config> {
  const problems: string[] = []
  const merged: Record<string, string | undefined> = {
    ...(readDotEnv ? readDotEnvFile(cwd, problems) : {}),
    ...env,
  }
  const parsed = envSchema.safeParse(merged)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(
        `${issue.path.join('.')}: ${issue.message} (got "${merged[String(issue.path[0])] ?? ''}")`,
      )
    }
    // Go on with the defaults for the invalid values, so every other problem is reported too.
    const invalid = new Set(parsed.error.issues.map((issue) => String(issue.path[0])))
    const rest = Object.fromEntries(Object.entries(merged).filter(([key]) => !invalid.has(key)))
    checkValues(envSchema.parse(rest), cwd, problems)
    parseOtlpConfig(merged, problems)
    throw new ConfigError(problems)
  }
  const { values, model, vaultPath, allowedOrigins } = checkValues(parsed.data, cwd, problems)
  const otlp = parseOtlpConfig(merged, problems)
  if (problems.length > 0) throw new ConfigError(problems)

  const config: Config = {
    host: values.HOST ?? '127.0.0.1',
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    vaultPath,
    watch: values.JASQUE_WATCH,
    llm: {
      model: model as ModelSpec,
      anthropicApiKey: values.ANTHROPIC_API_KEY,
      anthropicBaseUrl: values.ANTHROPIC_BASE_URL && normalizeAnthropicBaseUrl(values.ANTHROPIC_BASE_URL),
      openaiApiKey: values.OPENAI_API_KEY,
      openaiBaseUrl: values.OPENAI_BASE_URL,
      googleApiKey: values.GOOGLE_API_KEY,
      baseUrl: values.LLM_BASE_URL,
      apiKey: values.LLM_API_KEY,
      timeoutMs: values.LLM_TIMEOUT_MS,
      maxRetries: values.LLM_MAX_RETRIES,
    },
    agentMaxSteps: values.AGENT_MAX_STEPS,
    maxConversationMessages: values.MAX_CONVERSATION_MESSAGES,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(cwd, values.JASQUE_DATA_DIR),
    journalRetentionDays: values.JOURNAL_RETENTION_DAYS,
    journalMaxEntries: values.JOURNAL_MAX_ENTRIES,
    apiKey: values.JASQUE_API_KEY,
    allowedOrigins,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    traceContent: values.JASQUE_TRACE_CONTENT,
    streamProgress: values.JASQUE_STREAM_PROGRESS,
    otlp,
    storePrompts: values.JASQUE_STORE_PROMPTS,
  }
  return Object.freeze(config)
}

/** The checks across values: model, provider URL, vault folder, origins; problems are appended. */
function checkValues(values: z.infer<typeof envSchema>, cwd: string, problems: string[]) {
  const model = parseModelSpec(values.LLM_MODEL)
  if (typeof model === 'string') problems.push(model)
  if (
    typeof model !== 'string' &&
    model.provider === 'openai-compatible' &&
    values.LLM_BASE_URL === undefined
  ) {
    problems.push(
      'LLM_BASE_URL must be set for the openai-compatible provider (for example http://127.0.0.1:11434/v1)',
    )
  }
  const vaultPath = resolveVaultPath(values.OBSIDIAN_VAULT_PATH, cwd, problems)
  const allowedOrigins = parseOrigins(values.ALLOWED_ORIGINS, problems)
  return { values, model, vaultPath, allowedOrigins }
}

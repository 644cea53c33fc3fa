import { z } from "zod";

// Every setting the server reads, validated once. Defaults make `npm start` work on a
// fresh machine; production sets them explicitly (see README "Configuration").
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^file:/, "DATABASE_URL must be a SQLite file URL such as file:./data/app.db")
    .default("file:./data/app.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** base64 of 32 random bytes; encrypts ID-card numbers. Created in data/ when absent. */
  APP_SECRET_KEY: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** base64 of a 32-byte Ed25519 seed that signs verifiable credentials; derived from the master key when absent. */
  CREDENTIAL_SIGNING_KEY: z.string().optional(),
  /** The site's public address (https://train.example.gov.cn) for links printed in QR codes; defaults to the request's origin. */
  PUBLIC_URL: z.string().url("PUBLIC_URL must be an absolute URL such as https://train.example.gov.cn").optional(),
  /** Set when behind a reverse proxy so the client IP comes from X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Absolute path of the SQLite file behind DATABASE_URL. */
export function databaseFile(url = env().DATABASE_URL): string {
  return url.replace(/^file:/, "");
}

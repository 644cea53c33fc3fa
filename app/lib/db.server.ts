import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { databaseFile } from "./env.server";

export type Tx = Prisma.TransactionClient;

/*
 * Two connections per process (see docs/decisions/0002-sqlite-connections.md):
 *
 * - `db` is read-only. Pages read through it and, SQLite being in WAL mode, only ever
 *   see committed data.
 * - every write goes through `write(fn)`: a transaction on the one writer connection.
 *   The better-sqlite3 adapter shares one connection between an open interactive
 *   transaction and any other query, so a write outside a transaction could land inside
 *   (and be rolled back with) someone else's transaction. Only transactions are
 *   serialised by the adapter, hence: writes only ever happen in `write()`.
 */
const BUSY_TIMEOUT_MS = 5_000;
/** Page cache per connection (SQLite's default is 2 MB). */
const CACHE_KIB = 64 * 1024;
/** server.js's primary process checkpoints the WAL for its workers (decision 0006). */
const CHECKPOINT_ELSEWHERE = process.env.SQLITE_CHECKPOINT_ELSEWHERE === "1";

function connect(readonly: boolean): PrismaClient {
  const url = `file:${databaseFile()}`;
  const adapter = new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS, readonly });
  return new PrismaClient({ adapter });
}

const globalStore = globalThis as unknown as {
  __db?: { reader: PrismaClient; writer: PrismaClient; writerReady?: Promise<void>; raw?: Database.Database; rawWriter?: Database.Database; writeQueue?: Promise<unknown> };
};

function clients() {
  // Reused across Vite dev reloads so the dev server does not leak connections.
  globalStore.__db ??= { reader: connect(true), writer: connect(false) };
  return globalStore.__db;
}

/** Read-only client. Writing through it throws. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const reader = clients().reader;
    const value = Reflect.get(reader, prop, reader);
    return typeof value === "function" ? value.bind(reader) : value;
  },
});

async function prepareWriter(writer: PrismaClient) {
  // Per-connection settings; journal_mode=WAL is stored in the file itself.
  await writer.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await writer.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await writer.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  if (CHECKPOINT_ELSEWHERE) await writer.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
}

/*
 * The adapter opens transactions with a deferred BEGIN. With several server processes, a
 * transaction that reads and then writes could find another process committed in between
 * and fail at once with SQLITE_BUSY (its snapshot is stale; waiting cannot help). A write
 * that changes nothing, as the first statement, takes the write lock up front instead:
 * other processes' writers then wait their turn under busy_timeout, like BEGIN IMMEDIATE.
 */
const TAKE_WRITE_LOCK = `UPDATE "Role" SET "key" = "key" WHERE 0`;

/**
 * Runs `fn` in a write transaction on the writer connection. The adapter runs one
 * transaction at a time per connection; because every write is a transaction, no
 * statement can slip into another request's transaction. Keep `fn` short: no network,
 * no password hashing, no file parsing inside.
 */
export async function write<T>(fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const c = clients();
  c.writerReady ??= prepareWriter(c.writer);
  await c.writerReady;
  return inTurn(() =>
    c.writer.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(TAKE_WRITE_LOCK);
        return fn(tx);
      },
      { timeout: options.timeoutMs ?? 15_000, maxWait: 30_000 },
    ),
  );
}

/*
 * The process's writes take turns (Prisma transactions and raw transactions alike), so
 * the two writer connections of one process never wait on each other's lock.
 */
function inTurn<T>(job: () => Promise<T>): Promise<T> {
  const c = clients();
  const run = (c.writeQueue ?? Promise.resolve()).then(job, job);
  c.writeQueue = run.catch(() => undefined);
  return run;
}

function rawWriterConnection(): Database.Database {
  const c = clients();
  if (!c.rawWriter) {
    // No busy timeout: better-sqlite3 would wait for another process's lock by blocking
    // the event loop; writeRaw retries asynchronously instead.
    c.rawWriter = new Database(databaseFile(), { fileMustExist: true, timeout: 0 });
    c.rawWriter.pragma("journal_mode = WAL");
    c.rawWriter.pragma("synchronous = FULL");
    c.rawWriter.pragma("foreign_keys = ON");
    // A sitting's inserts touch several large indexes; the default 2 MB page cache thrashes.
    c.rawWriter.pragma(`cache_size = -${CACHE_KIB}`);
    if (CHECKPOINT_ELSEWHERE) c.rawWriter.pragma("wal_autocheckpoint = 0");
  }
  return c.rawWriter;
}

const rawWriterStatements = new Map<string, Database.Statement>();

/** A prepared statement on the raw writer connection (only valid inside writeRaw). */
export function rawWriteStatement(sql: string): Database.Statement {
  let statement = rawWriterStatements.get(sql);
  if (!statement) rawWriterStatements.set(sql, (statement = rawWriterConnection().prepare(sql)));
  return statement;
}

// Short, even pauses: a writer that backs off long would starve behind the other process.
const BUSY_RETRY_MS = [0, 1, 1, 1, 2];

/**
 * A write transaction of prepared statements on a raw better-sqlite3 connection, for the
 * hot write paths measured to matter (heartbeats, exam starts, autosave, submission): a
 * statement costs microseconds here, a Prisma raw query a millisecond. `fn` is synchronous
 * and runs inside BEGIN IMMEDIATE; when another server process holds the lock the
 * transaction is retried after a short async pause (the event loop keeps serving).
 */
export function writeRaw<T>(fn: () => T): Promise<T> {
  return inTurn(async () => {
    const connection = rawWriterConnection();
    const transaction = connection.transaction(fn);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return transaction.immediate();
      } catch (error) {
        const code = (error as { code?: string }).code ?? "";
        if (!code.startsWith("SQLITE_BUSY") || Date.now() - started > BUSY_TIMEOUT_MS) throw error;
        await new Promise((r) => setTimeout(r, BUSY_RETRY_MS[Math.min(attempt, BUSY_RETRY_MS.length - 1)]));
      }
    }
  });
}

/** Prisma stores DateTime as ISO text with an explicit offset; raw writes keep that form. */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * A read-only better-sqlite3 connection for the few hot paths measured to matter
 * (session validation on every request, heartbeats): a prepared statement costs a few
 * microseconds where a Prisma query costs a few hundred. Reads only — every write still
 * goes through `write()`.
 */
export function rawReader(): Database.Database {
  const c = clients();
  if (!c.raw) {
    c.raw = new Database(databaseFile(), { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    c.raw.pragma(`cache_size = -${CACHE_KIB}`);
  }
  return c.raw;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement on the raw read connection, prepared once per SQL text. */
export function rawQuery(sql: string): Database.Statement {
  const connection = rawReader();
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  return statement;
}

/** Closes every connection (command line, tests). */
export async function disconnect() {
  const c = globalStore.__db;
  if (!c) return;
  globalStore.__db = undefined;
  c.raw?.close();
  c.rawWriter?.close();
  rawWriterStatements.clear();
  await Promise.all([c.reader.$disconnect(), c.writer.$disconnect()]);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}


// Production HTTP server: Express serving the Remix build, with security headers,
// cross-site write protection, compression and access logs.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import morgan from "morgan";
import Database from "better-sqlite3";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { isCrossSiteWrite } from "./app/lib/http-guards.js";

process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
// One worker per core (WEB_CONCURRENCY overrides). SQLite in WAL mode serves readers in
// every process; writers take the database lock in turn (app/lib/db.server.ts, write()).
const workers = Number(process.env.WEB_CONCURRENCY ?? availableParallelism());

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  // The primary is otherwise idle: it checkpoints the WAL, so workers never stall on a
  // checkpoint inside a commit (they run with wal_autocheckpoint off; app/lib/db.server.ts).
  const checkpointer = new Database((process.env.DATABASE_URL ?? "file:./data/app.db").replace(/^file:/, ""), { fileMustExist: true, timeout: 5_000 });
  setInterval(() => {
    try {
      checkpointer.pragma("wal_checkpoint(PASSIVE)");
    } catch (error) {
      console.error("WAL checkpoint failed", error);
    }
  }, 1_000).unref();
  const workerEnv = { SQLITE_CHECKPOINT_ELSEWHERE: "1" };
  for (let i = 0; i < workers; i++) cluster.fork(workerEnv);
  cluster.on("exit", (worker, code) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork(workerEnv);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 6_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  await startServer();
}

async function startServer() {
  const build = await import("./build/server/index.js");

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY === "true") app.set("trust proxy", true);

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          // React style attributes (and chart libraries) need inline styles; no inline scripts are allowed.
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
          "upgrade-insecure-requests": null,
        },
      },
      // Plain-HTTP deployments (a county office LAN) must still work; HTTPS sites set HSTS at the proxy.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use((req, res, next) => {
    const refused = isCrossSiteWrite({
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers["sec-fetch-site"],
    });
    if (refused) {
      res.status(403).type("text/plain").send("Cross-site request refused");
      return;
    }
    next();
  });
  // Hot JSON endpoints (heartbeats, autosave) skip Remix; see app/lib/json-endpoint.server.ts.
  const { jsonEndpoints, serveJson, startBackgroundJobs } = build.entry.module;
  startBackgroundJobs?.();
  for (const endpoint of jsonEndpoints ?? []) {
    app.post(endpoint.path, express.text({ limit: "64kb", type: () => true }), async (req, res) => {
      try {
        const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
        let body = null;
        try {
          body = JSON.parse(typeof req.body === "string" ? req.body : "null");
        } catch {
          // Malformed JSON is answered by the endpoint's own validation (400).
        }
        const result = await serveJson(endpoint, { cookie: req.headers.cookie ?? "", ip, body });
        res.set("Cache-Control", "no-store");
        if (result.setCookie) res.append("Set-Cookie", result.setCookie);
        res.status(result.status).json(result.body);
      } catch (error) {
        console.error(error);
        res.status(500).json({ error: "internal" });
      }
    });
  }
  app.use(compression());
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // Only paths that look like files reach the disk (pages would cost a stat per request).
  const publicFiles = express.static("build/client", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
  if (process.env.ACCESS_LOG !== "off") app.use(morgan("tiny"));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV ?? "production",
      getLoadContext: (req, res) => ({ ip: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce }),
    }),
  );

  const server = app.listen(port, host, () => {
    if (!cluster.isWorker || cluster.worker?.id === 1) console.log(`Serving on http://localhost:${port}`);
  });

  function shutdown() {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  }
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

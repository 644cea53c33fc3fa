import { db } from "./db.server";

export async function checkHealth(): Promise<{ ok: boolean; database: "ok" | "error"; migrations?: number }> {
  try {
    const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
      "SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return { ok: true, database: "ok", migrations: Number(rows[0]?.n ?? 0) };
  } catch {
    return { ok: false, database: "error" };
  }
}

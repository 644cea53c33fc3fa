/*
 * Operator command line: `npm run cli -- <command> [options]`.
 * Wraps the same module functions (and so the same rules and audit trail) as the web UI.
 */
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { pipeline } from "node:stream/promises";
import { backupDatabase, restoreDatabase } from "~/lib/backup.server";
import { db, disconnect } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { translator } from "~/lib/i18n";
import { importPeople, exportPeople } from "~/modules/people/xlsx.server";
import { issuePassword } from "~/modules/auth/auth.server";
import { applyMigrations, checkMigrations, createMigration } from "./migrations";
import { cliActor } from "./actor";
import { CLI_ACTOR } from "~/lib/audit.server";
import { importLibrary } from "~/modules/courseware/library.server";
import { importCredentialsFile, formatImportErrors } from "~/modules/credentials/import.server";
import { formatEligibilityReport, recomputeEligibility } from "~/modules/credentials/reports.server";
import { verifyCredentialFile } from "~/modules/credentials/vc.server";
import { recomputeYear } from "~/modules/hours/ledger.server";

const CLI_ACTOR_WITH_ID = { ...CLI_ACTOR, userId: null };
import { FORMAT_FILES, serializeQuestions, type QuestionFormat } from "~/modules/questions/formats";
import { importQuestionFile } from "~/modules/questions/import.server";
import { questionsForExport, reindexQuestions } from "~/modules/questions/questions.server";

/** A bank named by id or exact name. */
async function bankIdFor(value: string | undefined): Promise<string> {
  if (!value) throw new Error("--bank is required");
  const bank = await db.questionBank.findFirst({ where: { OR: [{ id: value }, { name: value }] } });
  if (!bank) throw new Error(`no question bank ${value}`);
  return bank.id;
}
import { isDatabaseEmpty, seed } from "./seed/seed.server";

const HELP = `Usage: npm run cli -- <command> [options]

  migrate                          apply pending migrations to DATABASE_URL
  migration:create <name>          write a migration from the schema diff (no network needed)
  migration:check                  fail when prisma/schema.prisma and the migrations disagree
  seed [--if-empty] [--officers N] [--all-provinces]
                                   fill an empty database with demo data (N > 1000 spans all 31 provinces)
  people:import <file.xlsx> --as <staffNo>
                                   import people (whole file validated first; all or nothing)
  people:export <file.xlsx> --as <staffNo> [--unit <code>]
                                   export people in that account's scope
  account:issue --as <staffNo> --for <staffNo>
                                   create an account or reset its password; prints the one-time password
  questions:import <file> --bank <bank id or name> --as <staffNo> [--topic <code>] [--skip-unsupported]
                                   import a question file (xlsx, GIFT, Moodle XML, Aiken) as drafts; prints JSON
  questions:export <file> --bank <bank id or name> --format xlsx|gift|moodle-xml|aiken --as <staffNo>
                                   export a bank; prints JSON
  questions:reindex                rebuild the question search index
  courses:import                   validate content/courses and publish changed courses (all or nothing)
  hours:recompute <year> [--unit <code>]
                                   re-evaluate a year's study-hours summaries (after a rules change made outside the app)
  credentials:import <file.xlsx> --as <staffNo>
                                   import existing credentials (whole file validated first; all or nothing)
  credentials:eligibility <unitCode> --as <staffNo>
                                   who in the unit is eligible for each credential but not issued it (writes nothing)
  credentials:verify <file.json> [--status <file.json>]…
                                   check a signed credential offline: signature, issuer key, revocation/suspension
  backup <file>                    online backup of the database (safe while the app serves)
  restore <file>                   replace the database with a backup (stop the server first)
`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "if-empty": { type: "boolean" },
      officers: { type: "string" },
      "all-provinces": { type: "boolean" },
      as: { type: "string" },
      for: { type: "string" },
      unit: { type: "string" },
      bank: { type: "string" },
      topic: { type: "string" },
      format: { type: "string" },
      "skip-unsupported": { type: "boolean" },
      status: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, arg] = positionals;
  const t = translator("zh-CN");
  switch (command) {
    case "migrate": {
      const applied = await applyMigrations(env().DATABASE_URL);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
      return 0;
    }
    case "migration:create": {
      if (!arg) throw new Error("migration:create needs a name");
      const folder = await createMigration(arg);
      console.log(folder ? `created ${folder}` : "schema and migrations already agree; nothing to create");
      return 0;
    }
    case "migration:check": {
      const { inSync, script } = await checkMigrations();
      if (inSync) {
        console.log("schema.prisma and prisma/migrations agree");
        return 0;
      }
      console.error("schema.prisma and prisma/migrations disagree. Missing migration:\n" + script);
      return 1;
    }
    case "seed": {
      await applyMigrations(env().DATABASE_URL);
      if (!(await isDatabaseEmpty())) {
        if (values["if-empty"]) {
          console.log("database already has data; seed skipped");
          return 0;
        }
        throw new Error("the database already has data; seed fills only an empty database");
      }
      const officers = values.officers ? Number(values.officers) : undefined;
      if (officers !== undefined && (!Number.isInteger(officers) || officers < 0)) throw new Error("--officers must be a whole number");
      // Demo hours for a demo-sized registry; benchmarks at scale build their own ledger.
      const result = await seed({ officers, allProvinces: values["all-provinces"], hours: (officers ?? 300) <= 5_000, credentials: (officers ?? 300) <= 5_000, log: (line) => console.log(line) });
      console.log(`seeded ${result.units} units and ${result.officers} people in ${result.seconds.toFixed(1)} s`);
      return 0;
    }
    case "people:import": {
      if (!arg) throw new Error("people:import needs a file");
      const actor = await cliActor(values.as);
      const result = await importPeople(actor, readFileSync(arg));
      if (result.ok) {
        console.log(`imported ${result.imported} people`);
        return 0;
      }
      for (const error of result.errors) {
        const where = error.row ? `row ${error.row}${error.column ? `, ${t(`people.columns.${error.column}`)}` : ""}: ` : "";
        console.error(`${where}${t(error.message, error.params ?? {})}`);
      }
      console.error("nothing was imported");
      return 1;
    }
    case "hours:recompute": {
      const year = Number(arg);
      if (!Number.isInteger(year)) throw new Error("hours:recompute needs a year");
      const unit = values.unit ? await db.orgUnit.findUnique({ where: { code: values.unit } }) : null;
      if (values.unit && !unit) throw new Error(`no unit with code ${values.unit}`);
      const result = await recomputeYear(year, { unitPath: unit?.path });
      console.log(`re-evaluated ${result.people} people's ${year} in ${result.ms} ms`);
      return 0;
    }
    case "credentials:import": {
      if (!arg) throw new Error("credentials:import needs a file");
      const result = await importCredentialsFile(await cliActor(values.as), arg);
      if (result.ok) {
        console.log(`imported ${result.imported} credentials`);
        return 0;
      }
      console.error(formatImportErrors(result.errors));
      console.error("nothing was imported");
      return 1;
    }
    case "credentials:eligibility": {
      if (!arg) throw new Error("credentials:eligibility needs a unit code");
      console.log(formatEligibilityReport(await recomputeEligibility(await cliActor(values.as), arg)));
      return 0;
    }
    case "credentials:verify": {
      if (!arg) throw new Error("credentials:verify needs a file");
      const lists = (values.status ?? []).map((file) => JSON.parse(readFileSync(file, "utf8")) as unknown);
      const check = verifyCredentialFile(JSON.parse(readFileSync(arg, "utf8")), lists);
      console.log(JSON.stringify(check, null, 2));
      // Usable in scripts: a bad signature, or a revoked or suspended credential, is a failure.
      return check.signature === "ok" && check.status !== "revoked" && check.status !== "suspended" ? 0 : 1;
    }
    case "people:export": {
      if (!arg) throw new Error("people:export needs a file");
      const actor = await cliActor(values.as);
      const unit = values.unit ? await db.orgUnit.findUnique({ where: { code: values.unit } }) : null;
      if (values.unit && !unit) throw new Error(`no unit with code ${values.unit}`);
      const stream = await exportPeople(actor, { unitId: unit?.id }, "zh-CN");
      await pipeline(stream, createWriteStream(arg));
      console.log(`wrote ${arg}`);
      return 0;
    }
    case "account:issue": {
      const actor = await cliActor(values.as);
      const person = values.for ? await db.person.findUnique({ where: { staffNo: values.for } }) : null;
      if (!person) throw new Error("--for must name an existing staff number");
      const issued = await issuePassword(actor, person.id);
      if (!issued.ok) throw new Error(t(issued.error));
      console.log(`${issued.created ? "account created" : "password reset"} for ${person.staffNo}; one-time password: ${issued.password}`);
      return 0;
    }
    case "questions:import": {
      if (!arg) throw new Error("questions:import needs a file");
      const actor = await cliActor(values.as);
      const bankId = await bankIdFor(values.bank);
      const outcome = await importQuestionFile(actor, {
        fileName: arg,
        bytes: readFileSync(arg),
        bankId,
        defaultTopic: values.topic,
        skipUnsupported: !!values["skip-unsupported"],
      });
      const summary = outcome.ok
        ? { ok: true, imported: outcome.imported, skippedUnsupported: outcome.skipped, byType: outcome.byType }
        : {
            ok: false,
            reason: outcome.reason,
            format: outcome.check.format,
            questions: outcome.check.result.questions.length,
            byType: outcome.check.byType,
            problems: outcome.check.result.problems.map((p) => ({ line: p.line, message: t(p.message, p.params ?? {}), ...(p.params ?? {}) })),
            unsupported: outcome.check.result.unsupported,
          };
      console.log(JSON.stringify(summary, null, 2));
      return outcome.ok ? 0 : 1;
    }
    case "questions:export": {
      if (!arg) throw new Error("questions:export needs a file");
      const actor = await cliActor(values.as);
      const format = values.format as QuestionFormat;
      if (!(format in FORMAT_FILES)) throw new Error("--format must be one of xlsx, gift, moodle-xml, aiken");
      const { questions } = await questionsForExport(actor, await bankIdFor(values.bank));
      const exported = await serializeQuestions(format, questions, "zh-CN");
      writeFileSync(arg, exported.data);
      console.log(JSON.stringify({ ok: true, file: arg, exported: exported.exported, skipped: exported.skipped }, null, 2));
      return 0;
    }
    case "courses:import": {
      const result = await importLibrary(CLI_ACTOR_WITH_ID);
      if (!result.ok) {
        for (const p of result.problems) console.error(`${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ""}` : ""}  ${t(p.message, p.params ?? {})}`);
        console.error(`${result.problems.length} problem(s); nothing was imported, the published versions stay as they were`);
        return 1;
      }
      for (const c of result.courses) console.log(`${c.code}: ${c.version ? `published version ${c.version}` : "unchanged"}`);
      return 0;
    }
    case "questions:reindex": {
      console.log(`reindexed ${await reindexQuestions()} questions`);
      return 0;
    }
    case "backup": {
      if (!arg) throw new Error("backup needs a target file");
      const report = await backupDatabase(arg);
      console.log(`backup written to ${report.file} (${(report.bytes / 1_048_576).toFixed(1)} MiB, ${report.pages} pages, ${report.seconds.toFixed(2)} s)`);
      return 0;
    }
    case "restore": {
      if (!arg) throw new Error("restore needs a backup file");
      await disconnect();
      const { safetyCopy } = await restoreDatabase(arg);
      const applied = await applyMigrations(env().DATABASE_URL);
      console.log(`restored from ${arg}${safetyCopy ? `; previous database kept at ${safetyCopy}` : ""}${applied.length ? `; then applied ${applied.join(", ")}` : ""}`);
      return 0;
    }
    default:
      console.log(HELP);
      return command && !values.help ? 2 : 0;
  }
}

main(process.argv.slice(2))
  .then(async (code) => {
    await disconnect();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    await disconnect().catch(() => {});
    process.exit(1);
  });


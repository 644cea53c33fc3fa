import { createId } from "@paralleldrive/cuid2";
import { audit, SYSTEM_ACTOR } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import type { RoleKey } from "~/modules/access/permissions";
import { hashPassword } from "~/modules/auth/auth.server";
import { childPath } from "~/modules/org/rules";
import { seedExams } from "./exams.server";
import { seedHours } from "./hours.server";
import { seedCredentials } from "./credentials.server";
import { seedQuestionBank } from "./question-bank.server";
import { importLibrary } from "~/modules/courseware/library.server";
import { personData } from "~/modules/people/people.server";
import { EDUCATION_LEVELS, type StaffCategory } from "~/modules/people/rules";
import {
  ALL_PROVINCES,
  DETAILED_PROVINCES,
  NATIONAL_UNIT,
  POSTS,
  chineseName,
  fakeIdCardNumber,
  fakeMobile,
  mulberry32,
} from "./demo-data";

/*
 * Demo and benchmark data. Deterministic (seeded PRNG) so runs are comparable.
 * Units and people are written with createMany in large batches: 100,000 people take
 * well under two minutes. Demo accounts are listed in the README.
 */
export const DEMO_PASSWORD = "Demo2025pass";

export const DEMO_ACCOUNTS: { staffNo: string; email: string; name: string; role: RoleKey; unitCode: string; category: StaffCategory; post: string }[] = [
  { staffNo: "ADMIN001", email: "admin@demo.eco", name: "系统管理员", role: "sysadmin", unitCode: "100000", category: "OTHER", post: "信息中心工程师" },
  { staffNo: "PA100001", email: "program@demo.eco", name: "周建国", role: "programAdmin", unitCode: "100000", category: "LEADERSHIP", post: "执法局培训处处长" },
  { staffNo: "HR330001", email: "hr.zj@demo.eco", name: "陈晓燕", role: "hr", unitCode: "330000", category: "OTHER", post: "人事处科员" },
  { staffNo: "HR320001", email: "hr.js@demo.eco", name: "王海燕", role: "hr", unitCode: "320000", category: "OTHER", post: "人事处科员" },
  { staffNo: "TR330001", email: "trainer@demo.eco", name: "李志刚", role: "trainer", unitCode: "330000", category: "ENFORCEMENT", post: "法制审核员" },
  { staffNo: "RV320001", email: "reviewer@demo.eco", name: "赵丽华", role: "reviewer", unitCode: "320000", category: "ENFORCEMENT", post: "案件审理员" },
  { staffNo: "LE330101", email: "officer@demo.eco", name: "张伟", role: "learner", unitCode: "330100", category: "ENFORCEMENT", post: "执法队员" },
  { staffNo: "LE330102", email: "officer2@demo.eco", name: "李娜", role: "learner", unitCode: "330106", category: "ENFORCEMENT", post: "执法队员" },
];

type UnitRow = { id: string; code: string; name: string; level: string; parentId: string | null; path: string; depth: number };

function buildUnits(allProvinces: boolean): UnitRow[] {
  const rows: UnitRow[] = [];
  const add = (code: string, name: string, level: string, parent: UnitRow | null) => {
    const id = createId();
    const row = { id, code, name, level, parentId: parent?.id ?? null, path: childPath(parent?.path ?? "/", id), depth: parent ? parent.depth + 1 : 0 };
    rows.push(row);
    return row;
  };
  const national = add(NATIONAL_UNIT.code, NATIONAL_UNIT.name, "NATIONAL", null);
  for (const province of DETAILED_PROVINCES) {
    const p = add(province.code, province.name, "PROVINCE", national);
    for (const city of province.cities) {
      const c = add(city.code, city.name, "CITY", p);
      for (const county of city.counties) add(county.code, county.name, "COUNTY", c);
    }
  }
  if (allProvinces) {
    const detailed = new Set(DETAILED_PROVINCES.map((p) => p.code));
    for (const province of ALL_PROVINCES.filter((p) => !detailed.has(p.code))) {
      const p = add(province.code, province.name, "PROVINCE", national);
      // A municipality's district sits in the city tier of the tree (one level below the province).
      add(province.capital.code, province.capital.name, "CITY", p);
    }
  }
  return rows;
}

const CATEGORY_WEIGHTS: [StaffCategory, number][] = [
  ["ENFORCEMENT", 0.62],
  ["MONITORING", 0.2],
  ["LEADERSHIP", 0.08],
  ["OTHER", 0.1],
];

function weighted<T>(rand: () => number, items: [T, number][]): T {
  let r = rand();
  for (const [item, weight] of items) {
    if ((r -= weight) < 0) return item;
  }
  return items[items.length - 1][0];
}

export type SeedOptions = {
  officers?: number;
  allProvinces?: boolean;
  seed?: number;
  questionBank?: boolean;
  /** Demo ledger, a training base and classes (the command line's demo seed; tests opt in). */
  hours?: boolean;
  /** Demo credentials and a real passed mock exam for LE330102 (the command line's demo seed). */
  credentials?: boolean;
  log?: (line: string) => void;
};

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db.orgUnit.count()) === 0;
}

export async function seed(options: SeedOptions = {}) {
  const officers = options.officers ?? 300;
  const allProvinces = options.allProvinces ?? officers > 1_000;
  const log = options.log ?? (() => {});
  if (!(await isDatabaseEmpty())) throw new Error("The database already has units; seed only fills an empty database.");
  const rand = mulberry32(options.seed ?? 20_251_128);
  const units = buildUnits(allProvinces);
  const byCode = new Map(units.map((u) => [u.code, u]));

  // Most staff work in county and city units; a few at province level; none generated at the ministry.
  const placeable = units.filter((u) => u.level !== "NATIONAL");
  const weights: [UnitRow, number][] = placeable.map((u) => [u, u.level === "COUNTY" ? 6 : u.level === "CITY" ? 4 : 1.5]);
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const normalised = weights.map(([u, w]) => [u, w / total] as [UnitRow, number]);

  const hashedDemoPassword = await hashPassword(DEMO_PASSWORD);
  const started = Date.now();
  await write(
    async (tx) => {
      for (let i = 0; i < units.length; i += 1_000) await tx.orgUnit.createMany({ data: units.slice(i, i + 1_000) });
      await audit(tx, SYSTEM_ACTOR, { action: "seed.run", objectType: "Database", objectId: "seed", after: { units: units.length, officers, allProvinces } });
    },
    { timeoutMs: 60_000 },
  );
  log(`units: ${units.length}`);

  const seqByProvince = new Map<string, number>();
  // Area + birth date + 3-digit sequence collide at benchmark scale: draw again on a repeat.
  const idCards = new Set<string>();
  const uniqueIdCard = (areaCode: string, birthYear: number) => {
    for (;;) {
      const id = fakeIdCardNumber(rand, areaCode, birthYear);
      if (!idCards.has(id)) {
        idCards.add(id);
        return id;
      }
    }
  };
  const BATCH = 5_000;
  for (let start = 0; start < officers; start += BATCH) {
    const batch: (ReturnType<typeof personData> & { status: string })[] = [];
    for (let i = start; i < Math.min(officers, start + BATCH); i++) {
      const unit = weighted(rand, normalised);
      const prefix = unit.code.slice(0, 2);
      const seq = (seqByProvince.get(prefix) ?? 0) + 1;
      seqByProvince.set(prefix, seq);
      const category = weighted(rand, CATEGORY_WEIGHTS);
      const posts = POSTS[category];
      const birthYear = 1965 + Math.floor(rand() * 35);
      const hireYear = Math.min(2025, birthYear + 22 + Math.floor(rand() * 10));
      const hireDate = `${hireYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
      batch.push({
        ...personData(
          {
            name: chineseName(rand),
            staffNo: `${prefix}${String(seq).padStart(6, "0")}`,
            unitCode: unit.code,
            category,
            post: posts[Math.floor(rand() * posts.length)],
            inEnforcementSystem: category !== "OTHER" || rand() < 0.3,
            hireDate,
            education: EDUCATION_LEVELS[Math.min(4, Math.floor(rand() * 3.2) + 1)],
            phone: fakeMobile(rand),
            idCard: uniqueIdCard(unit.code, birthYear),
          },
          unit.id,
        ),
        // ~3% have moved on; they stay in the registry with their history.
        status: rand() < 0.03 ? (rand() < 0.5 ? "RETIRED" : "LEFT") : "ACTIVE",
      });
    }
    await write((tx) => tx.person.createMany({ data: batch }), { timeoutMs: 60_000 });
    log(`people: ${Math.min(officers, start + BATCH)}`);
  }

  for (const account of DEMO_ACCOUNTS) {
    const unit = byCode.get(account.unitCode)!;
    await write(async (tx) => {
      const person = await tx.person.create({
        data: personData(
          { name: account.name, staffNo: account.staffNo, unitCode: unit.code, category: account.category, post: account.post, inEnforcementSystem: account.category !== "OTHER" },
          unit.id,
        ),
      });
      // Demo accounts sign in straight away; issued passwords for real staff force a change.
      const user = await tx.user.create({ data: { personId: person.id, email: account.email, passwordHash: hashedDemoPassword, mustChangePassword: false } });
      const roles: RoleKey[] = account.role === "learner" ? ["learner"] : ["learner", account.role];
      for (const roleKey of roles) {
        await tx.roleGrant.create({ data: { userId: user.id, roleKey, unitId: unit.id } });
      }
    });
  }
  log(`demo accounts: ${DEMO_ACCOUNTS.length}`);
  if (options.questionBank ?? true) {
    await seedQuestionBank(log);
    // A broken library file must not stop the rest of the seed; it is reported, and
    // tests/content-library.test.ts keeps the shipped library valid.
    const library = await importLibrary({ ...SYSTEM_ACTOR, userId: null });
    if (library.ok) log(`courses: ${library.courses.length}`);
    else log(`courses NOT imported: ${library.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join("; ")}`);
    await seedExams(log);
  }
  if (options.hours) await seedHours(rand, log);
  if (options.credentials) await seedCredentials(rand, log);
  log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { units: units.length, officers: officers + DEMO_ACCOUNTS.length, seconds: (Date.now() - started) / 1000 };
}

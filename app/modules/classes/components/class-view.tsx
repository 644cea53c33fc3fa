import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  formatDate,
  formatDateTime,
  formatNumber,
  type Locale,
} from "~/lib/i18n";
import { SURVEY_ASPECTS } from "../rules";
import { ClassStatusBadge, EnrolmentBadge, Percent } from "./badges";

type Dateish = string | Date;

export type HeaderData = {
  id: string;
  code: string;
  title: string;
  level: string;
  type: string;
  status: string;
  unitName: string;
  base: { id: string; name: string; location: string } | null;
  startDate: Dateish;
  endDate: Dateish;
  days: number;
  capacity: number;
  creditHours: number;
  category: string;
  enrolmentMode: string;
  completionAttendancePct: number;
  exam: { id: string; code: string; title: string } | null;
  description: string;
  syllabusCodes: string[];
  audience: { categories: string[]; units: string[] };
  trainers: { name: string; staffNo: string; unitName: string }[];
  sessions: { id: string; title: string; startsAt: Dateish; endsAt: Dateish }[];
};

/** The class's facts as a definition list. */
export function ClassFacts({ cls }: { cls: HeaderData }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const rows: [string, React.ReactNode][] = [
    [
      t("classes.fields.code"),
      <span className="font-mono text-xs">{cls.code}</span>,
    ],
    [t("classes.fields.status"), <ClassStatusBadge status={cls.status} />],
    [t("classes.fields.level"), t(`classes.levels.${cls.level}`)],
    [t("classes.fields.type"), t(`classes.types.${cls.type}`)],
    [t("classes.fields.unit"), cls.unitName],
    [
      t("classes.fields.base"),
      cls.base
        ? `${cls.base.name}（${cls.base.location}）`
        : t("classes.noBase"),
    ],
    [
      t("classes.fields.dates"),
      `${formatDate(cls.startDate, locale)} – ${formatDate(
        cls.endDate,
        locale
      )}（${t("classes.daysValue", { count: cls.days })}）`,
    ],
    [t("classes.fields.capacity"), formatNumber(cls.capacity, locale)],
    [
      t("classes.fields.creditHours"),
      `${t("classes.hoursValue", {
        hours: formatNumber(cls.creditHours, locale),
      })} · ${t(`classes.hoursCategories.${cls.category}`)}`,
    ],
    [
      t("classes.fields.enrolmentMode"),
      t(`classes.modes.${cls.enrolmentMode}`),
    ],
    [
      t("classes.fields.completionRule"),
      cls.exam
        ? t("classes.completionRuleWithTest", {
            pct: cls.completionAttendancePct,
            exam: cls.exam.title,
          })
        : t("classes.completionRule", { pct: cls.completionAttendancePct }),
    ],
    [
      t("classes.fields.audience"),
      [
        cls.audience.categories.length
          ? cls.audience.categories
              .map((c) => t(`people.category.${c}`))
              .join("、")
          : t("classes.allCategories"),
        cls.audience.units.length
          ? cls.audience.units.join("、")
          : t("classes.organiserSubtree"),
      ].join(" · "),
    ],
    [
      t("classes.fields.trainers"),
      cls.trainers.length
        ? cls.trainers.map((p) => `${p.name}（${p.unitName}）`).join("、")
        : t("common.none"),
    ],
    [
      t("classes.fields.syllabusCodes"),
      cls.syllabusCodes.length
        ? cls.syllabusCodes.join("、")
        : t("common.none"),
    ],
  ];
  return (
    <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
      {cls.description ? (
        <div className="contents">
          <dt className="text-slate-500">{t("classes.fields.description")}</dt>
          <dd className="whitespace-pre-line">{cls.description}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Sessions; organisers get the check-in page link of each. */
export function SessionList({
  cls,
  checkinLinks,
}: {
  cls: HeaderData;
  checkinLinks: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="mb-2 font-semibold">
        {t("classes.fields.sessions")}
      </h2>
      {cls.sessions.length === 0 ? (
        <p className="text-sm text-slate-600">{t("classes.noSessions")}</p>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="sessions">
          {cls.sessions.map((s, i) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
            >
              <span className="min-w-0">
                <span className="mr-2 text-slate-500 tabular-nums">
                  {i + 1}.
                </span>
                {s.title}
                <span className="block text-xs text-slate-500">
                  {formatDateTime(s.startsAt, locale)} –{" "}
                  {formatDateTime(s.endsAt, locale).slice(-5)}
                </span>
              </span>
              {checkinLinks &&
              (cls.status === "OPEN" || cls.status === "CLOSED") ? (
                <Link
                  to={`/classes/${cls.id}/checkin/${s.id}`}
                  className="btn-secondary"
                  data-testid="session-checkin-link"
                >
                  {t("classes.checkin.open")}
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

type Enrolment = {
  id: string;
  status: string;
  via: string;
  createdAt: Dateish;
  certificateCode: string | null;
  person: { id: string; name: string; staffNo: string; unitName: string };
};

/** The organiser's enrolment table with approve/reject/withdraw buttons. */
export function EnrolmentTable({
  classId,
  enrolments,
  open,
}: {
  classId: string;
  enrolments: Enrolment[];
  open: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (enrolments.length === 0)
    return (
      <p className="text-sm text-slate-600">{t("classes.noEnrolments")}</p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="enrolments">
        <thead>
          <tr>
            <th>{t("classes.roster.name")}</th>
            <th className="hidden md:table-cell">{t("classes.roster.unit")}</th>
            <th className="hidden sm:table-cell">
              {t("classes.roster.appliedAt")}
            </th>
            <th>{t("classes.roster.status")}</th>
            <th>
              <span className="sr-only">{t("common.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {enrolments.map((e) => (
            <tr key={e.id} data-staff-no={e.person.staffNo}>
              <td>
                {e.person.name}
                <span className="block text-xs text-slate-500">
                  {e.person.staffNo} · {t(`classes.via.${e.via}`)}
                </span>
              </td>
              <td className="hidden md:table-cell">{e.person.unitName}</td>
              <td className="hidden whitespace-nowrap sm:table-cell">
                {formatDateTime(e.createdAt, locale)}
              </td>
              <td>
                <EnrolmentBadge status={e.status} />
              </td>
              <td>
                <div className="flex flex-wrap justify-end gap-1">
                  {open && e.status === "APPLIED" ? (
                    <>
                      <Form method="post">
                        <input type="hidden" name="enrolmentId" value={e.id} />
                        <button
                          name="intent"
                          value="approve"
                          className="btn-secondary px-2 py-1 text-xs"
                          data-testid="enrolment-approve"
                        >
                          {t("classes.approve")}
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="enrolmentId" value={e.id} />
                        <button
                          name="intent"
                          value="reject"
                          className="btn-secondary px-2 py-1 text-xs"
                        >
                          {t("classes.reject")}
                        </button>
                      </Form>
                    </>
                  ) : null}
                  {open &&
                  ["APPLIED", "ENROLLED", "WAITLISTED"].includes(e.status) ? (
                    <Form method="post">
                      <input type="hidden" name="enrolmentId" value={e.id} />
                      <button
                        name="intent"
                        value="withdraw"
                        className="btn-secondary px-2 py-1 text-xs"
                      >
                        {t("classes.withdrawOther")}
                      </button>
                    </Form>
                  ) : null}
                  {e.certificateCode ? (
                    <a
                      href={`/classes/${classId}/certificate.pdf?enrolment=${e.id}`}
                      className="btn-secondary px-2 py-1 text-xs"
                    >
                      {t("classes.certificate.download")}
                    </a>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Grid = {
  sessions: { id: string; title: string; startsAt: Dateish }[];
  rows: {
    personId: string;
    name: string;
    staffNo: string;
    status: string;
    attended: number;
    marks: ({
      present: boolean;
      method: string;
      reason: string | null;
    } | null)[];
  }[];
};

/** Attendance per participant and session (newest mark), and the manual correction form. */
export function AttendanceTable({
  grid,
  canCorrect,
}: {
  grid: Grid;
  canCorrect: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      {grid.rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("classes.noParticipants")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table" data-testid="attendance-table">
            <caption className="sr-only">{t("classes.attendance")}</caption>
            <thead>
              <tr>
                <th>{t("classes.roster.name")}</th>
                {grid.sessions.map((s, i) => (
                  <th key={s.id} className="text-center" title={s.title}>
                    {i + 1}
                  </th>
                ))}
                <th className="text-right">{t("classes.roster.attended")}</th>
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((r) => (
                <tr key={r.personId} data-staff-no={r.staffNo}>
                  <td className="whitespace-nowrap">
                    {r.name}
                    <span className="block text-xs text-slate-500">
                      {r.staffNo}
                    </span>
                  </td>
                  {r.marks.map((m, i) => (
                    <td
                      key={grid.sessions[i].id}
                      className="text-center"
                      data-testid="attendance-cell"
                      data-present={m ? String(m.present) : "none"}
                      title={m?.reason ?? undefined}
                    >
                      {m === null ? (
                        <span className="text-slate-400">—</span>
                      ) : m.present ? (
                        <span className="text-green-700">
                          ✓
                          <span className="sr-only">
                            {t("classes.present")}
                          </span>
                          {m.method === "MANUAL" ? (
                            <sup className="text-xs">
                              {t("classes.manualShort")}
                            </sup>
                          ) : null}
                        </span>
                      ) : (
                        <span className="text-red-700">
                          ✗
                          <span className="sr-only">{t("classes.absent")}</span>
                          {m.method === "MANUAL" ? (
                            <sup className="text-xs">
                              {t("classes.manualShort")}
                            </sup>
                          ) : null}
                        </span>
                      )}
                    </td>
                  ))}
                  <td className="text-right tabular-nums">
                    {r.attended}/{grid.sessions.length}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canCorrect && grid.rows.length > 0 && grid.sessions.length > 0 ? (
        <Form
          method="post"
          className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2 lg:grid-cols-5"
          data-testid="attendance-correct"
        >
          <input type="hidden" name="intent" value="correct" />
          <div>
            <label htmlFor="correct-person" className="label">
              {t("classes.roster.name")}
            </label>
            <select
              id="correct-person"
              name="personId"
              className="input"
              required
            >
              {grid.rows.map((r) => (
                <option key={r.personId} value={r.personId}>
                  {r.name}（{r.staffNo}）
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="correct-session" className="label">
              {t("classes.session")}
            </label>
            <select
              id="correct-session"
              name="sessionId"
              className="input"
              required
            >
              {grid.sessions.map((s, i) => (
                <option key={s.id} value={s.id}>
                  {i + 1}. {s.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="correct-present" className="label">
              {t("classes.mark")}
            </label>
            <select id="correct-present" name="present" className="input">
              <option value="yes">{t("classes.present")}</option>
              <option value="no">{t("classes.absent")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="correct-reason" className="label">
              {t("classes.reason")}
            </label>
            <input
              id="correct-reason"
              name="reason"
              className="input"
              required
              minLength={2}
              maxLength={200}
              autoComplete="off"
            />
          </div>
          <div className="self-end">
            <button
              type="submit"
              className="btn w-full sm:w-auto"
              data-testid="attendance-correct-submit"
            >
              {t("classes.correct")}
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}

/** The participant's survey form: four ratings 1–5 and a comment. */
export function SurveyForm() {
  const { t } = useTranslation();
  return (
    <Form method="post" className="space-y-3" data-testid="survey-form">
      <input type="hidden" name="intent" value="survey" />
      {SURVEY_ASPECTS.map((a) => (
        <fieldset key={a}>
          <legend className="label">{t(`classes.survey.aspects.${a}`)}</legend>
          <div className="flex flex-wrap gap-3">
            {[1, 2, 3, 4, 5].map((n) => (
              <label
                key={n}
                className="flex min-h-10 items-center gap-1 text-sm"
              >
                <input
                  type="radio"
                  name={a}
                  value={n}
                  required
                  className="h-5 w-5"
                />
                {n}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div>
        <label htmlFor="survey-comment" className="label">
          {t("classes.survey.comment")}
          <span className="ml-1 font-normal text-slate-500">
            （{t("common.optional")}）
          </span>
        </label>
        <textarea
          id="survey-comment"
          name="comment"
          rows={3}
          maxLength={1000}
          className="input"
        />
      </div>
      <button type="submit" className="btn">
        {t("classes.survey.submit")}
      </button>
    </Form>
  );
}

export function SurveySummary({
  survey,
}: {
  survey: {
    count: number;
    averages: Record<string, number | null>;
    comments: string[];
  };
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-3" data-testid="survey-summary">
      <p className="text-sm text-slate-600">
        {t("classes.survey.count", { count: survey.count })}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>{t("classes.survey.aspect")}</th>
            <th className="text-right">{t("classes.survey.average")}</th>
          </tr>
        </thead>
        <tbody>
          {SURVEY_ASPECTS.map((a) => (
            <tr key={a}>
              <td>{t(`classes.survey.aspects.${a}`)}</td>
              <td className="text-right tabular-nums">
                {survey.averages[a] ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {survey.comments.length ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {survey.comments.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function RateLine({
  label,
  value,
}: {
  label: string;
  value: number | null;
}) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">
        <Percent value={value} />
      </dd>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import { formatDate, type Locale } from "~/lib/i18n";
import { formatHours } from "./year-overview";
import { EntryStatusBadge } from "./status-badge";

/*
 * The entries of a year. Nothing is hidden: rejected and voided entries stay in the list,
 * a voided one struck through with its reason beside it, a correction pointing at the
 * entry it replaced. "Credited" is what counts after caps; the capped part is shown.
 */

export type EntryRow = {
  id: string;
  title: string;
  activityDate: string;
  hours: number;
  credited: number;
  capped: number;
  category: string;
  source: string;
  status: string;
  quantity: number | null;
  quantityUnit: string | null;
  note: string;
  hasEvidence: boolean;
  evidenceName: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  voidReason: string | null;
  voidedBy: string | null;
  correctsEntryId: string | null;
  imported: boolean;
};

export function EntriesTable({ entries, actions }: { entries: EntryRow[]; actions?: (entry: EntryRow) => React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const h = (v: number) => formatHours(v, locale);
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("ledger.entries.empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="hours-entries">
        <thead>
          <tr>
            <th scope="col">{t("ledger.entries.date")}</th>
            <th scope="col">{t("ledger.entries.activity")}</th>
            <th scope="col" className="hidden md:table-cell">
              {t("ledger.entries.category")}
            </th>
            <th scope="col" className="text-right">
              {t("ledger.entries.hours")}
            </th>
            <th scope="col">{t("ledger.entries.status")}</th>
            {actions ? <th scope="col">{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const voided = e.status === "VOIDED";
            const dim = voided || e.status === "REJECTED";
            return (
              <tr key={e.id} data-entry-id={e.id} data-status={e.status} className={dim ? "text-slate-500" : undefined}>
                <td className="whitespace-nowrap">{formatDate(e.activityDate, locale)}</td>
                <td className="min-w-48">
                  <span className={voided ? "line-through" : "font-medium"}>{e.title}</span>
                  <span className="mt-0.5 block text-xs text-slate-600">
                    {t(`ledger.sources.${e.source}`)}
                    {e.quantityUnit === "DAYS" && e.quantity ? ` · ${t("ledger.entries.days", { days: h(e.quantity) })}` : null}
                    {e.source === "TEACHING" && e.quantity ? ` · ${t("ledger.entries.taught", { hours: h(e.quantity) })}` : null}
                    {e.imported ? ` · ${t("ledger.entries.imported")}` : null}
                    <span className="md:hidden"> · {t(`ledger.categories.${e.category}`)}</span>
                  </span>
                  {e.note ? <span className="mt-0.5 block text-xs text-slate-600">{e.note}</span> : null}
                  {e.hasEvidence ? (
                    <a href={`/hours/evidence/${e.id}`} className="mt-0.5 block text-xs" data-testid="evidence-link">
                      {t("ledger.entries.evidence", { name: e.evidenceName ?? "" })}
                    </a>
                  ) : null}
                  {e.correctsEntryId ? <span className="mt-0.5 block text-xs text-slate-600">{t("ledger.entries.correction")}</span> : null}
                  {voided && e.voidReason ? (
                    <span className="mt-0.5 block text-xs text-red-800" data-testid="void-reason">
                      {t("ledger.entries.voidReason", { reason: e.voidReason, name: e.voidedBy ?? "" })}
                    </span>
                  ) : null}
                  {e.status === "REJECTED" && e.decisionNote ? (
                    <span className="mt-0.5 block text-xs text-red-800">{t("ledger.entries.rejectReason", { reason: e.decisionNote })}</span>
                  ) : null}
                </td>
                <td className="hidden md:table-cell">{t(`ledger.categories.${e.category}`)}</td>
                <td className="text-right whitespace-nowrap tabular-nums">
                  <span className={voided ? "line-through" : undefined} data-testid="entry-hours">
                    {h(e.hours)}
                  </span>
                  {e.status === "APPROVED" && e.capped > 0 ? (
                    <span className="block text-xs text-amber-800">{t("ledger.entries.cappedTo", { hours: h(e.credited), capped: h(e.capped) })}</span>
                  ) : null}
                </td>
                <td>
                  <EntryStatusBadge status={e.status} />
                  {e.status === "APPROVED" && e.decidedBy ? <span className="mt-0.5 block text-xs text-slate-600">{t("ledger.entries.approvedBy", { name: e.decidedBy })}</span> : null}
                </td>
                {actions ? <td>{actions(e)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

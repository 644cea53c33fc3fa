import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { OPTION_KEYS, QUESTION_TYPES, type QuestionType } from "../content";
import type { QuestionFormValues } from "../form";

export type DuplicateView = { id: string; stemPreview: string; similarity: number; bankName: string };

type Props = {
  values: QuestionFormValues;
  errors?: Record<string, string>;
  duplicates?: DuplicateView[];
  banks?: { id: string; name: string }[];
  bankId?: string;
  editing?: boolean;
};

function useField(values: QuestionFormValues, errors: Record<string, string> | undefined) {
  const { t } = useTranslation();
  const value = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  };
  const error = (name: string) =>
    errors?.[name] ? (
      <p id={`${name}-error`} className="field-error">
        {t(errors[name])}
      </p>
    ) : null;
  const aria = (name: string) => (errors?.[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  return { value, error, aria };
}

/** Uploads an image and inserts its Markdown at the cursor in the stem (needs JavaScript). */
function ImageInsert({ target }: { target: React.RefObject<HTMLTextAreaElement | null> }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ markdown?: string; error?: string }>();
  const inserted = useRef<string | null>(null);
  useEffect(() => {
    const markdown = fetcher.data?.markdown;
    const area = target.current;
    if (!markdown || !area || inserted.current === markdown) return;
    inserted.current = markdown;
    const at = area.selectionStart ?? area.value.length;
    area.value = `${area.value.slice(0, at)}${markdown}${area.value.slice(at)}`;
  }, [fetcher.data, target]);
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
      <label className="btn-secondary cursor-pointer">
        {t("media.insertImage")}
        <input
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          className="sr-only"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            const body = new FormData();
            body.append("image", file);
            fetcher.submit(body, { method: "post", action: "/questions/images", encType: "multipart/form-data" });
            e.currentTarget.value = "";
          }}
        />
      </label>
      <span className="text-xs text-slate-500">{t("media.hint")}</span>
      {fetcher.data?.error ? <span className="field-error">{t(fetcher.data.error)}</span> : null}
    </div>
  );
}

/** The question editor. Sections for other question types are hidden, not removed. */
export function QuestionForm({ values, errors, duplicates, banks, bankId, editing }: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [type, setType] = useState<QuestionType>((values.type as QuestionType) ?? "SINGLE");
  const { value, error, aria } = useField(values, errors);
  const stemRef = useRef<HTMLTextAreaElement>(null);
  const correct = Array.isArray(values.correct) ? values.correct : values.correct ? [values.correct] : [];
  const textarea = (name: string, label: string, rows = 3, hint?: string, ref?: React.Ref<HTMLTextAreaElement>) => (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <textarea ref={ref} id={name} name={name} rows={rows} defaultValue={value(name)} className="input" {...aria(name)} />
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error(name)}
    </div>
  );
  const errorCount = Object.keys(errors ?? {}).length;
  return (
    <Form method="post" className="card space-y-4">
      {errorCount ? <FormErrors errors={errors?.form ? [errors.form] : [t("common.formHasErrors", { count: errorCount })]} /> : null}
      {duplicates?.length ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="duplicates">
          <p className="font-semibold">{t("questions.duplicatesTitle")}</p>
          <p className="mb-2">{t("questions.duplicatesBody")}</p>
          <ul className="mb-2 list-disc pl-5">
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/questions/${d.id}`} target="_blank">
                  {d.stemPreview}
                </Link>{" "}
                <span className="text-xs">
                  （{d.bankName} · {t("questions.similarity", { percent: Math.round(d.similarity * 100) })}）
                </span>
              </li>
            ))}
          </ul>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="allowDuplicate" value="1" className="h-5 w-5" />
            {t("questions.saveAnyway")}
          </label>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {banks ? (
          <div>
            <label htmlFor="bankId" className="label">
              {t("questions.bank")}
            </label>
            <select id="bankId" name="bankId" defaultValue={bankId} className="input">
              {banks.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="type" className="label">
            {t("blueprints.type")}
          </label>
          <select id="type" name="type" value={type} onChange={(e) => setType(e.target.value as QuestionType)} className="input" disabled={editing}>
            {QUESTION_TYPES.map((q) => (
              <option key={q} value={q}>
                {t(`questions.types.${q}`)}
              </option>
            ))}
          </select>
          {/* A disabled select posts nothing: keep the type when editing. */}
          {editing ? <input type="hidden" name="type" value={type} /> : null}
        </div>
        <div>
          <label htmlFor="difficulty" className="label">
            {t("questions.difficulty")}
          </label>
          <select id="difficulty" name="difficulty" defaultValue={value("difficulty") || "3"} className="input">
            {[1, 2, 3, 4, 5].map((d) => (
              <option key={d} value={d}>
                {t(`questions.difficultyLevels.${d}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {textarea("stem", t("questions.stem"), 4, t("questions.stemHint"), stemRef)}
      <ImageInsert target={stemRef} />

      <fieldset hidden={type !== "SINGLE" && type !== "MULTIPLE"} className="space-y-2">
        <legend className="label">{t("questions.options")}</legend>
        {OPTION_KEYS.map((key) => (
          <div key={key} className="flex items-center gap-2">
            <input
              type={type === "MULTIPLE" ? "checkbox" : "radio"}
              name="correct"
              value={key}
              defaultChecked={correct.includes(key)}
              aria-label={`${t("questions.correctAnswer")} ${key}`}
              className="h-5 w-5 shrink-0"
            />
            <label htmlFor={`option${key}`} className="w-6 shrink-0 font-mono text-sm">
              {key}
            </label>
            <input id={`option${key}`} name={`option${key}`} defaultValue={value(`option${key}`)} className="input" placeholder={t("questions.option", { key })} />
          </div>
        ))}
        {error("options")}
        {type !== "TRUE_FALSE" ? error("correct") : null}
        <div hidden={type !== "MULTIPLE"}>
          <label htmlFor="scoring" className="label">
            {t("questions.correctOptions")}
          </label>
          <select id="scoring" name="scoring" defaultValue={value("scoring") || "ALL_OR_NOTHING"} className="input">
            <option value="ALL_OR_NOTHING">{t("questions.scoring.ALL_OR_NOTHING")}</option>
            <option value="PARTIAL">{t("questions.scoring.PARTIAL")}</option>
          </select>
        </div>
      </fieldset>

      <fieldset hidden={type !== "TRUE_FALSE"} className="flex gap-6">
        <legend className="label">{t("questions.correctAnswer")}</legend>
        {[
          ["true", t("questions.trueLabel")],
          ["false", t("questions.falseLabel")],
        ].map(([v, label]) => (
          <label key={v} className="flex items-center gap-2 text-sm">
            <input type="radio" name="tfCorrect" value={v} defaultChecked={value("tfCorrect") === v} className="h-5 w-5" />
            {label}
          </label>
        ))}
        {type === "TRUE_FALSE" ? error("correct") : null}
      </fieldset>

      <div hidden={type !== "FILL_BLANK"} className="space-y-2">
        {textarea("blanks", t("questions.blanks"), 3, t("questions.blankN", { n: 1 }))}
        <div className="flex gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="caseSensitive" defaultChecked={value("caseSensitive") === "on"} className="h-5 w-5" />
            {t("questions.caseSensitive")}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="ignoreWhitespace" defaultChecked={value("ignoreWhitespace") !== ""} className="h-5 w-5" />
            {t("questions.ignoreWhitespace")}
          </label>
        </div>
      </div>

      <div hidden={type !== "CASE_ANALYSIS"} className="space-y-2">
        {textarea("modelAnswer", t("questions.modelAnswer"), 5)}
        {textarea("rubric", t("questions.rubric"), 4, t("questions.rubricHint"))}
      </div>

      {textarea("explanation", t("questions.explanation"), 3)}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="topicCodes" className="label">
            {t("questions.topics")}
          </label>
          <input id="topicCodes" name="topicCodes" defaultValue={value("topicCodes")} className="input font-mono" {...aria("topicCodes")} />
          <p className="mt-1 text-xs text-slate-500">{t("questions.topicsHint")}</p>
          {error("topicCodes")}
        </div>
        <div>
          <label htmlFor="tags" className="label">
            {t("questions.tags")}
          </label>
          <input id="tags" name="tags" defaultValue={value("tags")} className="input" />
          <p className="mt-1 text-xs text-slate-500">{t("questions.tagsHint")}</p>
        </div>
      </div>
      {textarea("lawRefs", t("questions.lawRefs"), 2, t("questions.lawRefsHint"))}
      {textarea("notes", t("questions.notes"), 2)}
      {editing ? (
        <div>
          <label htmlFor="changeNote" className="label">
            {t("questions.changeNote")}
          </label>
          <input id="changeNote" name="changeNote" defaultValue={value("changeNote")} className="input" {...aria("changeNote")} />
          {error("changeNote")}
        </div>
      ) : null}
      <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
        {t("common.save")}
      </button>
    </Form>
  );
}

import { useTranslation } from "react-i18next";

/** Examples of each component, in the order the help lists them. */
export const HELP_EXAMPLES: Record<string, string> = {
  Callout: '<Callout type="warning" title="{{title}}">\n\n{{text}}\n\n</Callout>',
  LawQuote: '<LawQuote law="{{law}}" article="{{article}}" effective="2015-01-01">\n\n{{text}}\n\n</LawQuote>',
  Figure: '<Figure src="/media/example.png" alt="{{alt}}" caption="{{caption}}" />',
  Video: '<Video src="/course-media/example.mp4" caption="{{caption}}" />',
  Procedure: '<Procedure title="{{title}}">\n<Step title="{{step1}}">\n\n{{text}}\n\n</Step>\n<Step title="{{step2}}">\n\n{{text}}\n\n</Step>\n</Procedure>',
  Checklist: '<Checklist title="{{title}}">\n<Item>{{item1}}</Item>\n<Item>{{item2}}</Item>\n</Checklist>',
  KnowledgeCheck: '<KnowledgeCheck question="law-001" />',
};

export const HELP_FRONT_MATTER = `---
title: "{{title}}"
minutes: 45
creditHours: 1
syllabusCodes: [PERMIT.REG]
laws: ["{{law}}"]
notes: "{{notes}}"
---`;

export type ComponentSpec = { attributes: string[]; required?: string[] };

/**
 * The short reference beside the lesson editor: front matter, Markdown, the allowed
 * components. `components` is mdx-rules' LESSON_COMPONENTS, passed from the loader so
 * the MDX parser stays out of the browser bundle.
 */
export function AuthoringHelp({ components }: { components: Record<string, ComponentSpec> }) {
  const { t } = useTranslation();
  const fill = (template: string) =>
    template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => t(`authoring.help.sample.${key}`));
  const names = Object.keys(HELP_EXAMPLES).filter((n) => n in components);
  return (
    <details className="card text-sm" data-testid="authoring-help">
      <summary className="cursor-pointer font-semibold">{t("authoring.help.title")}</summary>
      <div className="mt-3 space-y-4">
        <section>
          <h3 className="font-medium">{t("authoring.help.frontMatterTitle")}</h3>
          <p className="mt-1 text-slate-600">{t("authoring.help.frontMatter")}</p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs">{fill(HELP_FRONT_MATTER)}</pre>
        </section>
        <section>
          <h3 className="font-medium">{t("authoring.help.markdownTitle")}</h3>
          <p className="mt-1 text-slate-600">{t("authoring.help.markdown")}</p>
        </section>
        <section>
          <h3 className="font-medium">{t("authoring.help.componentsTitle")}</h3>
          <p className="mt-1 text-slate-600">{t("authoring.help.components")}</p>
          <dl className="mt-2 space-y-3">
            {names.map((name) => (
              <div key={name}>
                <dt className="font-mono font-medium">
                  &lt;{name}&gt;
                  {components[name].required?.length ? (
                    <span className="ml-2 font-sans text-xs font-normal text-slate-500">
                      {t("authoring.help.required", { attributes: components[name].required!.join(", ") })}
                    </span>
                  ) : null}
                </dt>
                <dd className="mt-1 text-slate-600">{t(`authoring.help.component.${name}`)}</dd>
                <dd>
                  <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">{fill(HELP_EXAMPLES[name])}</pre>
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <section>
          <h3 className="font-medium">{t("authoring.help.forbiddenTitle")}</h3>
          <p className="mt-1 text-slate-600">{t("authoring.help.forbidden")}</p>
        </section>
      </div>
    </details>
  );
}

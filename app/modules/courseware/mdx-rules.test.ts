import { describe, expect, it } from "vitest";
import { checkLessonSource, safeUrl } from "./mdx-rules";

const messages = (src: string) => checkLessonSource(src).map((p) => `${p.line}:${p.message}`);

describe("lesson MDX restrictions", () => {
  it("accepts Markdown and the fixed components with quoted attributes", () => {
    const src = [
      "---",
      "title: 立案",
      "---",
      "## 立案条件",
      "",
      "正文，**加粗**，[链接](https://www.mee.gov.cn)。",
      "",
      '<Callout type="warning">',
      "",
      "注意事项",
      "",
      "</Callout>",
      "",
      '<LawQuote law="中华人民共和国行政处罚法" article="第五十四条" effective="2021-07-15">原文</LawQuote>',
      "",
      '<Procedure title="步骤"><Step title="一">内容</Step></Procedure>',
      "",
      '<Checklist title="清单"><Item>核对证件</Item></Checklist>',
      "",
      '<KnowledgeCheck question="law-001" />',
    ].join("\n");
    expect(checkLessonSource(src)).toEqual([]);
  });

  it("rejects imports and exports, with their line", () => {
    expect(messages('# t\n\nimport x from "fs"\n')).toEqual(["3:courseware.errors.importExport"]);
    expect(messages("# t\n\nexport const a = 1\n")).toEqual(["3:courseware.errors.importExport"]);
  });

  it("rejects JavaScript expressions in text, in attributes and as spread props", () => {
    expect(messages("计算 {1 + 1}")).toEqual(["1:courseware.errors.expression"]);
    expect(messages("{process.exit()}")).toEqual(["1:courseware.errors.expression"]);
    expect(messages('<Callout type={"note"}>x</Callout>')).toEqual(["1:courseware.errors.expression"]);
    expect(messages("<Callout {...props}>x</Callout>")).toEqual(["1:courseware.errors.expression"]);
  });

  it("rejects components and HTML outside the fixed set, and unknown attributes", () => {
    expect(messages('<script>alert(1)</script>')).toEqual(["1:courseware.errors.unknownComponent"]);
    expect(messages('<img src="x" onerror="alert(1)" />')).toEqual(["1:courseware.errors.unknownComponent"]);
    expect(messages('<Callout onClick="x">y</Callout>')).toEqual(["1:courseware.errors.unknownAttribute"]);
  });

  it("requires the attributes a component needs and refuses content where none is allowed", () => {
    expect(messages('<LawQuote law="x">y</LawQuote>')).toEqual(["1:courseware.errors.missingAttribute"]);
    expect(messages('<KnowledgeCheck question="law-001">x</KnowledgeCheck>')).toEqual(["1:courseware.errors.noChildren"]);
  });

  it("refuses script links and images from other sites", () => {
    expect(messages("[x](javascript:alert(1))")).toEqual(["1:courseware.errors.unsafeUrl"]);
    expect(messages("![x](https://evil.example/a.png)")).toEqual(["1:courseware.errors.unsafeUrl"]);
    expect(messages('<Figure src="https://evil.example/a.png" alt="x" />')).toEqual(["1:courseware.errors.unsafeUrl"]);
  });

  it("reports a syntax error with its position instead of throwing", () => {
    const [problem] = checkLessonSource("一个未闭合的 {");
    expect(problem.message).toBe("courseware.errors.syntax");
    expect(problem.line).toBe(1);
  });

  it("allows only site-local media and web/mail/site links", () => {
    expect(safeUrl("/media/abc.png", "media")).toBe(true);
    expect(safeUrl("/media/../secret", "media")).toBe(false);
    expect(safeUrl("https://www.mee.gov.cn", "link")).toBe(true);
    expect(safeUrl("//evil.example", "link")).toBe(false);
    expect(safeUrl("data:text/html,x", "link")).toBe(false);
  });
});

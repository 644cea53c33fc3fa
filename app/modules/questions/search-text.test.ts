import { describe, expect, it } from "vitest";
import { hasCjk, indexText, matchExpression } from "./search-text";

const tokens = (...parts: string[]) => indexText(...parts).split(" ");

describe("indexText", () => {
  it("indexes overlapping character pairs of Chinese text", () => {
    expect(indexText("排污许可")).toBe("排污 污许 许可");
    expect(indexText("暗管")).toBe("暗管");
  });

  it("splits at punctuation and spaces: no pair spans two runs", () => {
    expect(indexText("听证，告知")).toBe("听证 告知");
    expect(tokens("听证，告知")).not.toContain("证告");
  });

  it("keeps a lone Chinese character as a token", () => {
    expect(indexText("罚 款")).toBe("罚 款");
  });

  it("indexes Latin words and numbers whole, lower-cased", () => {
    expect(indexText("GB 3095-2012 COD")).toBe("gb 3095 2012 cod");
  });

  it("separates Chinese from adjacent letters and digits", () => {
    // Chinese writing runs digits and abbreviations straight into words: "3日内", "VOCs排放".
    expect(indexText("VOCs排放浓度")).toBe("vocs 排放 放浓 浓度");
    expect(indexText("应在3日内整改")).toBe("应在 3 日内 内整 整改");
    expect(indexText("第63条")).toBe("第 63 条");
  });

  it("normalises full-width forms (NFKC) before indexing", () => {
    expect(indexText("ＰＭ２．５浓度")).toBe(indexText("PM2.5浓度"));
    expect(indexText("ＣＯＤ")).toBe("cod");
  });

  it("joins several parts (stem and options) into one body", () => {
    expect(indexText("设置暗管", "A. 渗坑")).toBe("设置 置暗 暗管 a 渗坑");
  });

  it("is empty for text without letters or digits", () => {
    expect(indexText("？！……", "——")).toBe("");
  });
});

describe("matchExpression", () => {
  it("turns a two-character word into one quoted token", () => {
    expect(matchExpression("听证")).toBe('"听证"');
  });

  it("turns a longer word into a phrase of its pairs, so it must appear contiguously", () => {
    expect(matchExpression("按日连续处罚")).toBe('"按日 日连 连续 续处 处罚"');
  });

  it("ANDs separate terms; Latin words and numbers match as prefixes", () => {
    expect(matchExpression("排污许可 gb3095")).toBe('"排污 污许 许可" AND "gb3095"*');
    expect(matchExpression("COD排放")).toBe('"cod"* AND "排放"');
    expect(matchExpression("ＣＯＤ")).toBe('"cod"*');
  });

  it("is the same pairs indexText produces, so a query finds the text it came from", () => {
    const body = new Set(tokens("企业事业单位和其他生产经营者违法排放污染物"));
    const phrase = matchExpression("违法排放")!;
    for (const t of phrase.replace(/"/g, "").split(" ")) expect(body.has(t), t).toBe(true);
  });

  it("cannot search a single Chinese character (null: the caller falls back to a substring match)", () => {
    expect(matchExpression("罚")).toBeNull();
    expect(matchExpression("  罚 ")).toBeNull();
    expect(matchExpression("听证 罚")).toBeNull();
  });

  it("is null when nothing searchable remains, and never passes FTS5 syntax through", () => {
    expect(matchExpression("")).toBeNull();
    expect(matchExpression("  ，。?* ")).toBeNull();
    expect(matchExpression('"听证" OR NEAR(')).toBe('"听证" AND "or"* AND "near"*');
  });
});

describe("hasCjk", () => {
  it("detects Chinese characters", () => {
    expect(hasCjk("罚")).toBe(true);
    expect(hasCjk("COD 3095")).toBe(false);
  });
});

/** Section "hours" of the Chinese dictionary: the study-hours ledger (issue 6). */
const hours = {
  errors: {
    invalidRules: "学时规则填写有误，请检查标出的项目。",
    notFound: "找不到该学时记录，或不在您的管理范围内。",
    ownEntry: "不能审核或处理本人的学时记录。",
    notPending: "该记录已处理，不能再审核。",
    alreadyVoided: "该记录已作废。",
    reasonRequired: "请填写原因。",
    rejected: "已驳回的记录不计学时，无需作废或更正。",
    changedMeanwhile: "该记录刚被他人处理，请刷新后再试。",
    hours: "学时应为大于 0、以 0.25 为单位的数。",
    pastYear: "该年度已结束，不能再修改其学时规则。",
    scope: "您无权设置该范围的学时规则。",
    year: "年度应为 2000 至 2100 之间的年份。",
    requirement: "年度要求学时应为 0 至 500 之间、以 0.25 为单位的数。",
    threshold: "每档应填写分钟数和对应学时（学时以 0.25 为单位）。",
    thresholds: "请至少设置一档在线学习折算标准。",
    thresholdOrder: "分钟数越多，折算学时不能越少；同一分钟数不能重复。",
    offPostHoursPerDay: "脱产培训每天折算学时应为 0.25 至 12 之间、以 0.25 为单位的数。",
    teachingMultiplier: "授课学时倍数应为 1 至 5 之间的数。",
    cap: "每类来源的年度上限应为 0 至 500 之间、以 0.25 为单位的数。",
    carryOverMax: "允许结转时，结转上限应大于 0 且以 0.25 为单位。",
  },
};

export default hours;

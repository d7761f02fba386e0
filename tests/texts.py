"""Report texts written for the tests (never copied from a scored sample)."""

SMALL_REPORT = (
    "某县人民政府2022年度法治政府建设情况报告\n"
    "一、主要举措和成效\n"
    "（一）加强行政复议工作\n"
    "全年办理行政复议案件36件，行政机关负责人出庭应诉率100%。\n"
    "二、存在的不足\n"
    "队伍建设仍需加强。\n"
)

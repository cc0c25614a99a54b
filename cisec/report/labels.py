"""Provides the report's own words in English and Hong Kong Chinese, kept in one table.

Terms follow the project glossary; change a term here and every report follows.
"""

from __future__ import annotations

from typing import Final

from cisec.model.text import Language

# label id -> (English, 繁體中文 (香港))
LABELS: Final[dict[str, tuple[str, str]]] = {
    "report_title": ("Cybersecurity gap report", "網絡安全差距報告"),
    "confidential": ("Confidential: for management and the board", "機密：只供管理層及董事會參閱"),
    "organisation": ("Organisation", "機構"),
    "questionnaire": ("Questionnaire", "問卷"),
    "version": ("Version", "版本"),
    "assessor": ("Assessor", "評估人員"),
    "assessment_date": ("Assessment date", "評估日期"),
    "report_date": ("Report date", "報告日期"),
    "compared_with": ("Compared with", "比較對象"),
    "assessment_of": ("the assessment of {date}", "{date}的評估"),
    "not_stated": ("Not stated", "未有註明"),
    "contents": ("Contents", "目錄"),
    "summary": ("Executive summary", "行政摘要"),
    "overall_score": ("Overall score", "整體評分"),
    "out_of_100": ("out of 100", "（滿分100）"),
    "coverage": ("Coverage", "覆蓋率"),
    "coverage_detail": (
        "{answered} of {applicable} applicable questions answered",
        "已回答{applicable}條適用問題中的{answered}條",
    ),
    "no_score": ("No scored answers yet", "尚未有計分答案"),
    "statutory_status": ("Statutory compliance", "法定要求合規狀況"),
    "statutory_detail": ("{count} legal duties apply", "共有{count}項法定責任適用"),
    "statutory_detail_na": (
        "{count} legal duties apply; {not_applicable} more are not applicable, with reasons",
        "共有{count}項法定責任適用；另有{not_applicable}項不適用，並已說明理由",
    ),
    "no_statutory": ("No legal duty applies to this assessment.", "本評估不涉及法定責任。"),
    "status_met": ("Met", "符合"),
    "status_partly": ("Partly met", "部分符合"),
    "status_not_met": ("Not met", "不符合"),
    "status_unknown": ("Unknown", "不清楚"),
    "status_unanswered": ("Unanswered", "未回答"),
    "status_not_applicable": ("Not applicable", "不適用"),
    "section_scores": ("Score by section", "各部分評分"),
    "section_chart_title": ("Score by section (0 to 100)", "各部分評分（0至100）"),
    "gap_counts": (
        "{statutory} statutory gaps, {practice} good-practice gaps, {declared} below the declared level",
        "法定要求差距{statutory}項、良好作業模式差距{practice}項、未達聲明級別{declared}項",
    ),
    "top_actions": ("Top 10 actions", "十大優先行動"),
    "top_actions_intro": (
        "The largest gaps by priority (weight × shortfall × kind factor); the full list follows.",
        "按優先度（比重 × 差距 × 類別系數）排列的最大差距；完整清單見下文。",
    ),
    "nothing_scored": (
        "Nothing is scored yet, so there are no gaps to list.",
        "尚未有計分答案，因此未有差距可列。",
    ),
    "no_gaps": (
        "No gaps: every scored answer is at full marks.",
        "沒有差距：所有計分答案均取得滿分。",
    ),
    "calendar": ("Compliance calendar", "合規日程"),
    "calendar_intro": (
        "Statutory deadlines under Cap. 653 worked out from the profile dates, as of the report date.",
        "根據評估資料中的日期，按報告日期計算第653章下的法定限期。",
    ),
    "calendar_duty": ("Duty", "責任"),
    "calendar_due": ("Due", "到期日"),
    "calendar_last_done": ("Last done", "上次完成"),
    "calendar_status": ("Status", "狀況"),
    "calendar_confidence": ("Basis", "依據"),
    "cal_done": ("Done", "已完成"),
    "cal_due": ("Due", "即將到期"),
    "cal_overdue": ("Overdue", "已逾期"),
    "cal_rolling": ("Ongoing", "持續進行"),
    "cal_needs-date": ("Date needed", "須提供日期"),
    "cal_confirmed": ("Confirmed", "已確認"),
    "cal_unconfirmed": ("To be confirmed", "有待確認"),
    "days_left": ("in {days} days", "尚餘{days}日"),
    "days_overdue": ("{days} days overdue", "已逾期{days}日"),
    "due_today": ("due today", "今日到期"),
    "gaps": ("Gaps by priority", "按優先次序排列的差距"),
    "gaps_intro": (
        "Fill in an owner and a due date for each gap; the CSV export carries the same rows "
        "for a remediation tracker.",
        "請為每項差距填上負責人及目標日期；CSV匯出檔載有相同項目，可供跟進改善措施之用。",
    ),
    "statutory_gaps": ("Statutory requirements", "法定要求"),
    "practice_gaps": ("Good practice", "良好作業模式"),
    "declared_gaps": ("Below your declared level", "未達自身聲明級別"),
    "declared_gaps_intro": (
        "Answers that fall short of the level your own profile declares (for example your "
        "declared design tier).",
        "答案未達貴機構在評估資料中自行聲明的級別（例如聲明的設計級別）。",
    ),
    "expected": ("Expected at least {level}: {reason}", "最低期望為{level}：{reason}"),
    "col_rank": ("#", "#"),
    "col_question": ("Question", "問題"),
    "col_reference": ("Reference", "參考"),
    "col_answer": ("Answer", "答案"),
    "col_note": ("Note", "備註"),
    "col_remediation": ("Remediation", "改善措施"),
    "col_owner": ("Owner", "負責人"),
    "col_due": ("Due date", "目標日期"),
    "col_priority": ("Priority", "優先度"),
    "col_score": ("Score", "評分"),
    "col_evidence": ("Evidence", "證明文件"),
    "col_section": ("Section", "部分"),
    "col_coverage": ("Coverage", "覆蓋率"),
    "col_answered": ("Answered", "已回答"),
    "col_gaps": ("Gaps", "差距"),
    "col_last_year": ("Last year", "去年"),
    "col_this_year": ("This year", "今年"),
    "col_change": ("Change", "變化"),
    "col_layer": ("Layer", "層面"),
    "col_justification": ("Justification", "理由"),
    "kind_statutory": ("Statutory", "法定要求"),
    "kind_practice": ("Good practice", "良好作業模式"),
    "kind_critical": ("Critical control", "關鍵控制措施"),
    "section_detail": ("Section detail", "各部分詳情"),
    "skipped_detail": ("{count} not asked for this profile", "{count}條因評估資料而毋須回答"),
    "layers": ("By layer of defence", "按防禦層面"),
    "layers_intro": (
        "The same answers grouped by the practice layer of the Data Centre Security Practice Guide.",
        "按《數據中心保安實務指引》的實務層面把相同答案分組。",
    ),
    "layer_management": ("Security management", "保安管理"),
    "layer_design": ("Design", "設計"),
    "layer_operations": ("Operations", "運作"),
    "answers": ("All answers", "所有答案"),
    "answers_intro": (
        "Every question with its answer, section by section. Notes and evidence references "
        "appear here, or for a question with a gap, beside it in the gap table.",
        "按部分列出每條問題及其答案。備註及證明文件參考列於此處；如問題有差距，則列於差距表內。",
    ),
    "not_answered": ("Not answered", "未回答"),
    "not_asked": ("Not asked for this profile", "按評估資料毋須回答"),
    "flagged": ("Flagged for review", "已標示待覆核"),
    "na_title": ("Not-applicable justifications", "不適用的理由"),
    "na_intro": (
        "Questions answered “not applicable”, with the reason given. An auditor will ask for these.",
        "答案為「不適用」的問題及所述理由。審計人員會要求查閱這些理由。",
    ),
    "none": ("None.", "無。"),
    "trend": ("Trend against last year", "與去年比較"),
    "trend_intro": (
        "This assessment compared with {previous}.",
        "本評估與{previous}比較。",
    ),
    "trend_chart_title": ("Score by section, last year and this year", "各部分評分：去年與今年"),
    "overall_change": ("Overall score", "整體評分"),
    "gaps_closed": ("Gaps closed", "已彌補的差距"),
    "gaps_new": ("New gaps", "新增差距"),
    "regressions": ("Regressions", "倒退項目"),
    "regressions_intro": ("Answers that score lower than last year.", "評分較去年為低的答案。"),
    "improvements": ("Improvements", "改善項目"),
    "improvements_summary": (
        "{count} answers score higher than last year; the JSON export lists them.",
        "共有{count}個答案的評分較去年為高；JSON匯出檔列出有關答案。",
    ),
    "see_gap": ("See gap {rank}", "見差距第{rank}項"),
    "method": ("Method", "評分方法"),
    "sources": ("Sources", "資料來源"),
    "provisional": ("provisional mapping", "暫定對照"),
    "as_of": ("checked {date}", "{date}核對"),
    "disclaimer": ("Disclaimer", "免責聲明"),
    "page_of": ("Page {page} of {pages}", "第{page}頁，共{pages}頁"),
    "legend_last_year": ("Last year", "去年"),
    "legend_this_year": ("This year", "今年"),
}

# The method, as docs/scoring.md states it; one paragraph per entry.
METHOD: Final[tuple[tuple[str, str], ...]] = (
    (
        "Each answer scores between 0 and 1: the chosen option's score on its scale (for example "
        "yes 1, partly 0.5, no 0; maturity levels 0 to 4 score 0, 0.25, 0.5, 0.75 and 1), or for "
        "a number the highest threshold it reaches.",
        "每個答案的得分介乎0至1：按所選選項在其量表上的分數（例如是為1、部分符合為0.5、否為0；"
        "成熟度0至4級分別為0、0.25、0.5、0.75及1），數值答案則取其達到的最高門檻分數。",
    ),
    (
        "A section's score is the weighted mean of its scored answers, shown out of 100, with "
        "coverage (answered of applicable questions) beside it. The overall score is the weighted "
        "mean of the section scores. Questions the profile rules out are not asked; "
        "“not applicable” needs a justification and leaves the question out of the mean; "
        "“don't know” scores 0 and counts as a gap.",
        "部分評分是該部分計分答案的加權平均數，以滿分100顯示，並附覆蓋率（已回答的適用問題比例）。"
        "整體評分是各部分評分的加權平均數。按評估資料不適用的問題毋須回答；"
        "「不適用」須說明理由，該問題不計入平均數；「不清楚」得0分並列為差距。",
    ),
    (
        "Every answer below full marks is a gap. Its priority is weight × (1 − score) × kind "
        "factor, where the factor is 3 for a statutory duty, 2 for a critical control and 1 for "
        "other good practice, so a missing legal duty outranks a maturity point. An answer below "
        "the level the organisation itself declares is listed as a gap of its own. The same files "
        "always give the same numbers.",
        "每個未取得滿分的答案均列為差距，其優先度為比重 × (1 − 得分) × 類別系數；"
        "法定責任的系數為3，關鍵控制措施為2，其他良好作業模式為1，因此欠缺法定責任必然排在成熟度之前。"
        "答案未達機構自行聲明的級別時，另列為一項差距。相同的檔案必定得出相同的數字。",
    ),
)


def label(label_id: str, language: Language, **values: object) -> str:
    """The label `label_id` in `language`, with `{placeholders}` filled from `values`."""
    english, chinese = LABELS[label_id]
    template = english if language == "en" else chinese
    return template.format(**values) if values else template

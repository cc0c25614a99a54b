"""Provides every string cisec's documents print, in English and Traditional Chinese (Hong Kong).

Documents are what people take away: the gap report, the website scan report, the workshop
debrief, the JSON and CSV exports, the due-date status of the compliance calendar, the scan's
lines in a terminal and the notes cisec writes into an assessment. One table, so a term changes
in one place (see the glossary); the screens have their own, `cisec.tui.wording`. Keys are
dotted: the document first (`report.`, `scan.`, `debrief.`), `doc.` for words every document
shares, and the facts several documents word (`status.` of a statutory answer, `due.` of a
duty, `csv.`). `Phrases` is the one builder of the phrase lists views print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from cisec.model.assessment import Answer
from cisec.model.questionnaire import Scale
from cisec.model.text import Language, LocalizedText, lang_tag

# key -> (English, 繁體中文（香港）)
WORDS: Final[dict[str, tuple[str, str]]] = {
    # Shared by every document
    "doc.question": ("Question", "問題"),
    "doc.note": ("Note", "備註"),
    "doc.sources": ("Sources", "資料來源"),
    # A statutory answer's status; "not applicable" and "unknown" also word an answer
    "status.met": ("Met", "符合"),
    "status.partly": ("Partly met", "部分符合"),
    "status.not_met": ("Not met", "不符合"),
    "status.unknown": ("Unknown", "不清楚"),
    "status.unanswered": ("Unanswered", "未回答"),
    "status.not_applicable": ("Not applicable", "不適用"),
    # A statutory duty's due date, as of a day
    "due.today": ("due today", "今日到期"),
    "due.in_days": ("due in {days} days", "{days}日後到期"),
    "due.overdue_by": ("overdue by {days} days", "逾期{days}日"),
    "due.done": ("done", "已完成"),
    "due.rolling": ("whenever it happens", "按事件發生計算"),
    "due.needs-date": ("date needed", "須填寫日期"),
    "due.due": ("due", "到期"),
    "due.overdue": ("overdue", "逾期"),
    # What the calendar adds to a duty's note, from the profile's dates
    "due.note.last_done": ("Last done: {date}.", "上次完成：{date}。"),
    "due.plan_title": ("Remediation plan: {question}", "改善計劃：{question}"),
    "due.note.plan_owner": ("Owner: {owner}.", "負責人：{owner}。"),
    "due.note.plan_no_owner": ("No owner named yet.", "尚未指定負責人。"),
    "due.note.none_recorded": ("None recorded yet.", "尚未有紀錄。"),
    "due.note.done_on": ("Done {date}.", "已於{date}完成。"),
    "due.note.done_late": ("Done {date}, after the deadline.", "已於{date}完成，遲於限期。"),
    "due.note.first": (
        "First one counted from designation (to be confirmed against the Ordinance text).",
        "首次由指定日期起計（有待與條例文本核實）。",
    ),
    "due.note.before_designation": (
        "The last one ({last}) was done before designation ({designation}), so it does not "
        "start the statutory cycle: the first one is counted from designation.",
        "上一次（{last}）在指定（{designation}）之前進行，不會開始法定週期：首次由指定日期起計。",
    ),
    "due.note.before_in_force": (
        "The last one ({last}) was done before the Ordinance was in force ({in_force}), so it "
        "does not start the statutory cycle: the first one is counted from designation.",
        "上一次（{last}）在條例生效（{in_force}）之前進行，不會開始法定週期：首次由指定日期起計。",
    ),
    "due.note.record_designation": (
        "Record the date of designation in the profile.",
        "請在概況中填寫指定日期。",
    ),
    "due.note.once_designated": (
        "Applies once the organisation is designated.",
        "獲指定後適用。",
    ),
    # The gaps CSV (the other headers are the gap report's column names)
    "csv.kind": ("Kind", "類別"),
    "csv.question_id": ("Question id", "問題編號"),
    # The remediation plan's table (`cisec plan`); statuses are the report's plan words
    "plan.gap_closed": ("gap closed", "差距已消除"),
    "plan.not_answered_yet": ("not answered yet", "尚未作答"),
    "plan.tier": ("Tier", "層級"),
    "plan.empty": ("No gaps and no plan items.", "沒有差距，也沒有改善計劃項目。"),
    # The website scan's lines in a terminal (`cisec scan`)
    "scan.text.grade": ("grade {grade}, score {score}", "評級 {grade}，分數 {score}"),
    "scan.text.top_fixes": ("Top fixes", "最重要的修正"),
    # How a site changed since its previous scan in the history (`cisec scan --history`)
    "scan.change.new": ("New: first scan in the history", "新：紀錄中首次掃描"),
    "scan.change.improved": (
        "Improved since {when} (was grade {grade}, score {score})",
        "自 {when} 以來有進步（之前評級 {grade}，分數 {score}）",
    ),
    "scan.change.regressed": (
        "Regressed since {when} (was grade {grade}, score {score})",
        "自 {when} 以來已退步（之前評級 {grade}，分數 {score}）",
    ),
    "scan.change.unchanged": (
        "Unchanged since {when} (grade {grade}, score {score})",
        "自 {when} 以來沒有變化（評級 {grade}，分數 {score}）",
    ),
    # The same, in one word, for the batch summary table
    "scan.trend.new": ("New", "新"),
    "scan.trend.improved": ("Improved", "有進步"),
    "scan.trend.regressed": ("Regressed", "已退步"),
    "scan.trend.unchanged": ("Unchanged", "沒有變化"),
    "scan.text.heading": ("{heading}:", "{heading}："),
    "scan.text.fix": ("{title}: {fix}", "{title}：{fix}"),
    # The note the website scan writes beside an answer it proposes
    "scan.proposal_note": (
        "Proposed by the website scan of {day}; confirm or correct it. The scan saw:",
        "由{day}的網站掃描建議，請確認或更正。掃描結果：",
    ),
    # The gap report
    "report.report_title": ("Cybersecurity gap report", "網絡安全差距報告"),
    "report.confidential": (
        "Confidential: for management and the board",
        "機密：只供管理層及董事會參閱",
    ),
    "report.organisation": ("Organisation", "機構"),
    "report.questionnaire": ("Questionnaire", "問卷"),
    "report.version": ("Version", "版本"),
    "report.assessor": ("Assessor", "評估人員"),
    "report.assessment_date": ("Assessment date", "評估日期"),
    "report.report_date": ("Report date", "報告日期"),
    "report.compared_with": ("Compared with", "比較對象"),
    "report.assessment_of": ("the assessment of {date}", "{date}的評估"),
    "report.not_stated": ("Not stated", "未有註明"),
    "report.contents": ("Contents", "目錄"),
    "report.summary": ("Executive summary", "行政摘要"),
    "report.overall_score": ("Overall score", "整體評分"),
    "report.out_of_100": ("out of 100", "（滿分100）"),
    "report.coverage": ("Coverage", "覆蓋率"),
    "report.coverage_detail": (
        "{answered} of {applicable} applicable questions answered",
        "已回答{applicable}條適用問題中的{answered}條",
    ),
    "report.no_score": ("No scored answers yet", "尚未有計分答案"),
    "report.statutory_status": ("Ordinance duties", "條例責任"),
    "report.statutory_detail": ("{count} Ordinance duties apply", "共有{count}項條例責任適用"),
    "report.statutory_detail_na": (
        "{count} Ordinance duties apply; {not_applicable} more are not applicable, with reasons",
        "共有{count}項條例責任適用；另有{not_applicable}項不適用，並已說明理由",
    ),
    "report.no_statutory": (
        "No Ordinance duty applies to this assessment.",
        "本評估不涉及條例責任。",
    ),
    "report.statutory_all_na": (
        "No Ordinance duty applies: {not_applicable} are not applicable, with reasons",
        "沒有條例責任適用：{not_applicable}項不適用，並已說明理由",
    ),
    "report.statutory_meaning": (
        "Duties the Ordinance itself imposes: a gap here may be an offence.",
        "條例本身施加的責任：此類差距可能構成罪行。",
    ),
    "report.code_of_practice_status": ("Code of Practice expectations", "《實務守則》要求"),
    "report.code_of_practice_detail": (
        "{count} Code of Practice expectations apply",
        "共有{count}項《實務守則》要求適用",
    ),
    "report.code_of_practice_detail_na": (
        "{count} Code of Practice expectations apply; {not_applicable} more are not applicable, with reasons",
        "共有{count}項《實務守則》要求適用；另有{not_applicable}項不適用，並已說明理由",
    ),
    "report.code_of_practice_all_na": (
        "No Code of Practice expectation applies: {not_applicable} are not applicable, with reasons",
        "沒有《實務守則》要求適用：{not_applicable}項不適用，並已說明理由",
    ),
    "report.no_code_of_practice": (
        "No Code of Practice expectation applies to this assessment.",
        "本評估不涉及《實務守則》要求。",
    ),
    "report.code_of_practice_meaning": (
        "A Code of Practice gap is not an offence by itself, but the authority may direct the organisation to comply, and breaching a direction is an offence.",
        "未符合《實務守則》要求本身不構成罪行，但當局可指示機構遵從，而違反指示即屬犯罪。",
    ),
    "report.section_unconfirmed": ("Ordinance section to be confirmed", "條例條文編號有待核實"),
    "report.section_scores": ("Score by section", "各部分評分"),
    "report.section_chart_title": ("Score by section (0 to 100)", "各部分評分（0至100）"),
    "report.gap_counts": (
        "{statutory} Ordinance-duty gaps, {code_of_practice} Code of Practice gaps, {practice} good-practice gaps, {declared} below the declared level",
        "條例責任差距{statutory}項、《實務守則》要求差距{code_of_practice}項、良好作業模式差距{practice}項、未達聲明級別{declared}項",
    ),
    "report.gap_counts_no_code": (
        "{statutory} Ordinance-duty gaps, {practice} good-practice gaps, {declared} below the declared level",
        "條例責任差距{statutory}項、良好作業模式差距{practice}項、未達聲明級別{declared}項",
    ),
    "report.top_actions": ("Top 10 actions", "十大優先行動"),
    "report.top_actions_intro": (
        "The largest gaps by priority (weight × shortfall × kind factor); the full list follows.",
        "按優先度（比重 × 差距 × 類別系數）排列的最大差距；完整清單見下文。",
    ),
    "report.nothing_scored": (
        "Nothing is scored yet, so there are no gaps to list.",
        "尚未有計分答案，因此未有差距可列。",
    ),
    "report.no_gaps": (
        "No gaps: every scored answer is at full marks.",
        "沒有差距：所有計分答案均取得滿分。",
    ),
    "report.calendar": ("Compliance calendar", "合規日程"),
    "report.calendar_intro": (
        "Deadlines worked out from the profile dates, and remediation plan items past their due "
        "date, as of the report date, in date order.",
        "根據評估資料中的日期計算的限期，以及已過到期日的改善計劃項目，以報告日期為準，按日期先後排列。",
    ),
    "report.calendar_duty": ("Duty", "責任"),
    "report.calendar_due": ("Due", "到期日"),
    "report.calendar_last_done": ("Last done", "上次完成"),
    "report.calendar_status": ("Status", "狀況"),
    "report.calendar_confidence": ("Basis", "依據"),
    "report.cal_confirmed": ("Confirmed", "已確認"),
    "report.cal_unconfirmed": ("To be confirmed", "有待確認"),
    "report.cal_expectation": ("The authority's stated expectation", "當局公開表示的期望"),
    "report.cal_plan": ("Your remediation plan", "貴機構的改善計劃"),
    "plan.status.open": ("Open", "未處理"),
    "plan.status.in-progress": ("In progress", "進行中"),
    "plan.status.done": ("Done", "已完成"),
    "plan.status.risk-accepted": ("Risk accepted", "已接受風險"),
    "plan.overdue_status": ("⚠ Overdue", "⚠ 逾期"),
    "plan.summary": (
        "{planned} of {gaps} gaps have an owner, a due date or a status in the remediation plan.",
        "{gaps} 個差距中，有 {planned} 個已在改善計劃中指定負責人、到期日或狀態。",
    ),
    "plan.overdue_count": ("Overdue plan items: {count}.", "逾期的改善計劃項目：{count} 個。"),
    "plan.was_due": ("was due {date}", "原定{date}到期"),
    "plan.closed_late": ("closed {date}, {days} days late", "於{date}完成，遲了{days}日"),
    "plan.closed_on_time": (
        "Last year's plan items closed on time",
        "上年改善計劃中如期完成的項目",
    ),
    "plan.closed_late_title": (
        "Last year's plan items closed late",
        "上年改善計劃中逾期完成的項目",
    ),
    "plan.not_closed": ("Last year's plan items not closed", "上年改善計劃中尚未完成的項目"),
    "report.plan": ("Remediation plan", "改善計劃"),
    "report.gaps": ("Gaps by priority", "按優先次序排列的差距"),
    "report.gaps_intro": (
        "Fill in an owner and a due date for each gap; the CSV export carries the same rows "
        "for a remediation tracker.",
        "請為每項差距填上負責人及目標日期；CSV匯出檔載有相同項目，可供跟進改善措施之用。",
    ),
    "report.declared_gaps": ("Below your declared level", "未達自身聲明級別"),
    "report.declared_gaps_intro": (
        "Answers that fall short of the level your own profile declares (for example your "
        "declared design tier).",
        "答案未達貴機構在評估資料中自行聲明的級別（例如聲明的設計級別）。",
    ),
    "report.expected": ("Expected at least {level}: {reason}", "最低期望為{level}：{reason}"),
    "report.col_rank": ("#", "#"),
    "report.col_reference": ("Reference", "參考"),
    "report.col_answer": ("Answer", "答案"),
    "report.col_remediation": ("Remediation", "改善措施"),
    "report.col_owner": ("Owner", "負責人"),
    "report.col_due": ("Due date", "目標日期"),
    "report.col_priority": ("Priority", "優先度"),
    "report.col_score": ("Score", "評分"),
    "report.col_evidence": ("Evidence", "證明文件"),
    "report.col_section": ("Section", "部分"),
    "report.col_answered": ("Answered", "已回答"),
    "report.col_gaps": ("Gaps", "差距"),
    "report.last_year": ("Last year", "去年"),
    "report.this_year": ("This year", "今年"),
    "doc.col_change": ("Change", "變化"),  # the gap report's trend, the scan summary's history
    "report.col_layer": ("Layer", "層面"),
    "report.col_justification": ("Justification", "理由"),
    "report.kind_statutory": ("Ordinance duty", "條例責任"),
    "report.kind_code_of_practice": ("Code of Practice", "《實務守則》要求"),
    "report.kind_practice": ("Good practice", "良好作業模式"),
    "report.kind_critical": ("Critical control", "關鍵控制措施"),
    "report.section_detail": ("Section detail", "各部分詳情"),
    "report.skipped_detail": (
        "{count} not asked for this profile",
        "{count}條因評估資料而毋須回答",
    ),
    "report.layers": ("By layer of defence", "按防禦層面"),
    "report.layers_intro": (
        "The same answers grouped by the practice layer of the Data Centre Security Practice Guide.",
        "按《數據中心保安實務指引》的實務層面把相同答案分組。",
    ),
    "report.layer_management": ("Security management", "保安管理"),
    "report.layer_design": ("Design", "設計"),
    "report.layer_operations": ("Operations", "運作"),
    "report.answers": ("All answers", "所有答案"),
    "report.answers_intro": (
        "Every question with its answer, section by section. Notes and evidence references "
        "appear here, or for a question with a gap, beside it in the gap table.",
        "按部分列出每條問題及其答案。備註及證明文件參考列於此處；如問題有差距，則列於差距表內。",
    ),
    "report.not_answered": ("Not answered", "未回答"),
    "report.not_asked": ("Not asked for this profile", "按評估資料毋須回答"),
    "report.flagged": ("Flagged for review", "已標示待覆核"),
    "report.na_title": ("Not-applicable justifications", "不適用的理由"),
    "report.na_intro": (
        "Questions answered “not applicable”, with the reason given. An auditor will ask for these.",
        "答案為「不適用」的問題及所述理由。審計人員會要求查閱這些理由。",
    ),
    "report.none": ("None.", "無。"),
    "report.trend": ("Trend against last year", "與去年比較"),
    "report.trend_intro": (
        "This assessment compared with {previous}.",
        "本評估與{previous}比較。",
    ),
    "report.trend_chart_title": (
        "Score by section, last year and this year",
        "各部分評分：去年與今年",
    ),
    "report.gaps_closed": ("Gaps closed", "已彌補的差距"),
    "report.gaps_new": ("New gaps", "新增差距"),
    "report.regressions": ("Regressions", "倒退項目"),
    "report.regressions_intro": (
        "Answers that score lower than last year.",
        "評分較去年為低的答案。",
    ),
    "report.improvements": ("Improvements", "改善項目"),
    "report.improvements_summary": (
        "{count} answers score higher than last year; the JSON export lists them.",
        "共有{count}個答案的評分較去年為高；JSON匯出檔列出有關答案。",
    ),
    "report.see_gap": ("See gap {rank}", "見差距第{rank}項"),
    "report.see_justification": (
        "Not applicable: the reason is under Not-applicable justifications",
        "不適用：理由見「不適用的理由」",
    ),
    "report.edition": ("Edition", "版本"),
    "report.edition_board": ("Board edition", "董事會版"),
    "report.edition_full": ("Full edition", "完整版"),
    "report.practice_summary": ("Good-practice gaps by section", "各部分的良好作業模式差距"),
    "report.practice_summary_total": (
        "{count} good-practice gaps; the highest-priority one of each section is listed "
        "with their rank in the full gap list, which the full edition prints.",
        "良好作業模式差距共{count}項；下表列出每部分優先度最高的一項差距及其在完整差距清單中的排名，完整清單見完整版。",
    ),
    "report.col_highest": ("Highest-priority gap", "優先度最高的差距"),
    "report.more_in_full": ("and {count} more in the full edition", "另有{count}項見完整版"),
    "report.method": ("Method", "評分方法"),
    "report.provisional": ("provisional mapping", "暫定對照"),
    "report.as_of": ("checked {date}", "{date}核對"),
    "report.disclaimer": ("Disclaimer", "免責聲明"),
    "report.page_of": ("Page {page} of {pages}", "第{page}頁，共{pages}頁"),
    # The website scan report
    "scan.title": ("Website security-header scan", "網站保安標頭檢查"),
    "scan.batch_title": (
        "Website security-header scan: {count} sites",
        "網站保安標頭檢查：{count}個網站",
    ),
    "scan.scanned_on": ("Scanned on {date}", "檢查日期：{date}"),
    "scan.summary": ("Summary", "摘要"),
    "scan.col_site": ("Site", "網站"),
    "scan.col_score": ("Score", "分數"),
    "scan.col_first_fix": ("Most important fix", "最重要的修正"),
    "scan.col_test": ("Test", "測試項目"),
    "scan.col_points": ("Points", "分數調整"),
    "scan.col_result": ("Result", "結果"),
    "scan.grade": ("Grade", "評級"),
    "scan.score": ("score {score}", "分數 {score}"),
    "scan.final_url": ("Page graded", "評級的網頁"),
    "scan.status": ("HTTP status", "HTTP 狀態碼"),
    "scan.not_graded": ("Not graded", "未能評級"),
    "scan.grade_intro": (
        "The grade is the one the MDN HTTP Observatory (algorithm version 6) gives for the same "
        "headers: A+ is best, F is worst.",
        "評級與 MDN HTTP Observatory（第6版演算法）對相同標頭所給的評級一致：A+ 最佳，F 最差。",
    ),
    "scan.top_fixes": ("The three most important fixes", "三項最重要的修正"),
    "scan.top_fixes_intro": (
        "Forward these to your web vendor: each says why it matters and how to set it on common "
        "servers.",
        "請把以下各項轉交網站供應商：每項均說明其重要性，以及在常見伺服器上的設定方法。",
    ),
    "scan.no_fixes": (
        "No test lost points: nothing to fix for the grade.",
        "沒有測試項目被扣分：評級方面毋須修正。",
    ),
    "scan.why": ("Why it matters", "為何重要"),
    "scan.what": ("What to do", "應採取的行動"),
    "scan.hosted": ("Hosted site builders", "託管網站平台"),
    "scan.tests": ("Every test", "所有測試項目"),
    "scan.tests_intro": (
        "Points are added to or taken from 100; bonuses count only when the site already "
        "scores 90 or more.",
        "分數由100起計加減；只有在網站已取得90分或以上時，加分項目才會計算。",
    ),
    "scan.pass": ("pass", "通過"),
    "scan.fail": ("fail", "未通過"),
    "scan.other_fixes": ("Fixes for the other failed tests", "其他未通過測試項目的修正"),
    "scan.see_fix": ("See fix {rank} above.", "見上文第{rank}項修正。"),
    "scan.findings": ("Other checks", "其他檢查"),
    "scan.findings_intro": (
        "Checks beside the grade (they never change it): certificate, mixed content, cookies, "
        "leaking headers, security.txt and more.",
        "評級以外的檢查（不影響評級）：證書、混合內容、Cookie、洩露資訊的標頭、security.txt 等。",
    ),
    "scan.no_findings": ("No other problems found.", "沒有發現其他問題。"),
    "scan.severity_critical": ("Critical", "嚴重"),
    "scan.severity_warning": ("Warning", "警告"),
    "scan.no_test_results": (
        "The site could not be graded, so there are no test results.",
        "未能為網站評級，因此沒有測試結果。",
    ),
    "scan.guide": (
        "How to fix: settings to forward to your web vendor",
        "修正方法：可轉交網站供應商的設定",
    ),
    "scan.guide_intro": (
        "Each fix appears once here; the site pages above say which ones each site needs.",
        "每項修正只在此列出一次；上文各網站的頁面列明該網站需要哪些修正。",
    ),
    "scan.see_guide": ("How to fix: see the fix guide at the end.", "修正方法：見文末的修正指南。"),
    "scan.method": ("About this report", "關於本報告"),
    "scan.method_text": (
        "cisec read the site's pages once, from this computer, and checked the answers; it did "
        "not try to break in. Values the site sent are printed as text, never opened. Scan again "
        "after each fix to confirm it.",
        "cisec 在本電腦讀取網站網頁一次並檢查其回應，並無嘗試入侵。網站發送的數值只以文字列出，"
        "從不開啟。每項修正完成後，請再次掃描確認。",
    ),
    # The scan report's fix guide: titles of findings (their own sentences name one site's details)
    "scan.guide.certificate-invalid": ("Untrusted certificate", "不受信任的證書"),
    "scan.guide.permissions-policy-missing": ("Permissions-Policy", "Permissions-Policy"),
    "scan.guide.information-leaking-headers": (
        "Headers that reveal software",
        "透露軟件資料的標頭",
    ),
    "scan.guide.security-txt-missing": ("security.txt", "security.txt"),
    # The workshop's class-results debrief
    "debrief.title": ("Workshop class results", "工作坊全班結果"),
    "debrief.participants": ("Participants", "參加者"),
    "debrief.participant": ("Participant", "參加者"),
    "debrief.answered": ("Answered", "已作答"),
    "debrief.correct": ("Correct", "正確"),
    "debrief.score": ("Score", "得分"),
    "debrief.class_mean": ("Class mean", "全班平均"),
    "debrief.questions": ("Questions", "問題"),
    "debrief.share_correct": ("Share correct", "答對比例"),
    "debrief.mean_score": ("Mean score", "平均得分"),
    "debrief.model_answer": ("Model answer", "參考答案"),
    "debrief.why": ("Why", "理由"),
    "debrief.common_wrong": ("Most common wrong answers", "最常見的錯誤答案"),
    "debrief.no_wrong": ("No wrong answers.", "沒有錯誤答案。"),
    "debrief.discussion": ("For discussion", "討論"),
    "debrief.chosen_by": ("chosen by", "選擇人數"),
    "debrief.first_by": ("placed first by", "排首位人數"),
    "debrief.mean_place": ("mean place", "平均名次"),
    "debrief.files": ("Files merged", "已合併的檔案"),
    "debrief.file": ("File", "檔案"),
    "debrief.status": ("Status", "狀態"),
    "debrief.detail": ("Detail", "詳情"),
    "debrief.nobody": ("Nobody answered this question.", "沒有人回答這條問題。"),
    "debrief.anonymised": ("Participants are shown by number.", "參加者以編號顯示。"),
    "debrief.kind.single": ("one answer", "單選"),
    "debrief.kind.multiple": ("several answers", "多選"),
    "debrief.kind.ranking": ("ranking", "排序"),
    "debrief.status.merged": ("merged", "已合併"),
    "debrief.status.combined": ("combined", "已合併入同一參加者"),
    "debrief.status.duplicate": ("duplicate", "重複"),
    "debrief.status.conflict": ("conflict", "衝突"),
    "debrief.status.other-pack": ("other pack", "其他演練"),
    "debrief.status.unreadable": ("unreadable, skipped", "無法讀取，已略過"),
    # What each merged file contributed (the debrief's file list; the JSON carries the English)
    "debrief.detail.merged": (
        "{answered} of {questions} questions answered",
        "{questions} 條問題中已答 {answered} 條",
    ),
    "debrief.detail.merged_set_aside": (
        "{answered} of {questions} questions answered; set aside (not in this pack version, or "
        "not an option): {ids}",
        "{questions} 條問題中已答 {answered} 條；已擱置（不在此版本的演練內，或不是選項）：{ids}",
    ),
    "debrief.detail.other_pack": (
        "answers pack '{pack}', not '{expected}'",
        "作答的是演練「{pack}」，而非「{expected}」",
    ),
    "debrief.detail.unreadable": ("could not be read", "無法讀取"),
    "debrief.detail.conflict": (
        "same participant as {primary} with different answers to {ids}; for each question the "
        "later answer counts",
        "與 {primary} 為同一參加者，但 {ids} 的答案不同；每條問題以較後的答案為準",
    ),
    "debrief.detail.conflict_used": (
        "same participant as {primary} with different answers to {ids}; for each question the "
        "later answer counts; this file's answers count for {used}",
        "與 {primary} 為同一參加者，但 {ids} 的答案不同；每條問題以較後的答案為準；"
        "此檔案的答案用於 {used}",
    ),
    "debrief.detail.combined": (
        "same participant as {primary} (a second session?); adds answers to {ids}",
        "與 {primary} 為同一參加者（第二次作答？）；補充了 {ids} 的答案",
    ),
    "debrief.detail.duplicate": (
        "same participant and answers as {primary}; counted once",
        "與 {primary} 為同一參加者及相同答案；只計算一次",
    ),
    # The same, when the projected results leave file and participant names out
    "debrief.anonymous.combined": (
        "a second session of a merged participant; its extra answers were added",
        "已合併參加者的第二次作答；其額外答案已加入",
    ),
    "debrief.anonymous.duplicate": (
        "a second copy of a merged participant's answers; counted once",
        "已合併參加者答案的副本；只計算一次",
    ),
    "debrief.anonymous.conflict": (
        "a second file of a merged participant with different answers; for each question the "
        "later answer counts",
        "已合併參加者的另一個檔案，答案不同；每條問題以較後的答案為準",
    ),
    "debrief.anonymous.other-pack": ("answers another exercise pack", "作答的是另一個演練"),
    "debrief.anonymous.unreadable": (
        "could not be read (named on the trainer's screen)",
        "無法讀取（檔案名稱見導師的畫面）",
    ),
    "debrief.of": ("{answered} of {total}", "{total} 人中 {answered} 人"),
    # The OSCAL exports (assessment results, plan of action and milestones)
    "oscal.role.prepared_for": ("Organisation assessed", "受評估機構"),
    "oscal.plan.title": (
        "{questionnaire} {version}: the questionnaire answered",
        "{questionnaire} {version}：所回答的問卷",
    ),
    "oscal.plan.description": (
        "A self-assessment has no separate assessment plan: the plan is the questionnaire "
        "answered, whose questions are the controls and objectives reviewed.",
        "自我評估沒有另行制定的評估計劃：計劃即所回答的問卷，其問題就是所檢視的控制措施及目標。",
    ),
    "oscal.results.title": (
        "{questionnaire}: self-assessment results",
        "{questionnaire}：自我評估結果",
    ),
    "oscal.result.title": (
        "Self-assessment against {questionnaire}",
        "按{questionnaire}進行的自我評估",
    ),
    "oscal.result.description": (
        "The self-assessment of {organisation} against {questionnaire} version {version}.",
        "{organisation}按{questionnaire}（版本 {version}）進行的自我評估。",
    ),
    "oscal.reviewed": (
        "Every question that applies to the organisation's profile.",
        "適用於機構概況的每條問題。",
    ),
    "oscal.observation.answer": ("Answer: {answer}.", "答案：{answer}。"),
    "oscal.evidence_file": ("Evidence file {name}", "證明文件檔案 {name}"),
    "oscal.gap.answer": (
        "The answer falls short of what good looks like.",
        "答案未達良好做法的要求。",
    ),
    "oscal.gap.unknown": (
        "The answer is unknown, which counts as a gap.",
        "答案為不清楚，視作差距。",
    ),
    "oscal.poam.title": (
        "{questionnaire}: plan of action and milestones",
        "{questionnaire}：行動及里程碑計劃",
    ),
    "oscal.role.owner": ("Remediation owner", "改善負責人"),
    "oscal.role.risk_acceptor": ("Accepted the risk", "接受風險者"),
    "oscal.gap_closed": (
        "The gap has closed: the answer now meets the question.",
        "差距已消除：現時的答案已符合問題的要求。",
    ),
    "oscal.task.close": ("Close the gap", "消除差距"),
    "oscal.log.accepted": ("Risk accepted by {name}", "由{name}接受風險"),
    "oscal.log.done": ("Marked done", "標記為已完成"),
    "oscal.gap.declared_level": (
        "The answer is below the level the declared profile expects (at least {expected}).",
        "答案低於所聲明概況期望的水平（最低 {expected}）。",
    ),
}

# The method, as docs/scoring.md states it; one paragraph per entry.
SCORING_METHOD: Final[tuple[tuple[str, str], ...]] = (
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
        "Every answer below full marks is a gap. Its priority is weight × (1 − score) × kind factor, where the factor is 3 for an Ordinance duty, 2.5 for a Code of Practice expectation, 2 for a critical control and 1 for other good practice, so a missing Ordinance duty outranks a Code of Practice expectation, which outranks any good practice. An answer below the level the organisation itself declares is listed as a gap of its own. The same files always give the same numbers.",
        "每個未取得滿分的答案均列為差距，其優先度為比重 × (1 − 得分) × 類別系數；條例責任的系數為3，《實務守則》要求為2.5，關鍵控制措施為2，其他良好作業模式為1，因此欠缺條例責任排在《實務守則》要求之前，而《實務守則》要求又排在任何良好作業模式之前。答案未達機構自行聲明的級別時，另列為一項差距。相同的檔案必定得出相同的數字。",
    ),
)

# Not strftime("%B"): that follows the process locale, and a document must not.
MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def say(key: str, language: Language, **values: object) -> str:
    """The string `key` in `language`, with `{placeholders}` filled from `values`."""
    english, chinese = WORDS[key]
    template = english if language == "en" else chinese
    return template.format(**values) if values else template


def format_date(day: dt.date, language: Language) -> str:
    """A date for people: 25 November 2026, or 2026年11月25日."""
    if language == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def answer_text(scale: Scale, answer: Answer | None, language: Language) -> str | None:
    """An answer in words: the option's label, the number with its unit, or N/A or unknown.

    None when there is no answer (or a choice the scale no longer has): callers say that their
    own way ("Not answered" in a report, nothing in a JSON field).
    """
    if answer is None:
        return None
    value = answer.value
    if scale.type == "choice":
        option = scale.option(str(value))
        return option.label.get(language) if option else None
    if value == "na":
        return say("status.not_applicable", language)
    if value == "unknown":
        return say("status.unknown", language)
    return number_text(value, scale, language)


def number_text(value: object, scale: Scale, language: Language) -> str:
    """A number on `scale` with its unit: 12 months, 12個月 (a whole float without its .0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = scale.unit.get(language) if scale.unit else ""
    if not unit:
        return str(value)
    return f"{value} {unit}" if language == "en" else f"{value}{unit}"


@dataclass(frozen=True)
class Phrase:
    """Text in one language; `primary` is false for the paired translation in a bilingual document.

    `in_document_language` text needs no element of its own to carry its `lang`: printing it
    bare saves WeasyPrint an inline box per phrase, a tenth of the layout time of a long report.
    """

    text: str
    lang: str
    primary: bool = True
    in_document_language: bool = False


Words = list[Phrase]


class Phrases:
    """Makes phrase lists in the languages a document shows; the first is the document's own."""

    def __init__(self, languages: tuple[Language, ...]) -> None:
        self.languages = languages

    def each(self, texts: dict[Language, str]) -> Words:
        """One phrase per language shown; an empty text, or a translation identical to the
        original, is left out (a document prints nothing rather than an empty pair)."""
        phrases: Words = []
        for language in self.languages:
            text = texts[language]
            if not text or (phrases and text == phrases[0].text):
                continue
            first = not phrases
            phrases.append(Phrase(text, lang_tag(language), first, first))
        return phrases

    def say(self, key: str, **values: object) -> Words:
        """The string `key` in each language, placeholders filled."""
        return self.each({language: say(key, language, **values) for language in self.languages})

    def text(self, text: LocalizedText) -> Words:
        """Content text (a questionnaire's, a pack's) in each language."""
        return self.each({language: text.get(language) for language in self.languages})

    def date(self, day: dt.date | None) -> Words:
        """A date in each language's way, or "not stated"."""
        if day is None:
            return self.say("report.not_stated")
        return self.each({language: format_date(day, language) for language in self.languages})

    def labels(self, document: str) -> dict[str, Words]:
        """The fixed words (no placeholders) of `document` and of every document, by short name,
        for a template: `report.summary` is `labels["summary"]`."""
        labels: dict[str, Words] = {}
        for key, (english, _) in WORDS.items():
            prefix, _, name = key.partition(".")
            if prefix in (document, "doc") and "{" not in english:
                if name in labels:
                    raise ValueError(f"{key}: {document} already has a label {name!r}")
                labels[name] = self.say(key)
        return labels

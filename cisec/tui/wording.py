"""Provides every string the terminal UI shows, in English and Traditional Chinese (Hong Kong).

One table, so a term changes in one place (see docs: shared glossary). Keys are short
names; `say(key, language)` picks the language and fills `{placeholders}`.
"""

from __future__ import annotations

from cisec.model.text import Language

# key: (English, 繁體中文（香港）)
WORDS: dict[str, tuple[str, str]] = {
    # The app and its frame
    "app.title": ("cisec — cybersecurity self-assessment", "cisec — 網絡安全自我評估"),
    "language.name": ("English", "中文"),
    "language.other": ("中文", "English"),
    "language.en": ("English", "英文"),
    "language.zh-Hant": ("Traditional Chinese (HK)", "繁體中文（香港）"),
    # Keys (descriptions shown in the key bar and the key list)
    "key.quit": ("Save and quit", "儲存並離開"),
    "key.quit.short": ("quit", "離開"),
    "key.help": ("Show every key", "顯示所有按鍵"),
    "key.help.short": ("keys", "按鍵"),
    "key.language": ("Switch English / Chinese", "切換英文／中文"),
    "key.language.short": ("中文", "English"),
    "key.palette": ("Find a question by id or words", "以編號或字詞尋找問題"),
    "key.palette.short": ("find", "尋找"),
    "key.new": ("New assessment", "新評估"),
    "key.open": ("Open an assessment file", "開啟評估檔案"),
    "key.workshop": ("Workshop exercise", "工作坊演練"),
    "key.scan": ("Website security-header scan", "網站保安標頭檢查"),
    "key.open.recent": ("Open the chosen assessment", "開啟所選評估"),
    "key.open.short": ("open", "開啟"),
    "key.answer": (
        "Choose the n-th answer, save, move on (numbers, dates: type)",
        "選擇第 n 個答案、儲存並前往下一題（數字及日期：直接輸入）",
    ),
    "key.answer.short": ("answer", "作答"),
    "key.down": ("Next question", "下一題"),
    "key.up": ("Previous question", "上一題"),
    "key.move.short": ("move", "移動"),
    "key.next_todo": ("Next unanswered or flagged question", "下一條未答或已標記的問題"),
    "key.next_todo.short": ("next", "下一項"),
    "key.note": ("Write a note (or the N/A justification)", "撰寫備註（或不適用的理由）"),
    "key.note.short": ("note", "備註"),
    "key.evidence": ("Evidence references", "證明文件參考"),
    "key.flag": ("Flag for review (or unflag)", "標記以待覆核（或取消標記）"),
    "key.guidance": ("Show or hide the guidance", "顯示或隱藏指引"),
    "key.input": ("Type the answer (numbers and dates)", "輸入答案（數字及日期）"),
    "key.summary": ("Summary and report export", "摘要及匯出報告"),
    "key.summary.short": ("summary", "摘要"),
    "key.home": ("Back to the home screen", "返回主畫面"),
    "key.back": ("Back", "返回"),
    "key.walk": ("Back to the questions", "返回問題"),
    "key.export": ("Export the report", "匯出報告"),
    "key.export.short": ("export", "匯出"),
    "key.create": ("Create the assessment", "建立評估"),
    "key.close": ("Close", "關閉"),
    "key.save": ("Save", "儲存"),
    "key.cancel": ("Cancel", "取消"),
    # Home
    "home.heading": ("Cybersecurity self-assessment for Hong Kong", "香港網絡安全自我評估"),
    "home.recent": ("Recent assessments", "最近的評估"),
    "home.none": (
        "No assessments yet. Press n to start one, or o to open a file.",
        "尚未有評估。按 n 開始新評估，或按 o 開啟檔案。",
    ),
    "home.actions": ("Start", "開始"),
    "home.missing": ("(file not found)", "（找不到檔案）"),
    "home.opened": ("opened {when}", "於 {when} 開啟"),
    # Open
    "open.title": ("Open an assessment file", "開啟評估檔案"),
    "open.prompt": ("Path of a .cisec.json file:", ".cisec.json 檔案路徑："),
    # New assessment
    "new.title": ("New assessment", "新評估"),
    "new.questionnaire": ("Questionnaire", "問卷"),
    "new.organisation": ("Organisation", "機構"),
    "new.assessor": ("Assessor", "評估人員"),
    "new.language": ("Report language", "報告語言"),
    "new.path": ("Save as", "儲存為"),
    "new.create": ("Create", "建立"),
    "new.details": (
        "{questions} questions · version {version}",
        "{questions} 條問題 · 版本 {version}",
    ),
    "new.sources": ("Sources: {sources}", "資料來源：{sources}"),
    "new.none": (
        "No questionnaire found. Put one in {folder}.",
        "找不到問卷。請把問卷放在 {folder}。",
    ),
    "new.choose": ("Choose a questionnaire first.", "請先選擇問卷。"),
    "new.next": (
        "The profile questions come first: they tailor what follows.",
        "先回答機構概況問題：其答案決定之後適用的問題。",
    ),
    # Walk
    "walk.profile": ("Profile", "機構概況"),
    "walk.sections": ("Sections", "章節"),
    "walk.statutory": ("Statutory", "法定要求"),
    "walk.practice": ("Good practice", "良好作業模式"),
    "walk.critical": ("critical", "關鍵"),
    "walk.profile_question": ("Profile", "機構概況"),
    "walk.guidance": ("Guidance", "指引"),
    "walk.guidance.hint": ("g: guidance", "g：指引"),
    "walk.evidence_hint": ("Evidence to keep", "應保存的證明文件"),
    "walk.note": ("Note: ", "備註："),
    "walk.no_note": ("No note (e: write one)", "沒有備註（e：撰寫）"),
    "walk.evidence": ("Evidence: ", "證明文件："),
    "walk.flagged": ("⚑ Flagged for review", "⚑ 已標記待覆核"),
    "walk.skipped": (
        "Skipped: this question does not apply to the profile given ({because}).",
        "已略過：按機構概況（{because}），此問題不適用。",
    ),
    "walk.skipped.short": ("skipped", "已略過"),
    "walk.type_number": (
        "Type a number (a digit starts) and press Enter.",
        "輸入數字（按數字鍵即開始）後按 Enter。",
    ),
    "walk.type_date": (
        "Type a date as YYYY-MM-DD (a digit starts) and press Enter.",
        "以 YYYY-MM-DD 格式輸入日期（按數字鍵即開始）後按 Enter。",
    ),
    "walk.type_also": (" Or Enter, then: {words}.", "或按 Enter 後輸入：{words}。"),
    "walk.type_leave": ("Esc leaves the field; ↑ ↓ move.", "Esc 離開輸入欄；↑ ↓ 移動。"),
    "walk.answered": ("{answered} of {applicable} answered", "已答 {answered}／{applicable} 題"),
    "walk.position": ("{index} of {total}", "第 {index}／{total} 項"),
    "walk.saved": ("✓ Saved", "✓ 已儲存"),
    "walk.saving": ("Saving…", "儲存中…"),
    "walk.loading": ("Opening…", "開啟中…"),
    "walk.answer_first": ("Answer this question first.", "請先回答此問題。"),
    "walk.all_done": (
        "Nothing left to do: every question is answered and none is flagged.",
        "已沒有待辦事項：所有問題均已作答，亦沒有標記。",
    ),
    "walk.no_option": ("This question has no answer {number}.", "此問題沒有第 {number} 個答案。"),
    "walk.score": ("score {score}", "得分 {score}"),
    "walk.notices": ("Opened with notices", "開啟時的提示"),
    "walk.palette": ("Find a question by id or words…", "以編號或字詞尋找問題…"),
    # Notes, N/A, evidence
    "note.title": ("Note for {id}", "{id} 的備註"),
    "note.na_title": (
        "Not applicable: why does {id} not apply?",
        "不適用：為何 {id} 不適用？",
    ),
    "note.na_help": (
        "A justification is required. Ctrl+S saves, Esc cancels.",
        "必須說明理由。Ctrl+S 儲存，Esc 取消。",
    ),
    "note.help": ("Ctrl+S saves, Esc cancels.", "Ctrl+S 儲存，Esc 取消。"),
    "note.needed": ("Give the reason before saving.", "請先填寫理由再儲存。"),
    "evidence.title": ("Evidence references for {id}", "{id} 的證明文件參考"),
    "evidence.help": (
        "One reference per line (document names, ticket numbers, links). Ctrl+S saves.",
        "每行一項參考（文件名稱、編號或連結）。Ctrl+S 儲存。",
    ),
    # Summary
    "summary.title": ("Summary", "摘要"),
    "summary.overall": ("Overall", "整體"),
    "summary.coverage": ("{percent}% answered", "已答 {percent}%"),
    "summary.sections": ("Sections", "章節"),
    "summary.statutory": ("Statutory duties", "法定責任"),
    "summary.status": (
        "met {met} · partly {partly} · not met {not_met} · unknown {unknown} · "
        "N/A {not_applicable} · unanswered {unanswered}",
        "符合 {met} · 部分符合 {partly} · 不符合 {not_met} · 不清楚 {unknown} · "
        "不適用 {not_applicable} · 未答 {unanswered}",
    ),
    "summary.gaps": ("Top gaps", "主要差距"),
    "summary.no_gaps": ("No gaps among the answers so far.", "目前的答案中沒有差距。"),
    "summary.calendar": ("Compliance calendar (Cap. 653)", "合規日程（第653章）"),
    "summary.calendar.none": ("Nothing to show.", "沒有項目。"),
    "summary.due.done": ("done", "已完成"),
    "summary.due.due": ("due", "到期"),
    "summary.due.overdue": ("overdue", "逾期"),
    "summary.due.rolling": ("ongoing", "持續"),
    "summary.due.needs-date": ("needs a date", "須填日期"),
    "summary.days.left": ("in {days} days", "{days} 日後"),
    "summary.days.late": ("{days} days late", "逾期 {days} 日"),
    "gap.answer": ("answer", "答案"),
    "gap.unknown": ("unknown", "不清楚"),
    "gap.declared_level": ("below the declared level", "低於聲明級別"),
    # Export
    "export.title": ("Export the report", "匯出報告"),
    "export.format": ("Format", "格式"),
    "export.language": ("Language", "語言"),
    "export.both": ("Both, side by side", "中英並列"),
    "export.path": ("Save as", "儲存為"),
    "export.start": ("Export", "匯出"),
    "export.working": ("Rendering the report…", "正在產生報告…"),
    "export.done": ("Written: {path}", "已寫入：{path}"),
    "export.unavailable": (
        "Report export is not installed in this version of cisec.",
        "此版本的 cisec 未有報告匯出功能。",
    ),
    # Errors
    "error.title": ("Something needs your attention", "請留意"),
    "error.next": ("Next step", "下一步"),
    "error.unexpected": (
        "Unexpected problem: {detail}",
        "發生未預期的問題：{detail}",
    ),
    "error.unexpected.next": (
        "Your answers so far are saved. Please report this with the steps that led to it.",
        "你已作答的內容均已儲存。請連同引致問題的步驟一併報告。",
    ),
    "error.ok": ("OK", "確定"),
    # Key list
    "help.title": ("Keys", "按鍵"),
    "help.everywhere": ("Everywhere", "所有畫面"),
    "help.here": ("On this screen", "本畫面"),
}


def say(key: str, language: Language, **values: object) -> str:
    """The string `key` in `language`, with `{placeholders}` filled from `values`."""
    english, chinese = WORDS[key]
    text = english if language == "en" else chinese
    return text.format(**values) if values else text


def bilingual(key: str) -> str:
    """The string `key` in both languages, for places shown before a language is chosen."""
    english, chinese = WORDS[key]
    return f"{english} / {chinese}"

"""Provides every string the terminal UI shows, in English and Traditional Chinese (Hong Kong).

One table for every screen, so a term changes in one place (see the glossary). Keys are short
dotted names, the first part the screen or frame (`walk.`, `scan.`, `workshop.`), plain ones for
words several screens share; `say(key, language)` picks the language and fills `{placeholders}`.
Documents (reports, exports, the debrief) have their own table in `cisec.wording`.
"""

from __future__ import annotations

from cisec.model.text import Language

# key: (English, 繁體中文（香港）)
WORDS: dict[str, tuple[str, str]] = {
    # The app and its frame
    "start": ("Start", "開始"),
    "save_as": ("Save as", "儲存為"),
    "app.title": ("cisec — cybersecurity self-assessment", "cisec — 網絡安全自我評估"),
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
    "key.retry_save": ("Save again (after a failed save)", "再次儲存（儲存失敗後）"),
    "key.save_elsewhere": ("Save the assessment under a new name", "以新檔名儲存評估"),
    "key.home": ("Back to the home screen", "返回主畫面"),
    "key.back": ("Back", "返回"),
    "key.walk": ("Back to the questions", "返回問題"),
    "key.export": ("Export the report", "匯出報告"),
    "key.export.short": ("export", "匯出"),
    "key.create": ("Create the assessment", "建立評估"),
    "key.close": ("Close", "關閉"),
    "key.save": ("Save", "儲存"),
    "key.cancel": ("Cancel", "取消"),
    "key.plan": ("Remediation plan (owners, due dates, status)", "改善計劃（負責人、限期、狀態）"),
    "key.plan.short": ("plan", "計劃"),
    "key.plan.owner": ("Set who fixes the gap (owner)", "設定負責改善的人（負責人）"),
    "key.plan.owner.short": ("owner", "負責人"),
    "key.plan.due": ("Set the due date (YYYY-MM-DD)", "設定限期（YYYY-MM-DD）"),
    "key.plan.due.short": ("due", "限期"),
    "key.plan.status": ("Choose the status", "選擇狀態"),
    "key.plan.status.short": ("status", "狀態"),
    "key.plan.milestone": ("Add a milestone (date and what happens)", "加入里程碑（日期及事項）"),
    "key.plan.milestone.short": ("milestone", "里程碑"),
    "key.plan.note": ("Write the plan item's note", "撰寫改善計劃項目的備註"),
    # Home
    "home.heading": ("Cybersecurity self-assessment for Hong Kong", "香港網絡安全自我評估"),
    "home.recent": ("Recent assessments", "最近的評估"),
    "home.none": (
        "No assessments yet. Press n to start one, or o to open a file.",
        "尚未有評估。按 n 開始新評估，或按 o 開啟檔案。",
    ),
    "home.missing": ("(file not found)", "（找不到檔案）"),
    "home.opened": ("opened {when}", "於 {when} 開啟"),
    # Open
    "open.prompt": ("Path of a .cisec.json file:", ".cisec.json 檔案路徑："),
    # New assessment
    "new.questionnaire": ("Questionnaire", "問卷"),
    "new.organisation": ("Organisation", "機構"),
    "new.assessor": ("Assessor", "評估人員"),
    "new.language": ("Report language", "報告語言"),
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
    "walk.statutory": ("Ordinance duty", "條例責任"),
    "walk.code_of_practice": ("Code of Practice", "《實務守則》要求"),
    "walk.section_unconfirmed": ("section to be confirmed", "條文編號有待核實"),
    "walk.practice": ("Good practice", "良好作業模式"),
    "walk.critical": ("critical", "關鍵"),
    "walk.guidance": ("Guidance", "指引"),
    "walk.guidance.hint": ("g: guidance", "g：指引"),
    "walk.evidence_hint": ("Evidence to keep", "應保存的證明文件"),
    "walk.note": ("Note: ", "備註："),
    "walk.no_note": ("No note (e: write one)", "沒有備註（e：撰寫）"),
    "walk.evidence": ("Evidence: ", "證明文件："),
    "walk.evidence_files": ("Evidence files: ", "證明文件檔案："),
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
    "walk.merged": ("Saved together with another window", "已與另一個視窗的變更一併儲存"),
    "walk.unsaved": (
        "⚠ Not saved: ^s retry, w new file",
        "⚠ 未儲存：^s 重試，w 另存",
    ),
    "walk.leave_unsaved": (
        "Your latest answers are not saved. Press ctrl+s to try again or w to save under a new "
        "name; press Esc again to leave without them.",
        "最近的答案尚未儲存。請按 ctrl+s 重試，或按 w 以新檔名儲存；再按 Esc 即不儲存離開。",
    ),
    "walk.save_as.title": ("Save the assessment as", "評估另存為"),
    "walk.save_as.help": (
        "A new file name; from now on the answers are saved there.",
        "請輸入新的檔案名稱；此後答案會儲存到該檔案。",
    ),
    "quit.unsaved": (
        "Some answers are not saved. Press ctrl+s to try again or w to save under a new name; "
        "press ctrl+q again to quit without them.",
        "部分答案尚未儲存。請按 ctrl+s 重試，或按 w 以新檔名儲存；再按 ctrl+q 即不儲存離開。",
    ),
    "walk.loading": ("Opening…", "開啟中…"),
    "walk.answer_first": ("Answer this question first.", "請先回答此問題。"),
    "walk.all_done": (
        "Nothing left to do: every question is answered and none is flagged.",
        "已沒有待辦事項：所有問題均已作答，亦沒有標記。",
    ),
    "walk.no_option": ("This question has no answer {number}.", "此問題沒有第 {number} 個答案。"),
    "walk.score": ("score {score}", "得分 {score}"),
    "walk.notices": ("Opened with notices", "開啟時的提示"),
    "walk.previous": ("Last year: {answer}", "去年：{answer}"),
    "walk.previous.title": ("Last year's assessment", "去年的評估"),
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
    "evidence.files": ("Evidence files recorded: {files}", "已記錄的證明文件：{files}"),
    "evidence.no_files": ("none", "沒有"),
    "evidence.file": ("An evidence file to record (path)", "要記錄的證明文件（路徑）"),
    "evidence.file_help": (
        "References above, one per line. Pick a file below (Enter) or type its path: its "
        "name, size and SHA-256 are recorded; the file stays where it is. Ctrl+S saves.",
        "上面每行一項參考。在下面選取檔案（Enter）或輸入路徑：會記錄其名稱、大小及 "
        "SHA-256，檔案留在原處。Ctrl+S 儲存。",
    ),
    # Encrypted files
    "passphrase.title": ("Passphrase for {name}", "{name} 的密碼短語"),
    "passphrase.help": (
        "This assessment is encrypted (age). Type its passphrase and press Enter; Esc goes back.",
        "此評估已加密（age）。請輸入密碼短語並按 Enter；Esc 返回。",
    ),
    "walk.encrypted": ("🔒 Encrypted", "🔒 已加密"),
    # Summary
    "summary.title": ("Summary", "摘要"),
    "summary.overall": ("Overall", "整體"),
    "summary.coverage": ("{percent}% answered", "已答 {percent}%"),
    "summary.sections": ("Sections", "章節"),
    "summary.statutory": ("Ordinance duties", "條例責任"),
    "summary.code_of_practice": ("CoP expectations", "《實務守則》要求"),
    "summary.code_of_practice.meaning": (
        "A Code of Practice gap is not an offence by itself; the authority may direct "
        "compliance, and breaching a direction is.",
        "未符合《實務守則》本身不構成罪行；當局可指示遵從，而違反指示即屬犯罪。",
    ),
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
    "gap.declared_level": ("below the declared level", "低於聲明級別"),
    # Remediation plan
    "plan.title": ("Remediation plan", "改善計劃"),
    "plan.col.tier": ("Tier", "類別"),
    "plan.col.priority": ("Pri.", "優先"),
    "plan.col.question": ("Gap", "差距"),
    "plan.col.owner": ("Owner", "負責人"),
    "plan.col.due": ("Due", "限期"),
    "plan.col.status": ("Status", "狀態"),
    "plan.tier.statutory": ("ORD", "條例"),
    "plan.tier.code_of_practice": ("CoP", "守則"),
    "plan.tier.practice": ("GP", "良好"),
    "plan.status.open": ("open", "未處理"),
    "plan.status.in-progress": ("in progress", "進行中"),
    "plan.status.done": ("done", "已完成"),
    "plan.status.risk-accepted": ("risk accepted", "已接受風險"),
    "plan.overdue": ("⚠ overdue", "⚠ 逾期"),
    "plan.closed": ("✓ gap closed", "✓ 差距已消除"),
    "plan.none": (
        "No gaps among the answers so far, so nothing to plan.",
        "目前的答案中沒有差距，毋須制訂改善計劃。",
    ),
    "plan.counts": (
        "{gaps} gaps · {planned} with an owner or due date · {overdue} overdue",
        "{gaps} 項差距 · {planned} 項已定負責人或限期 · {overdue} 項逾期",
    ),
    "plan.nobody": ("nobody yet", "尚未指派"),
    "plan.no_due": ("no due date", "未定限期"),
    "plan.detail.owner": ("Owner: {owner}", "負責人：{owner}"),
    "plan.detail.due": ("Due: {due}", "限期：{due}"),
    "plan.detail.overdue": (
        "⚠ Overdue: due {due}, {days} days ago",
        "⚠ 逾期：限期為 {due}，已過 {days} 日",
    ),
    "plan.detail.status": ("Status: {status}", "狀態：{status}"),
    "plan.detail.closed_on": ("closed on {date}", "於 {date} 完成"),
    "plan.detail.accepted": (
        "Risk accepted by {who}: {why}",
        "由 {who} 接受風險：{why}",
    ),
    "plan.detail.closed": (
        "✓ The gap has closed: the answer now meets the expectation.",
        "✓ 差距已消除：現時的答案已符合要求。",
    ),
    "plan.detail.milestones": ("Milestones:", "里程碑："),
    "plan.detail.note": ("Note: {note}", "備註：{note}"),
    "plan.owner.title": ("Owner of {id}", "{id} 的負責人"),
    "plan.owner.help": (
        "Who fixes this gap (a name or a role). Enter saves, an empty line clears, Esc cancels.",
        "負責改善此差距的人（姓名或職位）。Enter 儲存，留空即清除，Esc 取消。",
    ),
    "plan.due.title": ("Due date of {id}", "{id} 的限期"),
    "plan.due.help": (
        "YYYY-MM-DD, e.g. 2027-03-31. Enter saves, an empty line clears, Esc cancels.",
        "YYYY-MM-DD，例如 2027-03-31。Enter 儲存，留空即清除，Esc 取消。",
    ),
    "plan.status.title": ("Status of {id}", "{id} 的狀態"),
    "plan.status.help": (
        "↑ ↓ and Enter, or 1-4. Accepting the risk asks why and who accepted it.",
        "以 ↑ ↓ 及 Enter 或 1-4 選擇。接受風險須說明理由及由誰接受。",
    ),
    "plan.risk.title": ("Accept the risk of {id}", "接受 {id} 的風險"),
    "plan.risk.justification": ("Why the gap is left open", "保留此差距的理由"),
    "plan.risk.accepted_by": ("Accepted by (name or role)", "接受者（姓名或職位）"),
    "plan.risk.help": (
        "Both are needed. Tab moves, Ctrl+S saves, Esc cancels.",
        "兩項均須填寫。Tab 移動，Ctrl+S 儲存，Esc 取消。",
    ),
    "plan.risk.needed": (
        "Give the justification and who accepted the risk.",
        "請填寫理由及接受風險的人。",
    ),
    "plan.milestone.title": ("Add a milestone to {id}", "為 {id} 加入里程碑"),
    "plan.milestone.help": (
        "The date, a space, then what happens: 2027-01-31 Firewall rules reviewed. Enter saves.",
        "日期、空格，然後是事項：2027-01-31 已檢視防火牆規則。Enter 儲存。",
    ),
    "plan.note.title": ("Plan note for {id}", "{id} 的改善計劃備註"),
    "plan.leave_unsaved": (
        "Your latest plan changes are not saved. Press ctrl+s to try again; press Esc again to "
        "leave (they stay in memory until the assessment is saved).",
        "最近的改善計劃變更尚未儲存。請按 ctrl+s 重試；再按 Esc 即離開（變更會保留在記憶體，"
        "直至評估儲存為止）。",
    ),
    "plan.unsaved": ("⚠ Not saved: ^s retry", "⚠ 未儲存：^s 重試"),
    "home.overdue": ("⚠ {count} plan items overdue", "⚠ {count} 個改善計劃項目逾期"),
    "home.overdue.one": ("⚠ 1 plan item overdue", "⚠ 1 個改善計劃項目逾期"),
    # Export
    "export.format": ("Format", "格式"),
    "export.language": ("Language", "語言"),
    "export.both": ("Both, side by side", "中英並列"),
    "export.edition": ("Edition", "版本"),
    "export.edition.board": (
        "Board: short, legal gaps in full",
        "董事會版：精簡，列出全部法定差距",
    ),
    "export.edition.full": ("Full: every answer, for auditors", "完整版：所有答案，供審計之用"),
    "export.start": ("Export", "匯出"),
    "export.working": ("Rendering the report…", "正在產生報告…"),
    "export.done": ("Written: {path}", "已寫入：{path}"),
    "export.unavailable": (
        "Report export is not installed in this version of cisec.",
        "此版本的 cisec 未有報告匯出功能。",
    ),
    # Website scan
    "scan.site": ("Site", "網站"),
    "scan.placeholder": (
        "example.com or https://example.com/shop",
        "example.com 或 https://example.com/shop",
    ),
    "scan.scan": ("Scan", "掃描"),
    "scan.intro": (
        "Type the address of a website and press Enter. The scan reads the site's pages once "
        "and grades its security headers the way the MDN HTTP Observatory does.",
        "輸入網站地址後按 Enter。掃描會讀取網站網頁一次，並按 MDN HTTP Observatory 的方法為保安標頭評級。",
    ),
    "scan.scanning": ("Scanning {target}…", "正在掃描 {target}…"),
    "scan.grade": ("Grade {grade} · score {score}", "評級 {grade} · 分數 {score}"),
    "scan.not_graded": ("Not graded", "未能評級"),
    "scan.page": ("{url} (HTTP {status})", "{url}（HTTP {status}）"),
    "scan.top_fixes": ("The three most important fixes", "三項最重要的修正"),
    "scan.tests": ("Every test", "所有測試項目"),
    "scan.findings": ("Other checks", "其他檢查"),
    "scan.report_note": (
        "The report (^x) adds copy-and-paste settings for nginx, Apache httpd, IIS and Cloudflare.",
        "報告（^x）另附 nginx、Apache httpd、IIS 及 Cloudflare 的現成設定。",
    ),
    "scan.save_as": ("Save report as", "報告儲存為"),
    "scan.exporting": ("Writing the report…", "正在製作報告…"),
    "scan.exported": ("Report saved: {path}", "報告已儲存：{path}"),
    "scan.empty": ("Type a website address first.", "請先輸入網站地址。"),
    "scan.key.scan": ("Scan the address", "掃描該地址"),
    "scan.key.scan.short": ("scan", "掃描"),
    "scan.key.export": ("Export the report (PDF or HTML)", "匯出報告（PDF 或 HTML）"),
    "scan.key.export.short": ("report", "報告"),
    "scan.key.back.short": ("back", "返回"),
    # Workshop
    "workshop.start.title": ("Workshop — choose an exercise", "工作坊——選擇演練"),
    "workshop.start.packs": ("Exercise", "演練"),
    "workshop.start.name": ("Participant or team name", "參加者或隊伍名稱"),
    "workshop.start.mode": ("Mode", "模式"),
    "workshop.start.practice": (
        "Practice: see the model answer after each answer",
        "練習：每次作答後即看參考答案",
    ),
    "workshop.start.class": (
        "Class: model answers at the debrief",
        "課堂：參考答案在檢討環節公布",
    ),
    "workshop.start.pacing": ("New facts (injects) arrive", "情境更新的發放方式"),
    "workshop.start.trainer": ("when the trainer says (press ])", "按導師指示（按 ]）"),
    "workshop.start.timer": ("by the clock, at T+n minutes", "按時間，於開始後第 n 分鐘"),
    "workshop.start.details": (
        "{minutes} minutes · {questions} questions",
        "{minutes} 分鐘 · {questions} 條問題",
    ),
    "workshop.start.none": ("No exercise packs found.", "找不到演練。"),
    "workshop.keys.start": (
        "tab move · enter start · esc back · F2 中文",
        "tab 移動 · enter 開始 · esc 返回 · F2 English",
    ),
    "workshop.run.scenario": ("Scenario", "情境"),
    "workshop.run.clock": ("T+{minutes}:{seconds:02d}", "T+{minutes}:{seconds:02d}"),
    "workshop.run.question": ("Question {number} of {total}", "第 {number} 題（共 {total} 題）"),
    "workshop.run.waiting": (
        "All released questions are answered. Wait for the next inject, or finish.",
        "已發放的問題均已作答。請等待下一個情境更新，或完成演練。",
    ),
    "workshop.run.single": ("Choose one answer.", "請選擇一個答案。"),
    "workshop.run.multiple": (
        "Choose all that apply, then submit (s).",
        "請選擇所有適用答案，然後提交（s）。",
    ),
    "workshop.run.multiple.pick": (
        "Choose {pick}, then submit (s).",
        "請選擇 {pick} 項，然後提交（s）。",
    ),
    "workshop.run.ranking": (
        "Choose the options in order, most important first; backspace undoes the last.",
        "請按次序選擇各項，最重要的排先；按 backspace 取消上一項。",
    ),
    "workshop.run.ranked": ("Your order: {order}", "你的排序：{order}"),
    "workshop.run.submit": ("Submit", "提交"),
    "workshop.run.finish": ("Finish", "完成"),
    "workshop.run.next_inject": ("Next inject", "下一個情境更新"),
    "workshop.key.pick": ("Choose the n-th answer", "選擇第 n 個答案"),
    "workshop.key.unrank": ("Undo the last choice of the order", "取消上一個排序選擇"),
    "workshop.run.saved": ("Saved.", "已儲存。"),
    "workshop.run.correct": ("✓ The model answer.", "✓ 與參考答案相同。"),
    "workshop.run.partly": ("Partly right: {score}% of the marks.", "部分正確：得分 {score}%。"),
    "workshop.run.wrong": ("✗ Not the model answer.", "✗ 與參考答案不同。"),
    "workshop.run.model": ("Model answer", "參考答案"),
    "workshop.run.why": ("Why", "理由"),
    "workshop.run.sources": ("Sources", "資料來源"),
    "workshop.run.next": ("Press n for the next question.", "按 n 前往下一題。"),
    "workshop.run.released": ("New: {title}", "新情境：{title}"),
    "workshop.run.all_released": ("Every inject has been released.", "所有情境更新均已發放。"),
    "workshop.keys.run": (
        "1-9 pick · s submit · n/p question · ] inject · f finish · esc back · F2 中文",
        "1-9 選擇 · s 提交 · n/p 上下題 · ] 情境更新 · f 完成 · esc 返回 · F2 English",
    ),
    "workshop.review.title": ("Your result", "你的結果"),
    "workshop.review.score": (
        "Score {percent}% · {correct} of {total} exactly right · {answered} answered",
        "得分 {percent}% · {total} 題中 {correct} 題完全正確 · 已答 {answered} 題",
    ),
    "workshop.review.yours": ("Your answer", "你的答案"),
    "workshop.review.none": ("(not answered)", "（未作答）"),
    "workshop.review.file": ("Saved in {path}", "已儲存於 {path}"),
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

"""Provides every string the classroom pages show, in English and Traditional Chinese (Hong Kong).

One table, so a term changes in one place (the shared glossary's terms: 課堂代碼, 姓名或隊名,
加入, 提交, 演練情境更新, 參考答案, 導師). `words(language)` gives a page the whole table in
its language; `say` fills `{placeholders}`.
"""

from __future__ import annotations

from functools import lru_cache

from cisec.model.text import Language

# key: (English, 繁體中文（香港）)
WORDS: dict[str, tuple[str, str]] = {
    "app.name": ("cisec classroom", "cisec 課堂"),
    "language.switch": ("中文", "English"),
    "language.switch.name": ("Read this page in Traditional Chinese", "以英文閱讀此頁"),
    "colon": (": ", "："),
    "skip": ("Skip to the content", "跳至內容"),
    # Join
    "join.title": ("Join the class", "加入課堂"),
    "join.intro": (
        "Type the class code the trainer shows, and your name or your team's name.",
        "請輸入導師展示的課堂代碼，以及你的姓名或隊名。",
    ),
    "join.code": ("Class code", "課堂代碼"),
    "join.name": ("Name or team", "姓名或隊名"),
    "join.name.hint": ("Up to 80 characters.", "最多 80 個字元。"),
    "join.submit": ("Join", "加入"),
    "join.wrong_code": (
        "That class code is not right. Check it with the trainer and try again.",
        "課堂代碼不正確。請向導師核對後再試。",
    ),
    "join.too_many": (
        "Too many wrong class codes from this device. Wait {seconds} seconds, then try again.",
        "此裝置輸入錯誤的課堂代碼次數太多。請等候 {seconds} 秒後再試。",
    ),
    "join.no_name": ("Enter your name or your team's name.", "請輸入你的姓名或隊名。"),
    # The exercise
    "exercise.scenario": ("Scenario", "演練情境"),
    "exercise.injects": ("Injects", "演練情境更新"),
    "exercise.inject.at": ("T+{minutes} min", "T+{minutes} 分鐘"),
    "exercise.inject.new": ("New information from the trainer", "導師發放了新資料"),
    "exercise.questions": ("Questions", "問題"),
    "exercise.question.of": ("Question {number} of {total}", "第 {number} 題（共 {total} 題）"),
    "exercise.question.answered": ("answered", "已作答"),
    "exercise.question.open": ("not answered yet", "未作答"),
    "exercise.kind.single": ("Choose one.", "請選擇一項。"),
    "exercise.kind.multiple": ("Choose all that apply.", "請選擇所有適用的選項。"),
    "exercise.kind.pick": ("Choose {pick}.", "請選擇 {pick} 項。"),
    "exercise.kind.ranking": (
        "Give every option a place: 1 is the most important.",
        "請為每個選項排序：1 為最重要。",
    ),
    "exercise.place": ("Place for: {option}", "排序：{option}"),
    "exercise.submit": ("Submit", "提交"),
    "exercise.next": ("Next question", "下一題"),
    "exercise.saved": ("Your answer is saved.", "你的答案已儲存。"),
    "exercise.your_answer": ("Your answer", "你的答案"),
    "exercise.model_answer": ("Model answer", "參考答案"),
    "exercise.explanation": ("Why", "原因"),
    "exercise.references": ("Sources", "出處"),
    "exercise.correct": ("Correct.", "正確。"),
    "exercise.partly": (
        "Partly right: {percent}% of the points.",
        "部分正確：得 {percent}% 分數。",
    ),
    "exercise.wrong": ("Not the model answer.", "與參考答案不同。"),
    "exercise.waiting": (
        "You have answered every question released so far. More arrive when the trainer "
        "releases the next inject; this page shows them by itself.",
        "你已回答目前發放的所有問題。導師發放下一個演練情境更新時會有更多問題，此頁會自動顯示。",
    ),
    "exercise.closed": (
        "The trainer has revealed the model answer; this question is closed.",
        "導師已公布參考答案，這條問題已停止作答。",
    ),
    "exercise.ended": (
        "The exercise has ended. Thank you for taking part.",
        "演練已結束。多謝參與。",
    ),
    "exercise.score": (
        "Your score: {percent}% ({correct} of {questions} questions exactly right).",
        "你的得分：{percent}%（{questions} 題中有 {correct} 題完全正確）。",
    ),
    "exercise.joined_as": ("Joined as {name}", "以「{name}」身分加入"),
    "exercise.update": ("The trainer has changed the exercise.", "導師已更新演練。"),
    "exercise.update.show": ("Show it", "顯示"),
    "exercise.live": ("Live updates", "即時更新"),
    # The trainer's screen
    "trainer.title": ("Trainer's screen", "導師畫面"),
    "trainer.join_url": ("Participants open", "參加者開啟"),
    "trainer.mode.practice": (
        "Practice mode: each participant sees the model answer after submitting.",
        "練習模式：參加者提交後即可看到參考答案。",
    ),
    "trainer.mode.class": (
        "Class mode: model answers appear when you reveal them.",
        "課堂模式：參考答案在你公布後才會顯示。",
    ),
    "trainer.joined": (
        "{joined} joined · {answers} answers",
        "已加入 {joined} 人 · 共 {answers} 個答案",
    ),
    "trainer.injects": (
        "Injects released: {released} of {total}",
        "已發放的演練情境更新：{released} / {total}",
    ),
    "trainer.release": ("Release the next inject: {title}", "發放下一個演練情境更新：{title}"),
    "trainer.release.none": ("Every inject is released.", "所有演練情境更新均已發放。"),
    "trainer.released": ("Released: {title}", "已發放：{title}"),
    "trainer.reveal": ("Reveal the model answer", "公布參考答案"),
    "trainer.revealed": ("Model answer revealed", "已公布參考答案"),
    "trainer.revealed.done": (
        "Revealed the model answer of “{question}”.",
        "已公布「{question}」的參考答案。",
    ),
    "trainer.answered": ("{answered} of {joined} answered", "{joined} 人中 {answered} 人已作答"),
    "trainer.count": ("{count} chose “{option}”", "{count} 人選擇「{option}」"),
    "trainer.model": ("model answer", "參考答案"),
    "trainer.participants": ("Participants", "參加者"),
    "trainer.participant.answered": ("Answered", "已作答"),
    "trainer.nobody": ("Nobody has joined yet.", "尚未有人加入。"),
    "trainer.end": ("End the exercise and write the class results", "結束演練並寫出課堂結果"),
    "trainer.end.confirm": (
        "End the exercise for everyone? Nobody can answer after this.",
        "要為所有人結束演練嗎？結束後不能再作答。",
    ),
    "trainer.ended": (
        "The exercise has ended. Class results: {participants} participants, class mean {mean}.",
        "演練已結束。課堂結果：{participants} 位參加者，全班平均 {mean}。",
    ),
    "trainer.results": ("Open the class results", "開啟課堂結果"),
    "trainer.results.files": ("Written to {html} and {json}.", "已寫入 {html} 及 {json}。"),
    "trainer.wrong_key": (
        "This address needs the trainer's key that cisec printed when it started.",
        "此網址須附有 cisec 啟動時顯示的導師密鑰。",
    ),
    # Errors any page may show
    "error.title": ("Sorry", "抱歉"),
    "error.not_found": ("There is no such page here.", "這裏沒有此頁。"),
    "error.not_joined": (
        "This browser has not joined the class yet.",
        "此瀏覽器尚未加入課堂。",
    ),
    "error.origin": (
        "This request came from another site and was refused.",
        "此要求來自其他網站，已被拒絕。",
    ),
    "error.too_large": ("That was more than a page can send.", "傳送的內容超出上限。"),
    "error.back": ("Back to the join page", "返回加入頁"),
}


def say(key: str, language: Language, **values: object) -> str:
    """The string `key` in `language`, with `{placeholders}` filled from `values`."""
    english, chinese = WORDS[key]
    text = english if language == "en" else chinese
    return text.format(**values) if values else text


@lru_cache(maxsize=2)
def words(language: Language) -> dict[str, str]:
    """The whole table in one language, for templates (which only print it)."""
    return {key: say(key, language) for key in WORDS}

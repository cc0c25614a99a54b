"""The classroom in a real browser (Chromium) at phone size: join, answer, the trainer's live screen."""

from __future__ import annotations

import json
import os
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import PHONE, RunningClass


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide at {PHONE['width']} px"


def every_control_is_named(page: Page) -> None:
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('a, button, input:not([type=hidden]), select')]
            .filter(el => {
              const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : "";
              return !(el.getAttribute('aria-label') || label || el.textContent.trim());
            }).map(el => el.outerHTML)"""
    )
    assert unnamed == []


def join(page: Page, running: RunningClass, name: str, code: str) -> None:
    page.goto(running.base + "/")
    page.get_by_label("Class code").fill(code)
    page.get_by_label("Name or team").fill(name)
    page.get_by_role("button", name="Join").click()


def test_a_class_on_phones(browser: Browser, running_class: RunningClass) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    join(phone, running_class, "Team Kowloon", "135790")
    expect(phone.get_by_role("alert")).to_contain_text("That class code is not right")
    no_sideways_scroll(phone)
    every_control_is_named(phone)
    join(phone, running_class, "Team Kowloon", running_class.code)
    expect(phone.get_by_text("Joined as Team Kowloon")).to_be_visible()
    no_sideways_scroll(phone)
    every_control_is_named(phone)

    trainer = browser.new_context(viewport=PHONE).new_page()
    trainer.goto(running_class.trainer)
    expect(trainer.locator(".summary")).to_contain_text("1 joined · 0 answers")
    no_sideways_scroll(trainer)
    every_control_is_named(trainer)

    phone.get_by_role("radio", name="Yes — an unauthorised act").check()
    phone.get_by_role("button", name="Submit").click()
    expect(phone.get_by_text("Your answer is saved.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Model answer")).to_be_visible()
    no_sideways_scroll(phone)
    # Pushed, not reloaded: the trainer's page updates by itself.
    expect(trainer.locator(".summary")).to_contain_text("1 joined · 1 answers", timeout=2000)
    expect(trainer.locator('[data-question="is-incident"] .count').first).to_have_text("1")

    second = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    join(second, running_class, "Team Sha Tin", running_class.code)
    expect(trainer.locator(".summary")).to_contain_text("2 joined", timeout=2000)
    # An inject reaches every participant at once.
    trainer.get_by_role("button", name="Release the next inject").click()
    for page in (phone, second):
        expect(page.locator(".inject")).to_contain_text("service planning system", timeout=2000)
    saved = json.loads(
        (
            running_class.folder / "cap653-incident-tabletop" / "team-kowloon.workshop.json"
        ).read_text(encoding="utf-8")
    )
    assert saved["answers"]["is-incident"]["choices"] == ["incident"]


def test_the_pages_in_both_languages_at_phone_size(
    browser: Browser, running_class: RunningClass, tmp_path: Path
) -> None:
    # CISEC_SCREENSHOTS keeps the pictures for a person to look at; else they go to tmp.
    shots = Path(os.environ.get("CISEC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for language in ("en", "zh-Hant"):
        phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
        phone.goto(f"{running_class.base}/?lang={language}")
        no_sideways_scroll(phone)
        phone.screenshot(path=shots / f"join-{language}.png", full_page=True)
        phone.locator("#code").fill(running_class.code)
        phone.locator("#name").fill(f"Team {language}")
        phone.locator("button[type=submit]").click()
        phone.locator("#answer-form input[type=radio]").first.check()
        no_sideways_scroll(phone)
        phone.screenshot(path=shots / f"question-{language}.png", full_page=True)
        phone.locator("#answer-form button[type=submit]").click()
        no_sideways_scroll(phone)
        phone.screenshot(path=shots / f"answered-{language}.png", full_page=True)
        trainer = browser.new_context(viewport=PHONE).new_page()
        trainer.goto(f"{running_class.trainer}&lang={language}")
        no_sideways_scroll(trainer)
        trainer.screenshot(path=shots / f"trainer-{language}.png", full_page=True)
    zh = browser.new_context(viewport=PHONE).new_page()
    zh.goto(f"{running_class.base}/?lang=zh-Hant")
    for term in ("課堂代碼", "姓名或隊名", "加入"):
        expect(zh.get_by_text(term, exact=True).first).to_be_visible()

"""Provides bilingual text: every user-facing string exists in English and Traditional Chinese (HK)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Language = Literal["en", "zh-Hant"]
LANGUAGES: tuple[Language, ...] = ("en", "zh-Hant")
# The language a document is written in: one of the two, or both side by side.
DocumentLanguage = Literal["en", "zh-Hant", "both"]
DOCUMENT_LANGUAGES: tuple[DocumentLanguage, ...] = ("en", "zh-Hant", "both")
# Which report a reader gets: the board's short one, or the full one with every answer.
Edition = Literal["board", "full"]
EDITIONS: tuple[Edition, ...] = ("board", "full")


def languages_of(choice: DocumentLanguage) -> tuple[Language, ...]:
    """The languages a document in `choice` speaks, in the order it speaks them."""
    return LANGUAGES if choice == "both" else (choice,)


def lang_tag(language: Language) -> str:
    """The HTML `lang` value: Hong Kong Chinese, so renderers pick Hong Kong glyph forms."""
    return "en" if language == "en" else "zh-Hant-HK"


class LocalizedText(BaseModel):
    """One string in both shipped languages; neither may be empty."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    en: str
    zh_hant: str = Field(alias="zh-Hant")

    @field_validator("en", "zh_hant")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    def get(self, language: Language) -> str:
        """The text in `language`."""
        return self.en if language == "en" else self.zh_hant

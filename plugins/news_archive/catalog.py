"""The one catalog of generated labels, in Indonesian and English."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from babel import Locale

from .formatting import LANGUAGES, format_number, locale

Message = str | Mapping[str, str]


@dataclass(frozen=True)
class Catalog:
    messages: Mapping[str, Mapping[str, Message]]

    def text(self, key: str, lang: str, /, **values: Any) -> str:
        """The label `key` in `lang`; with `count`, the CLDR plural form of that count."""
        message = self.messages[key][lang]
        if not values and isinstance(message, str):
            return message
        if not isinstance(message, str):
            count = values.get("count")
            category = _plural_form(lang, count if isinstance(count, int) else 0)
            message = message.get(category, message["other"])
        if not values:
            return message
        # Numbers are written the way the language writes them (10.000 / 10,000).
        shown = {
            name: format_number(value, lang)
            if isinstance(value, int) and not isinstance(value, bool)
            else value
            for name, value in values.items()
        }
        return message.format(**shown)

    def part_text(self, lang: str) -> Callable[[str, str], str]:
        """Words a part of a month in `lang`: ("late", "Juli 2016") → "akhir Juli 2016"."""
        return lambda part, month: self.text(f"part.{part}", lang, month=month)


@lru_cache(maxsize=4096)
def _plural_form(lang: str, count: int) -> str:
    return str(Locale.parse(locale(lang)).plural_form(count))


@cache
def catalog() -> Catalog:
    text = resources.files(__package__).joinpath("labels.yml").read_text(encoding="utf-8")
    # libyaml when PyYAML has it: the same data, ten times faster (0.2 s a build).
    messages = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for key, entry in messages.items():
        missing = [lang for lang in LANGUAGES if lang not in entry]
        if missing:
            raise ValueError(f"labels.yml: '{key}' has no text for {', '.join(missing)}")
    return Catalog(messages)

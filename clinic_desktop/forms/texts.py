"""Form texts as data: ``resources/forms/<form>.<lang>.json``, one file per form and language.

Clinical and legal wording is reviewed by people who do not read Python, so it lives in
JSON; the code only picks keys and fills ``{placeholders}``. Texts may carry ReportLab's
paragraph markup (``<b>``); every value filled in is escaped, so a name such as
"O'Brien <Jr>" prints as written and can never inject markup.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from clinic_desktop.resources import resource_path

#: Languages every form is written in; anything else prints in English.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "es")
FALLBACK_LANGUAGE = "en"
_ALIASES = {"spanish": "es", "español": "es", "espanol": "es", "english": "en"}
_TAG = re.compile(r"<[^>]+>")


def resolve_language(lang: str | None) -> str:
    """A supported language code for ``lang`` ("es-MX", "Spanish" -> "es"; "vi" -> "en")."""
    if not lang:
        return FALLBACK_LANGUAGE
    key = lang.strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key.split("-")[0])
    return key if key in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE


def form_file(form: str, lang: str) -> str:
    """The resource file name of one form's texts."""
    return f"{form}.{lang}.json"


@cache
def _load(form: str, lang: str) -> dict[str, Any]:
    path = resource_path("forms", form_file(form, lang))
    return json.loads(path.read_text(encoding="utf-8"))


class Texts:
    """One form's texts in one language, read by dotted key ("rights.revoke")."""

    def __init__(self, form: str, lang: str) -> None:
        self.form = form
        self.lang = resolve_language(lang)
        self._data = _load(form, self.lang)

    def raw(self, key: str) -> Any:
        """The JSON value at ``key`` (KeyError naming the file when missing: a packaging bug)."""
        value: Any = self._data
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise KeyError(f"{form_file(self.form, self.lang)} has no text {key!r}")
            value = value[part]
        return value

    def markup(self, key: str, **values: object) -> str:
        """The text at ``key`` as paragraph markup, values escaped and filled in."""
        return fill(self.raw(key), values)

    def plain(self, key: str, **values: object) -> str:
        """The text at ``key`` without markup: for metadata, footers and table cells."""
        return strip_markup(self.markup(key, **values))

    def items(self, key: str) -> list[str]:
        """A list of texts (markup), in file order."""
        value = self.raw(key)
        if not isinstance(value, list):
            raise KeyError(f"{form_file(self.form, self.lang)}: {key!r} is not a list")
        return [str(v) for v in value]

    def has(self, key: str) -> bool:
        try:
            self.raw(key)
        except KeyError:
            return False
        return True


def fill(template: str, values: dict[str, object]) -> str:
    """``template`` with each ``{name}`` replaced by the escaped value."""
    return str(template).format(**{k: escape(str(v)) for k, v in values.items()})


def strip_markup(text: str) -> str:
    """Markup removed and the entities a paragraph would resolve turned back into text."""
    plain = _TAG.sub("", text)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def safe(value: object) -> str:
    """A value escaped for use inside paragraph markup."""
    return escape(str(value))


def format_date(day: date | None, lang: str) -> str:
    """A date as families read it: "March 3, 2026" / "3 de marzo de 2026"; "" for None."""
    if day is None:
        return ""
    common = Texts("common", lang)
    month = common.items("date.months")[day.month - 1]
    return common.plain("date.pattern", day=day.day, month=month, year=day.year)


def format_time(moment: datetime | time | None, lang: str) -> str:
    """A time of day: "10:05 AM" in English, "10:05" (24-hour) in Spanish; "" for None."""
    if moment is None:
        return ""
    common = Texts("common", lang)
    if common.raw("date.clock") == "24h":
        return f"{moment.hour:02d}:{moment.minute:02d}"
    hour = moment.hour % 12 or 12
    suffix = common.plain("date.am" if moment.hour < 12 else "date.pm")
    return f"{hour}:{moment.minute:02d} {suffix}"

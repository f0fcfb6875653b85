"""Messages as data: a template and its parameters, translated where they are shown.

The plain-Python layers (``errors``, ``domain``, ``services``, ``store``, ``sync``,
``forms``) do not import Qt, yet their sentences reach a Spanish screen. They never build a
finished English sentence for the UI to parse back: they hand over a ``Message``, an
English *template* with named ``{placeholders}`` and the *parameters* that fill them::

    msg("Wait {seconds} seconds and try again.", seconds=30)

The UI (``clinic_desktop.ui.i18n.translate_message``) looks the template up in the
``messages`` translation context and fills in the parameters. Parameters are data (names,
paths, numbers, dates) and are never translated, except parameters that are themselves
messages (a role's label inside a sentence), which are translated in turn.

A ``Message`` *is* a ``str``: its value is the English rendering. The CLI and the logs,
which stay English, print it as they would any string, and code that compares or searches
a message keeps working. A plain string literal is a message too (a template without
parameters): the UI translates it by exact lookup.

``Verbatim`` marks text a person typed, which is never translated. ``Localized`` carries
text the app wrote in several languages in its own data files (an instrument's flag texts
are ``{"en": ..., "es": ...}``): the UI picks the reader's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

#: A placeholder in a template: ``{name}``.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: The language every template is written in, and the one ``str()`` gives.
ENGLISH = "en"


class Message(str):
    """An English template and its parameters; as a ``str``, the English sentence.

    Immutable like a frozen dataclass: ``template`` and ``params`` are fixed at creation.
    """

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Message:
        frozen = MappingProxyType(dict(params or {}))
        self = super().__new__(cls, fill(template, {k: english(v) for k, v in frozen.items()}))
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "params", frozen)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Message is immutable (tried to set {name})")

    def __repr__(self) -> str:
        return f"Message({self.template!r}, {dict(self.params)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its template and parameters (a mapping proxy does not pickle)."""
        return (type(self), (self.template, dict(self.params)))

    def render(self, template: Callable[[str], str], value: Callable[[Any], str]) -> str:
        """The sentence with ``template`` applied to the template and ``value`` to each
        parameter: the UI passes its translation lookup and its value formatter."""
        return fill(template(self.template), {k: value(v) for k, v in self.params.items()})


class Localized(str):
    """Text the app wrote in several languages (``{"en": ..., "es": ...}`` in a data file);
    as a ``str``, the English one."""

    texts: Mapping[str, str]

    def __new__(cls, texts: Mapping[str, str]) -> Localized:
        frozen = MappingProxyType(dict(texts))
        self = super().__new__(cls, frozen.get(ENGLISH, ""))
        object.__setattr__(self, "texts", frozen)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Localized text is immutable (tried to set {name})")

    def __repr__(self) -> str:
        return f"Localized({dict(self.texts)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self.texts),))

    def text(self, language: str) -> str:
        """The text in ``language``; the English one when that language has none."""
        return self.texts.get(language) or str(self)


class FieldName(str):
    """A service's field name ("date_of_birth") as a parameter: the UI shows it by the
    label the form gives that field, in the reader's language."""


class Verbatim(str):
    """Text a person typed (a visit reason of their own): shown exactly as it is, never
    looked up, even when it happens to read like one of the app's messages."""


def msg(template: str, /, **params: Any) -> Message:
    """``msg("Wait {seconds} seconds and try again.", seconds=30)``: the one spelling."""
    return Message(template, params)


def as_message(text: str) -> Message | Localized | Verbatim:
    """``text`` as message data: a plain literal becomes a template without parameters
    (typed text stays ``Verbatim``)."""
    return text if isinstance(text, Message | Localized | Verbatim) else Message(text)


def join(parts: Iterable[str], separator: str) -> Message:
    """Several messages shown together, each still translated on its own: the template is
    only placeholders and ``separator`` (no words to translate), the parts are parameters."""
    values = {f"part{i}": part for i, part in enumerate(parts)}
    return Message(separator.join("{" + name + "}" for name in values), values)


def english(value: Any) -> str:
    """A parameter as the English sentence (and the CLI) writes it: dates as ISO, times
    as "2026-10-20 15:30" (the wall-clock time of the zone they carry)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Put ``values`` into ``template``'s placeholders. Not ``str.format``: a value or a
    translation may hold braces, and an unknown placeholder is left as it is."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)

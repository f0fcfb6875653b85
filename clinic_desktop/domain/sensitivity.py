"""The sensitivity model: which parts of a student's record are sensitive, and what each
role is shown of them.

Three categories (``Category``): behavioral health, substance use (42 CFR Part 2) and
sexual and reproductive health (state minor-consent laws, HIPAA). Every kind of datum is
classified from what it already holds, never from a stored label: a visit by its type,
reason and billing codes; a screening and its flags by the instrument; a referral by its
partner's kind and services, its linked screening and its reason; a printed letter by the
record it carries. The tables, with their sources, are data in
``resources/privacy/sensitivity.json``.

The same file holds the matrix role x category -> ``Disclosure``. The services apply it
(``services.privacy``); the UI only shows the placeholder the services hand over
(``restriction_label``). ``docs/SECURITY.md`` carries the matrix and a test keeps the two
equal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from clinic_desktop.domain.roles import Role
from clinic_desktop.messages import Message, as_message, msg
from clinic_desktop.resources import resource_path

DATA_FILE = ("privacy", "sensitivity.json")


class Category(StrEnum):
    BEHAVIORAL_HEALTH = "behavioral_health"
    SUBSTANCE_USE = "substance_use"
    SEXUAL_REPRODUCTIVE_HEALTH = "sexual_reproductive_health"

    @property
    def label(self) -> Message:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.BEHAVIORAL_HEALTH: msg("behavioral health"),
    Category.SUBSTANCE_USE: msg("substance use"),
    Category.SEXUAL_REPRODUCTIVE_HEALTH: msg("sexual and reproductive health"),
}


class Disclosure(StrEnum):
    """What a role is shown of a record in a category, least to most restrictive."""

    FULL = "full"  # everything
    SUMMARY = "summary"  # exists, date, kind, category named, whom to call
    EXISTENCE = "existence"  # as summary, category not named (42 CFR 2.13)
    NONE = "none"  # no chart access at all

    @property
    def rank(self) -> int:
        return list(Disclosure).index(self)


@dataclass(frozen=True)
class Restriction:
    """What a reader may see of one record: ``disclosure`` and the categories behind it."""

    disclosure: Disclosure
    categories: frozenset[Category]

    @property
    def restricted(self) -> bool:
        return self.disclosure is not Disclosure.FULL

    @property
    def label(self) -> Message:
        """The placeholder shown instead of the content ("" when nothing is withheld)."""
        return restriction_label(self)


OPEN = Restriction(Disclosure.FULL, frozenset())


def restriction_label(restriction: Restriction) -> Message:
    """ "Restricted (behavioral health)", or "Restricted" when the category itself may
    not be named; empty when the reader sees everything."""
    if not restriction.restricted:
        return Message("")
    if restriction.disclosure is Disclosure.SUMMARY and restriction.categories:
        first = next(c for c in Category if c in restriction.categories)
        return msg("Restricted ({category})", category=as_message(first.label))
    return msg("Restricted")


# --- the data file ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Range:
    low: str
    high: str
    categories: frozenset[Category]

    def matches(self, code: str) -> bool:
        key = code.strip().upper()[: len(self.low)]
        return len(key) == len(self.low) and self.low <= key <= self.high


@dataclass(frozen=True)
class SensitivityTables:
    visit_types: Mapping[str, frozenset[Category]]
    visit_reasons: Mapping[str, frozenset[Category]]
    keywords: Mapping[Category, re.Pattern[str]]
    icd10: tuple[_Range, ...]
    procedures: tuple[_Range, ...]
    instruments: Mapping[str, frozenset[Category]]
    partner_kinds: Mapping[str, frozenset[Category]]
    forms: Mapping[str, str | None]
    disclosures: Mapping[Disclosure, str]
    matrix: Mapping[Role, Mapping[Category, Disclosure]]
    sources: Mapping[Category, tuple[str, ...]]


def _categories(values: Iterable[str]) -> frozenset[Category]:
    return frozenset(Category(v) for v in values)


def _ranges(raw: list[dict[str, Any]]) -> tuple[_Range, ...]:
    ranges = []
    for item in raw:
        low, high = item["from"].upper(), item["to"].upper()
        if len(low) != len(high) or low > high:
            raise ValueError(f"sensitivity.json: bad range {low}-{high}")
        ranges.append(_Range(low, high, _categories(item["categories"])))
    return tuple(ranges)


def _keyword_pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})", re.IGNORECASE)


@cache
def tables() -> SensitivityTables:
    """The classification tables and the matrix, read once from the data file."""
    raw = json.loads(resource_path(*DATA_FILE).read_text(encoding="utf-8"))
    matrix = {
        Role(role): {Category(c): Disclosure(d) for c, d in cells.items()}
        for role, cells in raw["matrix"].items()
    }
    for role in Role:
        if set(matrix.get(role, {})) != set(Category):
            raise ValueError(f"sensitivity.json: the matrix misses a cell for {role}")
    return SensitivityTables(
        visit_types={k: _categories(v) for k, v in raw["visit_types"].items()},
        visit_reasons={k: _categories(v) for k, v in raw["visit_reasons"].items()},
        keywords={Category(k): _keyword_pattern(v) for k, v in raw["keywords"].items()},
        icd10=_ranges(raw["icd10"]),
        procedures=_ranges(raw["procedures"]),
        instruments={k: _categories(v) for k, v in raw["instruments"].items()},
        partner_kinds={k: _categories(v) for k, v in raw["partner_kinds"].items()},
        forms=dict(raw["forms"]),
        disclosures={Disclosure(k): v for k, v in raw["disclosures"].items()},
        matrix=matrix,
        sources={Category(k): tuple(v["sources"]) for k, v in raw["categories"].items()},
    )


# --- classifiers --------------------------------------------------------------------------


def of_text(text: str) -> frozenset[Category]:
    """Categories named by free text (a typed reason, a partner's services)."""
    return frozenset(c for c, pattern in tables().keywords.items() if pattern.search(text or ""))


def of_icd10(codes: Iterable[str]) -> frozenset[Category]:
    return _of_codes(tables().icd10, codes)


def of_procedures(codes: Iterable[str]) -> frozenset[Category]:
    """CPT and HCPCS codes."""
    return _of_codes(tables().procedures, codes)


def _of_codes(ranges: tuple[_Range, ...], codes: Iterable[str]) -> frozenset[Category]:
    found: set[Category] = set()
    for code in codes:
        for item in ranges:
            if item.matches(code):
                found |= item.categories
    return frozenset(found)


def of_visit_reason(reason: str) -> frozenset[Category]:
    """A common reason by the table; anything typed by its words."""
    listed = tables().visit_reasons.get(reason)
    return listed if listed is not None else of_text(reason)


def of_visit(
    visit_type: str, reason: str, icd10: Iterable[str] = (), cpt: Iterable[str] = ()
) -> frozenset[Category]:
    return (
        tables().visit_types.get(visit_type, frozenset())
        | of_visit_reason(reason)
        | of_icd10(icd10)
        | of_procedures(cpt)
    )


def of_instrument(instrument_id: str) -> frozenset[Category]:
    """A screening, its answers, scores and flags, and its results letter."""
    return tables().instruments.get(instrument_id, frozenset())


def of_partner(kind: str, services: Iterable[str] = ()) -> frozenset[Category]:
    """A partner by kind, and by what it says it offers ("Substance use assessment")."""
    return tables().partner_kinds.get(kind, frozenset()) | of_text("; ".join(services))


def of_referral(
    partner_kind: str,
    partner_services: Iterable[str],
    reason: str,
    instrument_id: str | None = None,
) -> frozenset[Category]:
    """A referral: its partner, its reason and the screening it came from."""
    from_screening = of_instrument(instrument_id) if instrument_id else frozenset()
    return of_partner(partner_kind, partner_services) | of_text(reason) | from_screening


def form_record(kind: str) -> str | None:
    """Which record a form carries the categories of ("referral", "screening") or None."""
    return tables().forms.get(kind)


# --- the matrix -----------------------------------------------------------------------------


def disclosure(role: Role | str, category: Category) -> Disclosure:
    """One cell of the matrix."""
    return tables().matrix[Role(role)][category]


def restriction(role: Role | str, categories: Iterable[Category]) -> Restriction:
    """What ``role`` may see of a record in ``categories``: the strictest of their cells."""
    found = frozenset(categories)
    strictest = max(
        (disclosure(role, c) for c in found), key=lambda d: d.rank, default=Disclosure.FULL
    )
    return Restriction(strictest, found)


# --- the matrix as docs/SECURITY.md prints it ----------------------------------------------


def matrix_table() -> str:
    """The matrix as a Markdown table (docs/SECURITY.md carries exactly this text)."""
    data = tables()
    header = ["role", *(str(c.label) for c in Category)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for role in Role:
        cells = [f"`{data.matrix[role][c].value}`" for c in Category]
        lines.append("| " + " | ".join([role.value, *cells]) + " |")
    lines.append("")
    for level in Disclosure:
        lines.append(f"- `{level.value}`: {data.disclosures[level]}.")
    return "\n".join(lines)

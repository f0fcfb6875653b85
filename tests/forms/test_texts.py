"""The form texts are complete in both languages and cover every code they label."""

import json
import re
import string
from datetime import date

import pytest

from clinic_desktop.domain.consents import InformationKind
from clinic_desktop.domain.referrals import Urgency
from clinic_desktop.domain.students import GUARDIAN_RELATIONS
from clinic_desktop.domain.visits import Disposition
from clinic_desktop.forms import AskBack
from clinic_desktop.forms.texts import (
    SUPPORTED_LANGUAGES,
    Texts,
    fill,
    format_date,
    format_time,
    resolve_language,
    strip_markup,
)
from clinic_desktop.resources import resource_path

FOLDER = resource_path("forms")
FORMS = sorted({p.name.split(".")[0] for p in FOLDER.glob("*.json")})


def _load(form, lang):
    return json.loads((FOLDER / f"{form}.{lang}.json").read_text(encoding="utf-8"))


def _shape(value, path=""):
    """Every key path (lists by index), so two files can be compared key for key."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(_shape(item, f"{path}.{key}" if path else key))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(_shape(item, f"{path}[{index}]"))
        return out
    return {path: value}


def _placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(str(text)) if name}


def test_every_form_has_every_language():
    assert FORMS == ["common", "consent", "instrument", "packet", "pass", "referral",
                     "release", "results"]  # fmt: skip
    for form in FORMS:
        for lang in SUPPORTED_LANGUAGES:
            assert (FOLDER / f"{form}.{lang}.json").is_file(), (form, lang)


@pytest.mark.parametrize("form", FORMS)
def test_english_and_spanish_have_the_same_keys(form):
    en, es = _shape(_load(form, "en")), _shape(_load(form, "es"))
    assert sorted(set(en) - set(es)) == [], "keys missing from the Spanish file"
    assert sorted(set(es) - set(en)) == [], "keys missing from the English file"


@pytest.mark.parametrize("form", FORMS)
def test_translations_fill_the_same_placeholders(form):
    en, es = _shape(_load(form, "en")), _shape(_load(form, "es"))
    for key in en:
        assert _placeholders(en[key]) == _placeholders(es[key]), key


@pytest.mark.parametrize("form", FORMS)
def test_translations_are_not_left_in_english(form):
    en, es = _shape(_load(form, "en")), _shape(_load(form, "es"))
    same = [
        k
        for k in en
        if isinstance(en[k], str) and len(en[k]) > 12 and en[k] == es[k] and "form_id" not in k
    ]
    assert same == []


@pytest.mark.parametrize("form", [f for f in FORMS if f != "common"])
def test_form_id_version_and_revision_agree_across_languages(form):
    en, es = _load(form, "en"), _load(form, "es")
    for key in ("form_id", "version", "revised"):
        assert en[key] == es[key]
    date.fromisoformat(en["revised"])


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_code_a_form_prints_has_a_label(lang):
    release, referral = Texts("release", lang), Texts("referral", lang)
    common, slip = Texts("common", lang), Texts("pass", lang)
    for kind in InformationKind:
        assert release.plain(f"kinds.{kind.value}")
    for urgency in Urgency:
        assert referral.plain(f"urgency.{urgency.value}.label")
    for ask in AskBack:
        assert referral.plain(f"ask.{ask.value}")
    for disposition in Disposition:
        assert slip.plain(f"dispositions.{disposition.value}")
    for relation in GUARDIAN_RELATIONS:
        assert common.raw("relations")[relation]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_markup_in_texts_is_balanced(form, lang):
    for key, value in _shape(_load(form, lang)).items():
        if isinstance(value, str):
            assert value.count("<b>") == value.count("</b>"), key
            assert not re.search(r"&(?!amp;|lt;|gt;|nbsp;)", value), key


def test_filled_values_are_escaped_so_names_cannot_inject_markup():
    assert fill("Dear {name},", {"name": "O'Brien <b>Jr</b> & Co"}) == (
        "Dear O'Brien &lt;b&gt;Jr&lt;/b&gt; &amp; Co,"
    )
    assert strip_markup("<b>A</b> &amp; B") == "A & B"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("es", "es"), ("ES", "es"), ("es-MX", "es"), ("es_US", "es"), ("Spanish", "es"),
     ("español", "es"), ("en", "en"), ("vi", "en"), ("", "en"), (None, "en"), ("zz", "en")],
)  # fmt: skip
def test_resolve_language_falls_back_to_english(given, expected):
    assert resolve_language(given) == expected


def test_dates_and_times_read_naturally_in_each_language():
    assert format_date(date(2026, 3, 3), "en") == "March 3, 2026"
    assert format_date(date(2026, 3, 3), "es") == "3 de marzo de 2026"
    assert format_date(None, "es") == ""
    from datetime import time

    assert format_time(time(14, 5), "en") == "2:05 PM"
    assert format_time(time(0, 30), "en") == "12:30 AM"
    assert format_time(time(14, 5), "es") == "14:05"


def test_a_missing_text_names_its_file():
    with pytest.raises(KeyError, match=r"consent\.es\.json"):
        Texts("consent", "es").raw("no.such.key")

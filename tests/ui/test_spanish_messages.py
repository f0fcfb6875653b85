"""With the Spanish interface, no message the app writes is left (even partly) in English.

The plain-Python layers hand over message data (``clinic_desktop.messages``); the UI
translates the template and the parameters that are messages. These tests render, in
Spanish: every error class's message, every message the extractor finds (field reasons,
labels, timeline lines), and every text the app itself writes into the record (risk-flag
messages and required actions, visit-reason suggestions, role and status labels).
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import clinic_desktop.services
import clinic_desktop.sync.warehouse  # noqa: F401
from clinic_desktop import errors
from clinic_desktop.domain.consents import ConsentKind, InformationKind
from clinic_desktop.domain.referrals import Outcome, ReferralStatus, Urgency, check_transition
from clinic_desktop.domain.roles import Role
from clinic_desktop.domain.screening import list_instruments, stored_flag_texts
from clinic_desktop.domain.visits import COMMON_REASONS, Disposition, VisitType, reason_text
from clinic_desktop.ui import dialogs, i18n
from clinic_desktop.ui import errors as ui_errors

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations as tooling  # noqa: E402 (a script folder, not a package)

#: Messages that are the same in both languages (true cognates).
SAME_IN_SPANISH = {"Crisis", "Hospital"}
#: Words a Spanish sentence shares with English: product names, file formats, and Spanish
#: words spelled like English ones ("use", the formal imperative of "usar"), commands.
SHARED_WORDS = {"excel", "csv", "utf-", "json", "pdf", "usb", "use", "clinic-admin", "clinic-sync"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[None]:
    """Spanish installed from a .qm compiled now from the .ts (no build step needed)."""
    qm = tmp_path / "clinic_es.qm"
    tooling.compile_qm(tooling.TS_FILE, qm)
    monkeypatch.setattr(i18n, "qm_path", lambda _language: qm)
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    yield
    i18n.install_language(i18n.ENGLISH)


def english_left(english: str, shown: str) -> list[str]:
    """Runs of two English words of ``english`` still in ``shown`` ("clinic database")."""
    pairs = _pairs(english)
    return sorted(" ".join(p) for p in _pairs(shown) if p in pairs)


def _pairs(text: str) -> set[tuple[str, str]]:
    """Neighbouring words of ``text``; a placeholder or a shared word breaks a run."""
    words = []
    for segment in re.split(r"\{\w+\}", text):
        words += [w.lower() for w in _WORD.findall(segment)] + ["|"]
    return {p for p in itertools.pairwise(words) if "|" not in p and not SHARED_WORDS & set(p)}


def assert_spanish(english: str, shown: str) -> None:
    """``shown`` is a real translation of ``english``: different, no English run left."""
    if english in SAME_IN_SPANISH or not _WORD.search(re.sub(r"\{\w+\}", "", english)):
        return  # the same word in Spanish, or only placeholders (nothing to translate)
    assert shown != english, f"not translated: {english!r}"
    assert not english_left(english, shown), (english, shown)


# --- the defect: half-translated store errors --------------------------------------------


@pytest.mark.parametrize("error", [errors.DamagedDatabaseError, errors.DiskFullError])
def test_store_errors_are_wholly_spanish(spanish, monkeypatch, error) -> None:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, text, **_kw: shown.append(text))
    ui_errors.report(error())
    [text] = shown
    assert_spanish(str(error()), text)
    assert "El documento de" not in text  # the consent template that swallowed it
    assert text.startswith(("La base de datos", "El disco"))


# --- every message the app writes ---------------------------------------------------------


def _error_classes(base: type) -> Iterator[type]:
    for sub in base.__subclasses__():
        yield sub
        yield from _error_classes(sub)


def test_every_error_class_speaks_spanish(spanish) -> None:
    classes = {errors.ClinicError, *_error_classes(errors.ClinicError)}
    for error in sorted(classes, key=lambda c: c.__qualname__):
        message = error.message  # the class's own sentence (raise sites are scanned below)
        assert_spanish(str(message), i18n.translate_message(message))


def test_every_extracted_message_speaks_spanish(spanish) -> None:
    """Field reasons, labels, errors' templates and timeline lines: what ``update`` finds."""
    found = tooling.extract_messages()
    assert len(found) > 300
    for message in found:
        assert_spanish(message.text, i18n.translate_message(message.text))


def test_parameters_that_are_messages_are_translated_too(spanish) -> None:
    refused = errors.TooManyAttemptsError(30)
    assert i18n.translate_message(refused.message).startswith("Demasiados intentos fallidos")
    refusals = (
        (ReferralStatus.ATTENDED, ReferralStatus.SENT),  # "can be scheduled again or closed"
        (ReferralStatus.CANCELLED, ReferralStatus.SENT),  # "cannot change any more; ..."
        (ReferralStatus.ATTENDED, ReferralStatus.CLOSED),  # "choose an outcome: ..."
    )
    for current, target in refusals:
        with pytest.raises(errors.ClinicError) as caught:
            check_transition(current, target)
        message = caught.value.message
        assert_spanish(str(message), i18n.translate_message(message))


# --- texts the app wrote into the record ----------------------------------------------------


def test_flag_texts_of_every_instrument_speak_spanish(spanish) -> None:
    for instrument in list_instruments():
        for rule in instrument.flag_rules:
            stored = (rule.message.en, rule.required_action.en)
            for found in (
                stored_flag_texts(rule.id, *stored, instrument_id=instrument.id),
                stored_flag_texts(rule.id, *stored),  # known only by the stored English
            ):
                shown = tuple(i18n.translate_message(text) for text in found)
                assert shown == (rule.message.es, rule.required_action.es)
                assert_spanish(rule.message.en, shown[0])
                assert_spanish(rule.required_action.en, shown[1])


def test_a_flag_no_instrument_defines_keeps_its_stored_words(spanish) -> None:
    found = stored_flag_texts("retired_flag", "Old wording", "Old action")
    assert tuple(i18n.translate_message(t) for t in found) == ("Old wording", "Old action")


def test_visit_reason_suggestions_speak_spanish_and_typed_reasons_stay(spanish) -> None:
    for reasons in COMMON_REASONS.values():
        for reason in reasons:
            assert_spanish(reason, i18n.translate_message(reason_text(reason)))
    assert i18n.translate_message(reason_text("Headache")) == "Dolor de cabeza"
    assert i18n.translate_message(reason_text("headache after lunch")) == "headache after lunch"
    assert i18n.translate_message(reason_text("Other")) == "Other"  # typed, not the label


@pytest.mark.parametrize(
    "codes",
    [Role, ReferralStatus, Urgency, Outcome, ConsentKind, InformationKind, VisitType, Disposition],
    ids=lambda c: c.__name__,
)
def test_role_and_status_labels_speak_spanish(spanish, codes) -> None:
    for code in codes:
        assert_spanish(code.label, i18n.translate_message(code.label))

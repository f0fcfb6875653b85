"""The referral letter shares screening results only under a release that covers them."""

import pytest

from clinic_desktop.domain.referrals import Urgency
from clinic_desktop.forms import AskBack, render
from clinic_desktop.forms.texts import Texts
from tests.forms.helpers import (
    CLINICIAN,
    PARTNER,
    PRINTED_ON,
    SITE,
    all_text,
    normalize,
    referral_letter,
    student,
)


def _text(lang="en", **changes):
    letter = referral_letter(**changes)
    pdf = render(
        "referral", lang=lang, student=student(), site=SITE, printed_on=PRINTED_ON, letter=letter
    )
    return all_text(pdf)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_letter_names_partner_reason_urgency_clinician_and_what_to_send_back(lang):
    t = Texts("referral", lang)
    text = _text(lang)
    assert PARTNER.name in text and PARTNER.fax in text
    assert referral_letter().reason in text
    assert t.plain("urgency.urgent.label") in text and t.plain("urgency.urgent.meaning") in text
    for value in (CLINICIAN.name, CLINICIAN.title, CLINICIAN.phone, CLINICIAN.email):
        assert value in text
    for ask in AskBack:
        assert normalize(t.plain(f"ask.{ask.value}")) in text
    assert t.plain("reply.appointment_date") in text and t.plain("reply.attended") in text


def test_screening_results_print_when_the_release_covers_them():
    t = Texts("referral", "en")
    text = _text(release_covers_screening=True)
    assert "PHQ-A screening" in text and "Moderate depression" in text
    assert t.plain("sections.screening") in text


def test_screening_results_vanish_when_the_release_does_not_cover_them():
    t = Texts("referral", "en")
    text = _text(release_covers_screening=False)
    assert "PHQ-A screening" not in text and "Moderate depression" not in text
    assert t.plain("sections.screening") not in text


def test_only_the_requested_replies_are_asked_for():
    t = Texts("referral", "en")
    text = _text(requested_back=(AskBack.ATTENDANCE,))
    assert normalize(t.plain("ask.attendance")) in text
    assert normalize(t.plain("ask.appointment_date")) not in text
    assert t.plain("reply.recommendations") not in text


def test_part_2_notice_travels_with_substance_use_records():
    notice = normalize(Texts("release", "es").items("part2.notice")[0])
    assert notice in _text("es", part2_notice=True)
    assert notice not in _text("es", part2_notice=False)


@pytest.mark.parametrize("urgency", list(Urgency))
def test_every_urgency_is_spelled_out(urgency):
    t = Texts("referral", "es")
    assert t.plain(f"urgency.{urgency.value}.meaning") in _text("es", urgency=urgency)


def test_screening_summary_from_a_scored_result_uses_the_instruments_words():
    from datetime import date

    from clinic_desktop.domain.screening import load_instrument, score
    from clinic_desktop.forms import ScreeningSummary

    answers = {f"q{i}": 1 for i in range(1, 10)} | {"q10": 1}
    result = score("phq9", answers)
    summary = ScreeningSummary.from_result(result, date(2026, 2, 27), "es")
    instrument = load_instrument("phq9")
    assert summary.instrument_title == instrument.title.get("es")
    assert summary.total == result.total
    assert summary.band_label == instrument.band_label(result.band, "es")

"""Builders for form inputs and readers for the PDFs the forms produce.

The accented names are the point of several tests: they need glyphs outside Latin-1
(Vietnamese tone marks, Polish Ł) that only an embedded Unicode font prints.
"""

from __future__ import annotations

import io
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pypdf
from reportlab.pdfbase.pdfmetrics import stringWidth

from clinic_desktop.domain.consents import InformationKind
from clinic_desktop.domain.records import GuardianView, StudentDetail
from clinic_desktop.domain.referrals import Urgency
from clinic_desktop.domain.visits import Disposition
from clinic_desktop.forms import (
    AskBack,
    ClinicianContact,
    PartnerInfo,
    PassDetails,
    ReferralLetter,
    ReleaseDetails,
    ResultsLetter,
    ScreeningSummary,
    SiteInfo,
)
from clinic_desktop.forms.styles import FONT, FONT_BOLD, register_fonts

NAMES = ("José Ñúñez", "Nguyễn Thị Hồng", "Zoë O'Brien-Łukasz")
PRINTED_ON = date(2026, 3, 3)
SCHOOL_TZ = ZoneInfo("America/Los_Angeles")
SITE = SiteInfo(
    name="Lincoln High School Health Center",
    code="LHS",
    address="1200 Oak Street, Oakland, CA 94601",
    phone="(555) 555-0100",
)
PARTNER = PartnerInfo(
    name="Eastside Community Counseling",
    address="45 Elm Avenue, Suite 200, Oakland, CA 94602",
    phone="(555) 555-0142",
    fax="(555) 555-0143",
)
CLINICIAN = ClinicianContact(
    name="Dana Whitfield, LCSW",
    title="School social worker",
    phone="(555) 555-0107",
    email="dwhitfield@example.org",
)


def guardian(
    name: str = "María Ñúñez", *, language: str = "es", can_consent: bool = True, n: int = 1
) -> GuardianView:
    return GuardianView(
        id=uuid.UUID(int=1000 + n),
        name=name,
        relation="mother",
        phones=("(555) 555-0101",),
        email="guardian@example.org",
        language=language,
        can_consent=can_consent,
    )


def student(
    full_name: str = NAMES[0],
    *,
    n: int = 1,
    guardians: tuple[GuardianView, ...] | None = None,
    language: str = "es",
) -> StudentDetail:
    first, _, last = full_name.partition(" ")
    return StudentDetail(
        id=uuid.UUID(int=n),
        first_name=first,
        last_name=last,
        preferred_name="",
        date_of_birth=date(2010, 3, 14),
        grade="10",
        school_code="LHS",
        district_id=f"D{1000000 + n}",
        local_id=f"L{n}",
        sex="F",
        gender_identity="",
        zip_code="94601",
        language=language,
        foster_care=False,
        insurance_id="MC-4471-22",
        school_name="Lincoln High School",
        guardians=(guardian(),) if guardians is None else guardians,
    )


def release(*kinds: InformationKind, **changes: object) -> ReleaseDetails:
    values: dict[str, object] = {
        "partner": PARTNER,
        "purpose": "Referral for outpatient counseling and coordination of care.",
        "information_kinds": kinds or (InformationKind.DEMOGRAPHICS, InformationKind.ATTENDANCE),
        "expires_on": date(2027, 6, 30),
        "expiry_event": "",
    }
    values.update(changes)
    return ReleaseDetails(**values)  # type: ignore[arg-type]


def referral_letter(**changes: object) -> ReferralLetter:
    values: dict[str, object] = {
        "partner": PARTNER,
        "reason": "Low mood and poor sleep for two months; weekly counseling requested.",
        "urgency": Urgency.URGENT,
        "clinician": CLINICIAN,
        "screening_results": (
            ScreeningSummary("PHQ-A screening", date(2026, 2, 27), 14, "Moderate depression"),
        ),
        "release_covers_screening": True,
        "release_signed_on": date(2026, 2, 27),
        "requested_back": tuple(AskBack),
        "referral_id": uuid.UUID(int=99),
    }
    values.update(changes)
    return ReferralLetter(**values)  # type: ignore[arg-type]


def results_letter(**changes: object) -> ResultsLetter:
    values: dict[str, object] = {
        "instrument_title": "PHQ-A screening",
        "screened_on": date(2026, 2, 27),
        "band_label": "Some signs of low mood worth talking about",
        "next_steps": ("Our counselor will call you this week.",),
        "clinician": CLINICIAN,
        "guardian_name": "María Ñúñez",
        "screening_id": uuid.UUID(int=55),
    }
    values.update(changes)
    return ResultsLetter(**values)  # type: ignore[arg-type]


def pass_details(**changes: object) -> PassDetails:
    values: dict[str, object] = {
        "student_name": NAMES[2],
        "time_in": datetime(2026, 3, 3, 10, 5, tzinfo=SCHOOL_TZ),
        "time_out": datetime(2026, 3, 3, 10, 32, tzinfo=SCHOOL_TZ),
        "disposition": Disposition.RETURNED_TO_CLASS,
        "staff_name": "R. Alvarez, RN",
        "visit_id": uuid.UUID(int=77),
    }
    values.update(changes)
    return PassDetails(**values)  # type: ignore[arg-type]


# --- reading PDFs back ---------------------------------------------------------------


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def normalize(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) collapsed, so wrapped text compares."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def all_text(pdf: bytes) -> str:
    return normalize(" ".join(page_texts(pdf)))


@dataclass(frozen=True)
class Run:
    """One line of text as drawn: where it starts and how wide it is."""

    page: int
    text: str
    x: float
    y: float
    width: float


def text_runs(pdf: bytes) -> list[Run]:
    """Every drawn line with its start and width; chunks drawn from one text position
    (a line mixing bold and regular) are added up into one run."""
    register_fonts()
    runs: list[Run] = []
    for number, page in enumerate(reader(pdf).pages, start=1):
        widths: dict[tuple[float, float], float] = defaultdict(float)
        texts: dict[tuple[float, float], str] = defaultdict(str)

        def visit(text, cm, tm, font, size, widths=widths, texts=texts):
            if not text.strip() or font is None:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            bold = "Bold" in str(font.get("/BaseFont", ""))
            clean = text.rstrip("\n")
            widths[(x, y)] += stringWidth(clean, FONT_BOLD if bold else FONT, size)
            texts[(x, y)] += clean

        page.extract_text(visitor_text=visit)
        runs += [Run(number, texts[k], k[0], k[1], w) for k, w in widths.items()]
    return runs


def page_size(pdf: bytes) -> tuple[float, float]:
    box = reader(pdf).pages[0].mediabox
    return float(box.width), float(box.height)

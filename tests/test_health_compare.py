"""health/compare.py: two writings of one work are the same work; another word is not."""

from __future__ import annotations

import pytest

from whitepaper.health.compare import fold, same_container, same_family, same_title


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Fascial   Disorders:\n Implications", "fascial disorders implications"),
        ("Castro-Sánchez", "castro sanchez"),
        ("Müller & Søndergaard", "muller and søndergaard"),
        ("Low-back pain — a trial", "low back pain a trial"),
        ("\\emph x", "x"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("written", "registered", "subtitle"),
    [
        ("Fascial disorders: implications", "FASCIAL DISORDERS: IMPLICATIONS", ""),
        ("Efficacité du massage", "Efficacite du massage", ""),
        ("Massage & touch", "Massage and touch", ""),
        ("Massage, touch; and (more)", "Massage touch and more", ""),
        ("Fascial disorders", "Fascial disorders: implications for treatment", ""),
        ("Fascial disorders: implications for treatment", "Fascial disorders", ""),
        ("Fascial disorders: implications", "Fascial disorders", "Implications"),
        ("Fascial disorders - implications", "Fascial disorders: implications", ""),
        ("Massage for pain", "RETRACTED: Massage for pain", ""),
        ("St. John's wort", "St. John's wort: a randomised trial", ""),
    ],
    ids=["case", "accents", "& and 'and'", "punctuation", "subtitle left off",
         "registry without subtitle", "registry's subtitle field", "dash for colon",
         "RETRACTED in front", "a full stop inside"],
)  # fmt: skip
def test_the_same_title(written: str, registered: str, subtitle: str) -> None:
    assert same_title(written, registered, subtitle)


@pytest.mark.parametrize(
    ("written", "registered"),
    [
        ("Massage for neck pain", "Massage for low-back pain"),
        ("Fascial disorders: a review", "Fascial disorders: implications for treatment"),
        ("Massage", "Massage therapy for cancer pain"),
        ("", "Massage"),
    ],
    ids=["another word", "another subtitle", "a beginning that is no main title", "nothing"],
)
def test_another_title(written: str, registered: str) -> None:
    assert not same_title(written, registered)


@pytest.mark.parametrize(
    ("written", "registered", "same"),
    [
        ("van der Wal", "Wal", True),
        ("Wal", "van der Wal", True),
        ("Castro-S\u00e1nchez", "Castro-Sanchez", True),
        ("CASTRO SÁNCHEZ", "castro-sánchez", True),
        ("de la Fuente", "Fuente", True),
        ("Castro", "Castro-Sánchez", False),
        ("Stecco", "Steco", False),
        ("World Health Organization", "World Health Organization", True),
    ],
    ids=["particle in the entry", "particle in the registry", "accent", "case and hyphen",
         "two particles", "half a double name", "a letter", "a group"],
)  # fmt: skip
def test_the_same_family_name(written: str, registered: str, same: bool) -> None:
    assert same_family(written, registered) is same


@pytest.mark.parametrize(
    ("written", "registered", "same"),
    [
        ("J Bodyw Mov Ther", ["Journal of Bodywork and Movement Therapies"], True),
        ("J. Bodyw. Mov. Ther.", ["Journal of Bodywork & Movement Therapies"], True),
        ("Cochrane Database Syst Rev", ["Cochrane Database of Systematic Reviews"], True),
        ("Explore (NY)", ["EXPLORE"], True),
        ("Pain Medicine", ["Pain Med", "Pain Medicine"], True),
        ("Manual Therapy", ["Journal of Bodywork and Movement Therapies"], False),
        ("J Pain", ["Journal of Pain Research"], False),
    ],
    ids=["abbreviation", "abbreviation with full stops and &", "of left out", "a place in brackets",
         "the second of its titles", "another journal", "a word more"],
)  # fmt: skip
def test_the_same_journal(written: str, registered: list[str], same: bool) -> None:
    assert same_container(written, registered) is same

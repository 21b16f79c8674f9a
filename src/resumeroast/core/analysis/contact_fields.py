"""Contact details the plain patterns in contact.py miss: international phone numbers read by
the `phonenumbers` library ("(+30) 6912345678", "+20 1001234567"), labelled fields in several
languages ("Tel.: …", "Teléfono: …", "Location: …", "Adresse: …") and street addresses or
postcodes in the header ("221 East 85th Street", "SL1 1QP, England", "Dayton, OH 45402")."""

from __future__ import annotations

import re
from functools import cache

import phonenumbers

from resumeroast.core.analysis.lexicon import read_toml

#: The matcher needs a default region; numbers with a country code read the same in any.
_REGIONS = ("US",)
_MASKED_DIGITS = re.compile(r"(?<=\d)[xX]+\b")  #: "131-221-87xxx": digits withheld on purpose
_PHONE_NUMBER = r"[:：.\t]?\s*(\(?\+?[\d(][\d\s().\-/xX]{6,}\d|\(?\+?[\d(][\d\s().\-/]{6,}[xX]+)"
_LOCATION_VALUE = r"[:：\t]\s*([^\s|•·;].{1,100}?)(?=\s*(?:[|•·;]|\s{2,}|$))"


@cache
def _label_pattern(field: str, value: str) -> re.Pattern[str]:
    """ "Tel.: …", "Teléfono: …", "Adresse : …": the labels of data/contact_labels.toml. A
    location needs its colon ("to address customers" is no address); a phone needs digits."""
    labels = sorted(read_toml("contact_labels.toml")[field], key=len, reverse=True)
    names = "|".join(re.escape(label) for label in labels)
    return re.compile(
        rf"(?<![\w])(?:{names})\.?\s*(?:no\.?|number|nr\.?)?\s*{value}",
        re.IGNORECASE,
    )


_STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z0-9][\w'.-]*\s+){1,4}(?i:Street|St|Avenue|Ave|Road|Rd|"
    r"Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct|Terrace|Parkway|Square|Sq|Crescent|"
    r"Cres|Close|Circle|Cir|Highway|Hwy|Trail|Gardens)\b\.?"
)
_POSTCODE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # UK: "SL1 1QP"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"  # US: "OH 45402"
    r"|\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+(?:\s[A-Z][a-z]+)?\b"  # DE/FR/ES: "10115 Berlin"
    # CH/AT/BE/DK with or without the country's letter: "CH-9000 St. Gallen", "1010 Wien"; a
    # four-digit number that could be a year ("2019 Berlin") only with the letter
    r"|\b(?:[A-Z]{1,2}-\d{4}|(?!19|20)\d{4})\s+(?:St\.\s)?[A-ZÄÖÜ][a-zäöüßéè]+\b"
    r"|(?<=[A-Za-z]),\s*(?!19|20)\d{4}\s*$"  # ZA/AU: "Bluewater Bay, Gqeberha, 6210" ends a line
)


def international_phone(text: str) -> str | None:
    """A number with its country code ("+20 1004417788", "(+30) 6944…") that the phonenumbers
    library can read, masked digits ("87xxx") counted as digits. Without a "+" a run of digits
    is as likely an amount, a ZIP code or an id: those count only as a labelled field."""
    unmasked = _MASKED_DIGITS.sub(lambda m: "0" * len(m.group(0)), text)
    for region in _REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(
            unmasked, region, leniency=phonenumbers.Leniency.POSSIBLE
        ):
            raw = match.raw_string
            if "+" in raw and _is_phone_shaped(raw):
                return text[match.start : match.end]
    return None


def _is_phone_shaped(raw: str) -> bool:
    """Nine digits or more, and not a year range ("2019 - 2021 2022")."""
    digits = re.sub(r"\D", "", raw)
    years = re.findall(r"\b(?:19|20)\d{2}\b", raw)
    return len(digits) >= 9 and len(years) * 4 < len(digits) - 2


def labelled_phone(text: str) -> str | None:
    """ "Tel.: 0151 2345678", "Teléfono: (+34) 612 34 56 78", "Phone: 87xxx-xxx" …"""
    match = _label_pattern("phone", _PHONE_NUMBER).search(text)
    if match is None:
        return None
    digits = re.sub(r"\D", "", match.group(1))
    return match.group(1).strip() if len(digits) >= 6 else None


def labelled_location(text: str) -> str | None:
    """ "Location: Leeds", "Adresse : 12 rue …", "Dirección: Lima" …"""
    match = _label_pattern("location", _LOCATION_VALUE).search(text)
    return match.group(1).strip() if match else None


def address(text: str) -> str | None:
    """A street address or a postcode in the header."""
    match = _STREET.search(text) or _POSTCODE.search(text)
    return match.group(0).strip() if match else None

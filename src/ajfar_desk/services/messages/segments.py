"""How many SMS a text costs: GSM-7 (160 characters in one message, 153 in each part of a longer
one; ^{}\\[~]|€ take two) or, as soon as one character is outside GSM-7 (any Arabic letter),
UCS-2 (70 in one, 67 per part; a character beyond the Basic Multilingual Plane, an emoji, takes
two).  The outbox screen shows it beside the text."""

from __future__ import annotations

from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")
GSM7, UCS2 = "gsm7", "ucs2"
LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


@dataclass(frozen=True)
class SmsCount:
    encoding: str  # gsm7 | ucs2
    units: int  # characters as the network counts them (septets or UTF-16 code units)
    segments: int  # messages billed (0 for an empty text)
    per_segment: int  # characters per message at this length
    remaining: int  # characters left in the last message


def sms_count(text: str) -> SmsCount:
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text):
        encoding, units = GSM7, sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
    else:
        encoding, units = UCS2, len(text.encode("utf-16-le")) // 2
    single, part = LIMITS[encoding]
    if units <= single:
        return SmsCount(encoding, units, 1 if units else 0, single, single - units)
    segments = -(-units // part)
    return SmsCount(encoding, units, segments, part, segments * part - units)

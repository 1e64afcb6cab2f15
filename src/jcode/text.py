"""User text in jcode's own messages and outputs: escaped so that it can never rewrite the
terminal, the log or the page it is shown in, clipped where a message quotes it, and matched
against known words for "did you mean ...?" hints.

The lowest layer with layout and errors: every other module may import it; it imports none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0/C1 control characters (tab, LF and CR allowed) and the Unicode bidirectional overrides and
# isolates that can make text read differently from what it is ("Trojan Source").
UNSAFE_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
UNSAFE_CHAR_RE = re.compile(f"[{UNSAFE_CHARS}]")


def printable(text: str) -> str:
    """Text safe to print: control and bidi characters escaped (no terminal or log injection),
    bytes of a non-UTF-8 file name shown as \\xNN."""
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(
        ch
        if ch.isprintable() or ch == " "
        else f"\\u{ord(ch):04x}"
        if ord(ch) > 0xFF
        else f"\\x{ord(ch):02x}"
        for ch in text
    )


def clip(text: str, limit: int = 60) -> str:
    """At most `limit` characters, the last three "..." when it is cut."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def show(value: object, limit: int = 60) -> str:
    """A user value as it may appear in a message: clipped, and with control and bidi characters
    escaped so that a message can never rewrite the terminal or the page it is shown in."""
    if isinstance(value, int) and value.bit_length() > 200:
        return f"a number of about {about_digits(value)} digits"
    text = clip(value if isinstance(value, str) else str(value), limit)
    return UNSAFE_CHAR_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\n", "\\n"))


def about_digits(value: int) -> int:
    """About how many decimal digits a whole number has, without writing it out (which takes
    seconds for the longest)."""
    return int(value.bit_length() * 0.30103)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to a misspelt word, for "did you mean ...?" hints."""
    import difflib  # only on the way to a "did you mean": it costs start-up time

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None

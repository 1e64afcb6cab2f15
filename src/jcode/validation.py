"""How user values appear in messages: shown safely (show), and the nearest known name for a
misspelt one (closest). Below the rules and the settings, so that both use them without
importing each other."""

from __future__ import annotations

from collections.abc import Iterable

from jcode.spec.values import UNSAFE_CHAR_RE


def show(value: object, limit: int = 60) -> str:
    """A user value as it may appear in a message: clipped, and with control and bidi characters
    escaped so that a message can never rewrite the terminal or the page it is shown in."""
    if isinstance(value, int) and value.bit_length() > 200:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return UNSAFE_CHAR_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\n", "\\n"))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to a misspelt word, for "did you mean ...?" hints."""
    import difflib  # only on the way to a "did you mean": it costs start-up time

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None

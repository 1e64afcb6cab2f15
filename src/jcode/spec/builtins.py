"""Built-in phase models and channel catalog, from the domain sources in shared/seeds."""

from __future__ import annotations

from typing import Final

from jcode.record import Record
from jcode.spec.values import Language, ManagedBy, Mode, Moment


class BuiltinPhase(Record):
    __slots__ = ("id", "moment", "name", "optional")

    def __init__(self, id: str, name: str, moment: Moment, optional: bool = False) -> None:
        self.id: Final = id
        self.name: Final = name
        self.moment: Final = moment
        self.optional: Final = optional


class Channel(Record):
    __slots__ = ("assisted", "id", "managed_by", "mode", "name")

    def __init__(
        self, id: str, name: str, mode: Mode, assisted: bool, managed_by: ManagedBy = "owned"
    ) -> None:
        self.id: Final = id
        self.name: Final = name
        self.mode: Final = mode
        self.assisted: Final = assisted
        self.managed_by: Final = managed_by  # its touchpoints', unless they say


_PRE: Moment = "pre-purchase"
_BUY: Moment = "purchase"
_POST: Moment = "post-purchase"

PHASE_MODELS: dict[str, tuple[BuiltinPhase, ...]] = {
    # "Le 7 fasi del Customer Journey" (004): scoperta, valutazione, interesse, acquisto,
    # post-vendita, fidelizzazione, advocacy.
    "seven-stage": (
        BuiltinPhase("discovery", "Discovery", _PRE),
        BuiltinPhase("evaluation", "Evaluation", _PRE),
        BuiltinPhase("interest", "Interest", _PRE, optional=True),
        BuiltinPhase("purchase", "Purchase", _BUY),
        BuiltinPhase("post-purchase", "Post-purchase", _POST),
        BuiltinPhase("loyalty", "Loyalty", _POST),
        BuiltinPhase("advocacy", "Advocacy", _POST),
    ),
    # Awareness, consideration, decision, post-purchase (002).
    "four-stage": (
        BuiltinPhase("awareness", "Awareness", _PRE),
        BuiltinPhase("consideration", "Consideration", _PRE),
        BuiltinPhase("decision", "Decision", _BUY),
        BuiltinPhase("post-purchase", "Post-purchase", _POST),
    ),
    # Scoperta, valutazione delle alternative, azione di acquisto, assistenza post-vendita,
    # lealta (003).
    "five-stage": (
        BuiltinPhase("discovery", "Discovery", _PRE),
        BuiltinPhase("evaluation", "Evaluation", _PRE),
        BuiltinPhase("purchase", "Purchase", _BUY),
        BuiltinPhase("post-purchase", "Post-purchase", _POST),
        BuiltinPhase("loyalty", "Loyalty", _POST),
    ),
}
DEFAULT_PHASE_MODEL = "seven-stage"

# The three moments' names unless jcode.yaml or a journey gives its own, by site language.
MOMENT_LABELS: dict[Language, dict[Moment, str]] = {
    "en": {
        "pre-purchase": "Before the purchase",
        "purchase": "Purchase",
        "post-purchase": "After the purchase",
    },
    "it": {
        "pre-purchase": "Prima dell'acquisto",
        "purchase": "Acquisto",
        "post-purchase": "Dopo l'acquisto",
    },
}

# The domain sources' split: some touchpoints are run by the company (website, advertising),
# others by third parties (shops, social platforms, other customers).
_OFFLINE = {
    "word-of-mouth", "store", "event", "print", "tv", "radio", "post", "phone",
    "branch", "courier", "in-person", "premises",
}  # fmt: skip
_ASSISTED = {"chat", "phone", "store", "event", "branch", "video-call", "in-person"}
_THIRD_PARTY = {"word-of-mouth", "reviews", "partner"}
_CHANNEL_NAMES = {
    "web": "Website",
    "mobile-app": "Mobile app",
    "email": "Email",
    "sms": "SMS",
    "push": "Push notification",
    "social": "Social media",
    "search": "Search engine",
    "ads": "Advertising",
    "reviews": "Review sites",
    "word-of-mouth": "Word of mouth",
    "chat": "Live chat",
    "phone": "Phone",
    "store": "Store",
    "event": "Event",
    "print": "Print",
    "tv": "TV",
    "radio": "Radio",
    "partner": "Partner",
    "post": "Post",
    "in-product": "In-product",
    "branch": "Branch",
    "video-call": "Video call",
    "courier": "Courier",
    "in-person": "In person",
    "premises": "Premises",
}
BUILTIN_CHANNELS: dict[str, Channel] = {
    cid: Channel(
        cid,
        name,
        "offline" if cid in _OFFLINE else "online",
        cid in _ASSISTED,
        "third-party" if cid in _THIRD_PARTY else "owned",
    )
    for cid, name in _CHANNEL_NAMES.items()
}

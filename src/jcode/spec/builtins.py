"""Built-in phase models and channel catalog, from the domain sources in shared/seeds."""

from __future__ import annotations

from typing import Final

from jcode.i18n import Template
from jcode.record import Record
from jcode.spec.values import ManagedBy, Mode, Moment

# The built-in names, in English, for the catalogs to translate (`name.phase.<id>`,
# `name.channel.<id>`, `name.moment.<id>`): the site shows them in its language, except where
# jcode.yaml names a phase, a channel or a moment its own way.
PHASE_NAMES: Final = {
    "discovery": Template("name.phase.discovery", "Discovery"),
    "evaluation": Template("name.phase.evaluation", "Evaluation"),
    "interest": Template("name.phase.interest", "Interest"),
    "purchase": Template("name.phase.purchase", "Purchase"),
    "post-purchase": Template("name.phase.post-purchase", "Post-purchase"),
    "loyalty": Template("name.phase.loyalty", "Loyalty"),
    "advocacy": Template("name.phase.advocacy", "Advocacy"),
    "awareness": Template("name.phase.awareness", "Awareness"),
    "consideration": Template("name.phase.consideration", "Consideration"),
    "decision": Template("name.phase.decision", "Decision"),
}
MOMENT_NAMES: Final[dict[Moment, Template]] = {
    "pre-purchase": Template("name.moment.pre-purchase", "Before the purchase"),
    "purchase": Template("name.moment.purchase", "Purchase"),
    "post-purchase": Template("name.moment.post-purchase", "After the purchase"),
}


class BuiltinPhase(Record):
    __slots__ = ("id", "moment", "name", "optional")

    def __init__(self, id: str, moment: Moment, optional: bool = False) -> None:
        self.id: Final = id
        self.name: Final = PHASE_NAMES[id].text  # in English; the site's language: PHASE_NAMES
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
        BuiltinPhase("discovery", _PRE),
        BuiltinPhase("evaluation", _PRE),
        BuiltinPhase("interest", _PRE, optional=True),
        BuiltinPhase("purchase", _BUY),
        BuiltinPhase("post-purchase", _POST),
        BuiltinPhase("loyalty", _POST),
        BuiltinPhase("advocacy", _POST),
    ),
    # Awareness, consideration, decision, post-purchase (002).
    "four-stage": (
        BuiltinPhase("awareness", _PRE),
        BuiltinPhase("consideration", _PRE),
        BuiltinPhase("decision", _BUY),
        BuiltinPhase("post-purchase", _POST),
    ),
    # Scoperta, valutazione delle alternative, azione di acquisto, assistenza post-vendita,
    # lealta (003).
    "five-stage": (
        BuiltinPhase("discovery", _PRE),
        BuiltinPhase("evaluation", _PRE),
        BuiltinPhase("purchase", _BUY),
        BuiltinPhase("post-purchase", _POST),
        BuiltinPhase("loyalty", _POST),
    ),
}
DEFAULT_PHASE_MODEL = "seven-stage"

# The domain sources' split: some touchpoints are run by the company (website, advertising),
# others by third parties (shops, social platforms, other customers).
_OFFLINE = {
    "word-of-mouth", "store", "event", "print", "tv", "radio", "post", "phone",
    "branch", "courier", "in-person", "premises",
}  # fmt: skip
_ASSISTED = {"chat", "phone", "store", "event", "branch", "video-call", "in-person"}
_THIRD_PARTY = {"word-of-mouth", "reviews", "partner"}
CHANNEL_NAMES: Final = {
    "web": Template("name.channel.web", "Website"),
    "mobile-app": Template("name.channel.mobile-app", "Mobile app"),
    "email": Template("name.channel.email", "Email"),
    "sms": Template("name.channel.sms", "SMS"),
    "push": Template("name.channel.push", "Push notification"),
    "social": Template("name.channel.social", "Social media"),
    "search": Template("name.channel.search", "Search engine"),
    "ads": Template("name.channel.ads", "Advertising"),
    "reviews": Template("name.channel.reviews", "Review sites"),
    "word-of-mouth": Template("name.channel.word-of-mouth", "Word of mouth"),
    "chat": Template("name.channel.chat", "Live chat"),
    "phone": Template("name.channel.phone", "Phone"),
    "store": Template("name.channel.store", "Store"),
    "event": Template("name.channel.event", "Event"),
    "print": Template("name.channel.print", "Print"),
    "tv": Template("name.channel.tv", "TV"),
    "radio": Template("name.channel.radio", "Radio"),
    "partner": Template("name.channel.partner", "Partner"),
    "post": Template("name.channel.post", "Post"),
    "in-product": Template("name.channel.in-product", "In-product"),
    "branch": Template("name.channel.branch", "Branch"),
    "video-call": Template("name.channel.video-call", "Video call"),
    "courier": Template("name.channel.courier", "Courier"),
    "in-person": Template("name.channel.in-person", "In person"),
    "premises": Template("name.channel.premises", "Premises"),
}
BUILTIN_CHANNELS: dict[str, Channel] = {
    cid: Channel(
        cid,
        name.text,
        "offline" if cid in _OFFLINE else "online",
        cid in _ASSISTED,
        "third-party" if cid in _THIRD_PARTY else "owned",
    )
    for cid, name in CHANNEL_NAMES.items()
}

"""The portfolio the site shows, indexed once from a lint result: journeys with their stages in
file order and the effective owner of everything, the teams and personas, the channel matrix,
the KPIs and the gaps, as the plain data of site/views.py. The templates read it and decide
only how it looks."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Final
from urllib.parse import quote

from jcode import i18n
from jcode.findings import Finding, count_by_severity
from jcode.linter import JourneyFile, LintResult, printable
from jcode.reporters import ReportOptions, find_repo_root
from jcode.rules import RULES
from jcode.site.emotion import emotion_curve, stage_points
from jcode.site.labels import Words
from jcode.site.lanes import lanes, names, spans
from jcode.site.naming import Naming, figure
from jcode.site.views import (
    BackstageCard,
    Cell,
    ChannelRow,
    Column,
    ExitCard,
    Feel,
    Gaps,
    JourneyView,
    KeyMoment,
    KpiCard,
    Owned,
    OwnerView,
    PainCard,
    PersonaView,
    StageColumn,
    StepCard,
    TouchpointCard,
)
from jcode.spec import Journey, Kpi, Project, Stage, Touchpoint
from jcode.spec.builtins import PHASE_MODELS, PHASE_NAMES
from jcode.spec.stages import ideas, pains
from jcode.spec.values import MOMENTS, Moment
from jcode.spec.walk import elements


def journey_path(journey_id: str) -> str:
    return f"journeys/{journey_id}.md"


def owner_path(owner_id: str) -> str:
    return f"owners/{owner_id}.md"


def persona_path(persona_id: str) -> str:
    return f"personas/{persona_id}.md"


class Portfolio:
    """Everything the pages show, indexed once per build. `previous`: the portfolio of an
    earlier lint of the same project (the same Project), whose views of the journeys whose
    files are unchanged are taken as they are: what a journey's view holds comes from its file
    and the project only."""

    def __init__(
        self, result: LintResult, project: Project, previous: Portfolio | None = None
    ) -> None:
        config = project.config
        self.catalog: Final = i18n.catalog(config.site.language)
        self.words: Final = Words(self.catalog)
        self.title: Final = config.site.title
        self._project = project
        builtin = project.phase_model in PHASE_MODELS
        self.phases: Final = tuple(
            Column(p.id, self.catalog.text(PHASE_NAMES[p.id]) if builtin else p.name, p.moment)
            for p in project.phases
        )
        self._phase_names: Final = {p.id: p.name for p in self.phases}
        # Every emotion the schema allows (-2 to +2, spec/models.py), as the map writes it.
        self.feels: Final = {
            e: Feel(e + 2, f"{e:+d}", self.words[f"emotion_{e}"]) for e in range(-2, 3)
        }
        self._names: Final = Naming(project, self.catalog)
        labels = names(project.moment_labels, self.words["other"])
        self.spans: Final = spans((p.moment, labels[p.moment]) for p in project.phases)
        self.invalid_files: Final = tuple(f for f in result.files if f.journey is None)
        first: dict[str, JourneyFile] = {}
        for file in result.files:  # the first file with an id wins, as duplicate-id reports
            if file.journey is not None:
                first.setdefault(file.journey.id, file)
        self.titles_as_read: Final = tuple(f.journey.title for f in first.values() if f.journey)
        repo = (
            ReportOptions(repo_root=find_repo_root(project.root)) if config.site.repo_url else None
        )
        same = previous is not None and previous._project is project
        kept = previous.journeys if previous and same else {}
        self.journeys: Final[dict[str, JourneyView]] = {
            journey_id: _unchanged(kept.get(journey_id), first[journey_id])
            or self._journey(journey_id, first[journey_id], repo)
            for journey_id in sorted(first)
        }
        # What each journey adds to the owners' and the channels' lists, kept with its view:
        # after a save, only the changed journeys' are made again.
        self._parts: dict[str, tuple[JourneyView, _Parts]] = {}
        earlier = previous._parts if previous and same else {}
        for journey_id, view in self.journeys.items():
            part = earlier.get(journey_id)
            self._parts[journey_id] = part if part and part[0] is view else (view, self._part(view))
        owned = self._owned()
        self.owners: Final = self._owners(owned)
        self.unowned: Final = owned.get(None, ())
        self.personas: Final = self._personas()
        used = sorted({channel for _, part in self._parts.values() for channel, _, _ in part[1]})
        self.channel_names: Final = tuple(self._names.channel(c) for c in used)
        self.channels: Final = self._channels(used)
        self.gaps: Final = self._gaps(result)

    # --- journeys -------------------------------------------------------------------------------

    def _journey(
        self, journey_id: str, file: JourneyFile, repo: ReportOptions | None
    ) -> JourneyView:
        journey = file.journey
        assert journey is not None
        project = self._project
        labels = names(project.labels(journey), self.words["other"])
        owners: list[str | None] = []  # by stage
        touchpoints: list[list[TouchpointCard]] = []
        kpis: list[list[KpiCard]] = []
        for e in elements(journey):
            item = e.item
            if isinstance(item, Touchpoint):
                channel, mode = self._names.channel(item.channel), self._names.mode(item.channel)
                managed = project.managed_by(item)
                touchpoints[-1].append(TouchpointCard(item, channel, mode, e.owner, managed))
            elif isinstance(item, Kpi):
                kpis[-1].append(KpiCard(item, figure(item.baseline), figure(item.target), e.owner))
            else:  # a stage, before its touchpoints and KPIs
                owners.append(e.owner)
                touchpoints.append([])
                kpis.append([])
        touchpoint_names = {t.id: t.name for s in journey.stages for t in s.touchpoints}
        stages = tuple(
            self._stage(
                journey,
                stage,
                owners[si],
                tuple(touchpoints[si]),
                tuple(kpis[si]),
                touchpoint_names,
            )
            for si, stage in enumerate(journey.stages)
        )
        curve = emotion_curve(
            len(stages),
            stage_points(
                [
                    (s.name, s.emotion, [(step.text, step.emotion) for step in s.steps])
                    for s in journey.stages
                ]
            ),
        )
        flagged = _stages_with_findings(file.findings)
        coverage = []
        for column in self.phases:
            here = [i for i, stage in enumerate(journey.stages) if stage.phase == column.id]
            count = sum(len(journey.stages[i].touchpoints) for i in here)
            coverage.append(Cell(count, any(i in flagged for i in here)) if here else None)
        source = None
        if repo is not None:
            # Percent-encoded: a space, % or # in a file name would end or break the address.
            path = quote(repo.repo_path(file.path), errors="surrogateescape")
            address = self._project.config.site.repo_url or ""
            source = (address.rstrip("/") + "/blob/HEAD/" + path, printable(file.path))
        covered = Project.scope(journey)
        return JourneyView(
            journey_id,
            journey_path(journey_id),
            file,
            journey,
            stages,
            spans((s.moment, labels[s.moment]) for s in stages),
            spans((s.moment, s.phase) for s in stages),
            lanes(stages, bool(curve.dots)),
            tuple(
                KeyMoment(stage, step.text if step else None, reason)
                for stage in journey.stages
                for step, reason in [
                    (None, stage.key_moment),
                    *((step, step.key_moment) for step in stage.steps),
                ]
                if reason
            ),
            self._scope(covered, labels),
            curve,
            tuple(coverage),
            count_by_severity(file.findings),
            source,
        )

    def _stage(
        self,
        journey: Journey,
        stage: Stage,
        owner: str | None,
        touchpoints: tuple[TouchpointCard, ...],
        kpis: tuple[KpiCard, ...],
        touchpoint_names: dict[str, str],  # the journey's, by id
    ) -> StageColumn:
        phase = self._project.phase_by_id.get(stage.phase)
        stage_ideas = ideas(stage)
        texts = {i.id: i.text for i in stage_ideas if i.id is not None}
        return StageColumn(
            stage,
            self._phase_names.get(stage.phase, stage.phase),
            phase.moment if phase else "other",
            owner,
            None if stage.emotion is None else self.feels[stage.emotion],
            touchpoints,
            kpis,
            tuple(
                StepCard(
                    step,
                    touchpoint_names.get(step.touchpoint or ""),
                    self._names.actor(step.actor) if step.actor != journey.persona else None,
                )
                for step in stage.steps
            ),
            tuple(
                BackstageCard(b, touchpoint_names.get(b.touchpoint or ""), b.owner or owner)
                for b in stage.backstage
            ),
            tuple(
                ExitCard(x, touchpoint_names.get(x.touchpoint or ""), self._names.share(x.share))
                for x in stage.exits
            ),
            tuple(
                PainCard(p.text, tuple(texts.get(i, i) for i in p.addressed_by))
                for p in pains(stage)
            ),
            stage_ideas,
        )

    def _scope(self, covered: tuple[Moment, ...], labels: dict[str, str]) -> str:
        """What the map leaves out, as a sentence ("" when it covers every moment)."""
        left_out = [m for m in MOMENTS if m not in covered]
        if not left_out:
            return ""

        def quoted(moments: Iterable[str]) -> str:
            return ", ".join(f"\u201c{labels[m]}\u201d" for m in moments)

        if covered == MOMENTS[: len(covered)]:
            return self.words("scope_ends", last=quoted(covered[-1:]), left_out=quoted(left_out))
        return self.words("scope_only", covered=quoted(covered), left_out=quoted(left_out))

    # --- owners and personas ----------------------------------------------------------------

    def _part(self, view: JourneyView) -> _Parts:
        """What a journey adds to the owners' lists (by effective owner: its stages in file
        order, each followed by its touchpoints, KPIs and backstage) and to the channels'
        counts."""
        owned: dict[str | None, list[Owned]] = defaultdict(list)
        owned[view.journey.owner].append(Owned("journey", view, "", view.title))
        for column in view.stages:
            stage = column.stage
            owned[column.owner].append(Owned("stage", view, f"stage-{stage.id}", stage.name))
            for t in column.touchpoints:
                tp = t.touchpoint
                owned[t.owner].append(Owned("touchpoint", view, f"touchpoint-{tp.id}", tp.name))
            for k in column.kpis:
                owned[k.owner].append(Owned("kpi", view, f"kpi-{k.kpi.id}", k.kpi.name))
            for b in column.backstage:  # out of sight, so on the map at its stage
                owned[b.owner].append(
                    Owned("backstage", view, f"stage-{stage.id}", b.backstage.text)
                )
        counts: Counter[tuple[str, str, str]] = Counter()  # (channel, phase, managed) -> n
        for stage in view.journey.stages:
            for touchpoint in stage.touchpoints:
                counts[touchpoint.channel, stage.phase, self._project.managed_by(touchpoint)] += 1
        return owned, counts

    def _owned(self) -> dict[str | None, tuple[Owned, ...]]:
        """Effective owner -> what it owns, journey by journey in id order, each journey's
        things in the order of _part."""
        owned: dict[str | None, list[Owned]] = defaultdict(list)
        for _, (by_owner, _) in self._parts.values():
            for owner, items in by_owner.items():
                owned[owner].extend(items)
        return {owner: tuple(items) for owner, items in owned.items()}

    def _owners(self, owned: dict[str | None, tuple[Owned, ...]]) -> dict[str, OwnerView]:
        declared = self._project.config.owners
        ids = {o for o in owned if o is not None} | set(declared)
        return {
            owner_id: OwnerView(
                owner_id,
                owner_path(owner_id),
                self._names.owner(owner_id),
                owner_id in declared,
                (declared[owner_id].contact or "") if owner_id in declared else "",
                owned.get(owner_id, ()),
            )
            for owner_id in sorted(ids)
        }

    def _personas(self) -> dict[str, PersonaView]:
        journeys: dict[str, list[str]] = defaultdict(list)
        takes_part: dict[str, list[str]] = defaultdict(list)
        declared = self._project.config.personas
        for journey_id, view in self.journeys.items():
            if view.journey.persona is not None:
                journeys[view.journey.persona].append(journey_id)
            actors = {s.actor for stage in view.journey.stages for s in stage.steps}
            for actor in sorted(a for a in actors if a in declared and a != view.journey.persona):
                takes_part[actor].append(journey_id)
        return {
            persona_id: PersonaView(
                persona_id,
                persona_path(persona_id),
                self._names.persona(persona_id),
                persona_id in declared,
                (declared[persona_id].description or "") if persona_id in declared else "",
                tuple(journeys.get(persona_id, ())),
                tuple(takes_part.get(persona_id, ())),
            )
            for persona_id in sorted(set(journeys) | set(declared))
        }

    # --- channels and gaps ------------------------------------------------------------------

    def _channels(self, used: list[str]) -> dict[str, tuple[ChannelRow, ...]]:
        """The rows of the channels in use, by mode: online, then offline (when there are)."""
        counts: Counter[tuple[str, str, str]] = Counter()  # (channel, phase, managed) -> n
        for _, (_, part) in self._parts.values():
            counts.update(part)
        by_mode: dict[str, tuple[ChannelRow, ...]] = {}
        for mode in ("online", "offline"):
            rows = tuple(
                ChannelRow(
                    self._names.channel(channel),
                    tuple(
                        (counts[channel, p.id, "owned"], counts[channel, p.id, "third-party"])
                        for p in self.phases
                    ),
                    sum(n for (c, _, _), n in counts.items() if c == channel),
                )
                for channel in used
                if self._names.mode(channel) == mode
            )
            if rows:
                by_mode[mode] = rows
        return by_mode

    def _gaps(self, result: LintResult) -> Gaps:
        findings = tuple(f for file in result.files for f in file.findings)
        findings += tuple(result.project_findings)
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_rule[f.rule].append(f)
        return Gaps(
            findings,
            count_by_severity(findings),
            tuple((r, tuple(by_rule[r])) for r in RULES if r in by_rule),  # errors first
            tuple(by_rule),
            tuple(view for view in self.journeys.values() if view.file.findings),
            tuple(f for file in self.invalid_files for f in file.findings),
            tuple(s for file in result.files for s in file.suppressed),
        )


# A journey's part of the owners' lists and of the channels' counts (Portfolio._part).
_Parts = tuple[dict[str | None, list[Owned]], Counter[tuple[str, str, str]]]


def _unchanged(view: JourneyView | None, file: JourneyFile) -> JourneyView | None:
    # Equal files are cheap to compare when their models are the same objects, as an
    # incremental lint keeps them for the files whose bytes did not change.
    return view if view is not None and (view.file is file or view.file == file) else None


def _stages_with_findings(findings: Sequence[Finding]) -> set[int]:
    indexes = set()
    for f in findings:
        parts = f.pointer.split("/")
        if len(parts) > 2 and parts[1] == "stages" and parts[2].isdigit():
            indexes.add(int(parts[2]))
    return indexes

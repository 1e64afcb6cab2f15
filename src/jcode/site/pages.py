"""The site's pages, generated from a lint result: HTML bodies in Markdown files for mkdocs.

Every value from a journey file or jcode.yaml is untrusted: it goes through esc() and only ever
lands in text or in a quoted attribute. Each body is one block of raw HTML with no blank line,
so that Markdown never reads user text (no links, no emphasis, no HTML of its own), and mkdocs
does not rewrite our links: they are written as the final relative .html addresses.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import Final
from urllib.parse import quote

from jcode.findings import SEVERITIES, Finding, SuppressedFinding, count_by_severity
from jcode.linter import JourneyFile, LintResult, printable
from jcode.reporters import ReportOptions, find_repo_root
from jcode.rules import RULES
from jcode.site.labels import BUILTIN_NAMES_IT, LABELS
from jcode.spec import Journey, Kpi, Project, Stage, Touchpoint
from jcode.spec.builtins import BUILTIN_CHANNELS, PHASE_MODELS
from jcode.spec.walk import elements

MOMENTS: Final = ("pre-purchase", "purchase", "post-purchase")


def esc(text: object) -> str:
    """Untrusted text, made safe for HTML text and quoted attributes."""
    return html.escape(str(text), quote=True)


class Page:
    """A page of the site: its Markdown path, its title (plain text), its HTML body, the
    lighter HTML that search indexes (None: the body itself), and the plain-text description
    of its <meta name="description"> (None: no description). Search parses what it indexes,
    and a journey map is thousands of tags: names and words are what people search for."""

    __slots__ = ("body", "description", "path", "search", "title")

    def __init__(
        self,
        path: str,
        title: str,
        body: str,
        search: str | None = None,
        description: str | None = None,
    ) -> None:
        self.path = path
        self.title = title
        self.body = body
        self.search = search
        self.description = description

    def front_matter(self) -> str:
        # The title and the description are HTML-escaped because Material puts them into the
        # page unescaped (the description into an attribute); JSON is valid YAML, so the front
        # matter cannot be broken out of either.
        lines = []
        if self.path != "index.md":  # Material titles the home page with the site's name
            lines.append(f"title: {json.dumps(esc(self.title))}")
        if self.description:
            lines.append(f"description: {json.dumps(esc(' '.join(self.description.split())))}")
        lines.append("hide:\n  - navigation\n  - toc")
        return "---\n" + "\n".join(lines) + "\n---\n\n"

    def html(self) -> str:
        """The body as the page shows it."""
        return f'<div class="jc">\n{self.body}\n</div>\n'


def href(page: str, target: str) -> str:
    """The relative address of `target` (a Markdown path, maybe with #anchor) from `page`."""
    path, _, anchor = target.partition("#")
    html_path = path[: -len(".md")] + ".html" if path.endswith(".md") else path
    relative = posixpath.relpath(html_path, posixpath.dirname(page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def journey_path(journey_id: str) -> str:
    return f"journeys/{journey_id}.md"


def owner_path(owner_id: str) -> str:
    return f"owners/{owner_id}.md"


def persona_path(persona_id: str) -> str:
    return f"personas/{persona_id}.md"


class Site:
    """What the pages are made from, indexed once."""

    def __init__(self, result: LintResult, project: Project) -> None:
        self.project = project
        language = project.config.site.language
        self.words = LABELS[language]
        self.italian = language == "it"
        self.files = result.files
        self.project_findings = result.project_findings
        self.valid = [f for f in result.files if f.journey is not None]
        self.invalid = [f for f in result.files if f.journey is None]
        self.journeys: dict[str, JourneyFile] = {}
        for file in self.valid:  # the first file with an id wins, as duplicate-id reports
            assert file.journey is not None
            self.journeys.setdefault(file.journey.id, file)
        builtin = project.phase_model in PHASE_MODELS
        self.phase_names = {
            p.id: self._builtin_name("phase", p.id, p.name) if builtin else p.name
            for p in project.phases
        }

    @cached_property
    def repo(self) -> ReportOptions:
        """Where source links are relative to, as for SARIF: the repository's top."""
        return ReportOptions(repo_root=find_repo_root(self.project.root))

    def t(self, key: str) -> str:
        return self.words[key]

    def _builtin_name(self, kind: str, name_id: str, name: str) -> str:
        return BUILTIN_NAMES_IT.get(f"{kind}:{name_id}", name) if self.italian else name

    def channel_name(self, channel_id: str) -> str:
        channel = self.project.channels.get(channel_id)
        if channel is None:
            return channel_id
        builtin = BUILTIN_CHANNELS.get(channel_id)
        if builtin is not None and builtin.name == channel.name:
            return self._builtin_name("channel", channel_id, channel.name)
        return channel.name

    def channel_mode(self, channel_id: str) -> str:
        channel = self.project.channels.get(channel_id)
        return channel.mode if channel else "online"

    def owner_name(self, owner_id: str) -> str:
        owner = self.project.config.owners.get(owner_id)
        return owner.name if owner else owner_id

    def persona_name(self, persona_id: str) -> str:
        persona = self.project.config.personas.get(persona_id)
        return persona.name if persona else persona_id

    def phase_index(self, phase_id: str) -> int:
        phase = self.project.phase_by_id.get(phase_id)
        return phase.index if phase else len(self.project.phases)

    def moment(self, phase_id: str) -> str:
        phase = self.project.phase_by_id.get(phase_id)
        return phase.moment if phase else "other"

    def pages(self) -> Iterator[Page]:
        yield self.home()
        for journey_id, file in sorted(self.journeys.items()):
            yield self.journey_page(journey_id, file)
        yield self.owners_index()
        for owner_id in sorted(self.owner_ids()):
            yield self.owner_page(owner_id)
        yield self.personas_index()
        for persona_id in sorted(self.persona_ids()):
            yield self.persona_page(persona_id)
        yield self.channels_page()
        yield self.kpis_page()
        yield self.gaps_page()
        yield self.rules_page()

    # --- pieces --------------------------------------------------------------------------

    def a(self, page: str, target: str, text: str, cls: str = "") -> str:
        klass = f' class="{cls}"' if cls else ""
        return f'<a href="{esc(href(page, target))}"{klass}>{esc(text)}</a>'

    def journey_link(self, page: str, journey_id: str) -> str:
        file = self.journeys.get(journey_id)
        if file is None or file.journey is None:
            return esc(journey_id)
        return self.a(page, journey_path(journey_id), file.journey.title)

    def owner_link(self, page: str, owner_id: str | None) -> str:
        if owner_id is None:
            return '<span class="jc-none">-</span>'
        return self.a(page, owner_path(owner_id), self.owner_name(owner_id))

    def persona_link(self, page: str, persona_id: str | None) -> str:
        if persona_id is None:
            return '<span class="jc-none">-</span>'
        return self.a(page, persona_path(persona_id), self.persona_name(persona_id))

    def badge(self, kind: str, key: str) -> str:
        return f'<span class="jc-badge jc-{kind}-{esc(key)}">{esc(self.t(key))}</span>'

    def severity_counts(self, findings: Sequence[Finding]) -> str:
        counts = count_by_severity(findings)
        chips = [
            f'<span class="jc-sev jc-sev-{s}" title="{esc(self.t(s))}">{counts[s]}</span>'
            for s in SEVERITIES
            if counts[s]
        ]
        return " ".join(chips) or '<span class="jc-ok">0</span>'

    def findings_table(self, page: str, findings: Sequence[Finding], show_file: bool) -> str:
        if not findings:
            return f'<p class="jc-ok">{esc(self.t("no_findings"))}</p>'
        head = [self.t("severity"), self.t("rule"), self.t("message")]
        if show_file:
            head.insert(0, self.t("file"))
        else:
            head.insert(0, self.t("line"))
        rows = []
        for f in findings:
            where = f"{esc(f.file)}:{f.line}" if show_file else str(f.line)
            rows.append(
                f"<tr><td>{where}</td>"
                f'<td><span class="jc-sev jc-sev-{f.severity}">'
                f"{esc(self.t(f.severity))}</span></td>"
                f"<td>{self.a(page, 'rules.md#' + f.rule, f.rule)}</td>"
                f"<td>{esc(f.message)}</td></tr>"
            )
        return _table(head, rows, "jc-findings")

    # --- home ------------------------------------------------------------------------------

    def home(self) -> Page:
        page = "index.md"
        rows = []
        for journey_id, file in sorted(self.journeys.items()):
            j = file.journey
            assert j is not None
            rows.append(
                f"<tr><td>{self.journey_link(page, journey_id)}</td>"
                f"<td>{self.persona_link(page, j.persona)}</td>"
                f"<td>{self.owner_link(page, j.owner)}</td>"
                f"<td>{self.badge('status', j.status)}</td>"
                f'<td data-sort="{len(j.stages)}">{len(j.stages)}</td>'
                f'<td data-sort="{len(file.findings)}">{self.severity_counts(file.findings)}</td>'
                f"<td>{esc(j.reviewed.isoformat()) if j.reviewed else esc(self.t('never'))}</td>"
                "</tr>"
            )
        head = [
            self.t("journey"),
            self.t("persona"),
            self.t("owner"),
            self.t("status"),
            self.t("stages"),
            self.t("open_findings"),
            self.t("reviewed"),
        ]
        parts = [
            f"<h1>{esc(self.project.config.site.title)}</h1>",
            f'<h2 id="portfolio">{esc(self.t("portfolio"))}</h2>',
            _table(head, rows, "jc-portfolio jc-sortable"),
        ]
        if self.invalid:
            parts.append(
                f'<p class="jc-warning">{len(self.invalid)} &middot; '
                f"{self.a(page, 'gaps.md#invalid', self.t('invalid_files'))}</p>"
            )
        parts += [
            f'<h2 id="coverage">{esc(self.t("coverage"))}</h2>',
            f"<p>{esc(self.t('coverage_help'))}</p>",
            self.coverage_grid(page),
        ]
        titles = " &middot; ".join(
            esc(f.journey.title) for f in self.journeys.values() if f.journey is not None
        )
        search = f"<h1>{esc(self.project.config.site.title)}</h1><p>{titles}</p>"
        return Page(page, self.project.config.site.title, "\n".join(parts), search)

    def phase_header(self) -> tuple[str, str]:
        """Two header rows: the moments, then the phases of the project's model."""
        groups: list[tuple[str, int]] = []
        for phase in self.project.phases:
            if groups and groups[-1][0] == phase.moment:
                groups[-1] = (phase.moment, groups[-1][1] + 1)
            else:
                groups.append((phase.moment, 1))
        top = "".join(
            f'<th colspan="{n}" class="jc-moment jc-moment-{m}">{esc(self.t(m))}</th>'
            for m, n in groups
        )
        phases = "".join(
            f'<th class="jc-moment-{p.moment}">{esc(self.phase_names[p.id])}</th>'
            for p in self.project.phases
        )
        return top, phases

    def coverage_grid(self, page: str) -> str:
        top, phases = self.phase_header()
        rows = []
        for journey_id, file in sorted(self.journeys.items()):
            j = file.journey
            assert j is not None
            gaps = _stages_with_findings(file.findings)
            cells = []
            for phase in self.project.phases:
                stages = [(i, s) for i, s in enumerate(j.stages) if s.phase == phase.id]
                if not stages:
                    cells.append(
                        f'<td class="jc-cell-empty" title="{esc(self.t("none_stage"))}">'
                        "&ndash;</td>"
                    )
                    continue
                touchpoints = sum(len(s.touchpoints) for _, s in stages)
                flagged = any(i in gaps for i, _ in stages)
                mark = (
                    f' <span class="jc-gap" title="{esc(self.t("has_gaps"))}">!</span>'
                    if flagged
                    else ""
                )
                cells.append(
                    f'<td class="jc-cell{" jc-cell-gap" if flagged else ""}">'
                    f"{touchpoints}{mark}</td>"
                )
            rows.append(f"<tr><th>{self.journey_link(page, journey_id)}</th>{''.join(cells)}</tr>")
        return (
            '<div class="jc-scroll"><table class="jc-coverage">'
            f'<thead><tr><th rowspan="2">{esc(self.t("journey"))}</th>{top}</tr>'
            f"<tr>{phases}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    # --- a journey -------------------------------------------------------------------------

    def journey_page(self, journey_id: str, file: JourneyFile) -> Page:
        page = journey_path(journey_id)
        j = file.journey
        assert j is not None
        facts = [
            (self.t("persona"), self.persona_link(page, j.persona)),
            (self.t("owner"), self.owner_link(page, j.owner)),
            (self.t("status"), self.badge("status", j.status)),
            (
                self.t("reviewed"),
                esc(j.reviewed.isoformat()) if j.reviewed else esc(self.t("never")),
            ),
        ]
        if j.tags:
            facts.append(
                (self.t("tags"), " ".join(f'<span class="jc-tag">{esc(t)}</span>' for t in j.tags))
            )
        repo = self.project.config.site.repo_url
        if repo:
            # Percent-encoded: a space, % or # in a file name would end or break the address.
            path = quote(self.repo.repo_path(file.path), errors="surrogateescape")
            source = repo.rstrip("/") + "/blob/HEAD/" + path
            shown = esc(printable(file.path))
            facts.append((self.t("source"), f'<a href="{esc(source)}">{shown}</a>'))
        parts = [f"<h1>{esc(j.title)}</h1>"]
        if j.summary:
            parts.append(f'<p class="jc-summary">{esc(j.summary)}</p>')
        parts.append(
            '<dl class="jc-facts">'
            + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
            + "</dl>"
        )
        parts.append(f'<h2 id="map">{esc(self.t("map"))}</h2>')
        parts.append(self.journey_map(page, j))
        parts.append(f'<h2 id="findings">{esc(self.t("findings"))}</h2>')
        parts.append(self.findings_table(page, file.findings, show_file=False))
        if file.suppressed:
            parts.append(f"<h3>{esc(self.t('suppressed'))}</h3>")
            parts.append(self.suppressed_table(page, file.suppressed))
        if j.related:
            parts.append(f'<h2 id="related">{esc(self.t("related"))}</h2>')
            parts.append(
                "<ul>"
                + "".join(f"<li>{self.journey_link(page, r)}</li>" for r in j.related)
                + "</ul>"
            )
        return Page(page, j.title, "\n".join(parts), self.journey_search(j), j.summary)

    def journey_search(self, j: Journey) -> str:
        """What search indexes for a journey: a section per stage, with its words."""
        about = f"{j.summary or ''} {' '.join(j.tags)}"
        parts = [f"<h1>{esc(j.title)}</h1>", f"<p>{esc(about)}</p>"]
        for _, s in self.ordered_stages(j):
            words = [s.goal or ""]
            for t in s.touchpoints:
                words += [t.name, self.channel_name(t.channel), t.description or ""]
            words += [k.name for k in s.kpis]
            words += [*s.pain_points, *s.opportunities]
            parts.append(f'<h2 id="stage-{esc(s.id)}">{esc(s.name)}</h2>')
            parts.append("<p>" + " &middot; ".join(esc(w) for w in words if w) + "</p>")
        return "\n".join(parts)

    def ordered_stages(self, journey: Journey) -> list[tuple[int, Stage]]:
        """Stages in phase order (the file's order within a phase)."""
        indexed = list(enumerate(journey.stages))
        return sorted(indexed, key=lambda item: (self.phase_index(item[1].phase), item[0]))

    def journey_map(self, page: str, journey: Journey) -> str:
        stages = self.ordered_stages(journey)
        groups: list[tuple[str, int]] = []
        for _, stage in stages:
            moment = self.moment(stage.phase)
            if groups and groups[-1][0] == moment:
                groups[-1] = (moment, groups[-1][1] + 1)
            else:
                groups.append((moment, 1))
        head_moments = "".join(
            f'<th colspan="{n}" class="jc-moment jc-moment-{m}">{esc(self.t(m))}</th>'
            for m, n in groups
        )

        def row(label: str, cells: Iterable[str], cls: str = "", hidden: bool = False) -> str:
            klass = f' class="{cls}"' if cls else ""
            tds = "".join(
                f'<td class="jc-moment-{self.moment(s.phase)}">{c}</td>'
                for (_, s), c in zip(stages, cells, strict=True)
            )
            return f'<tr{klass}><th scope="row">{_label(label, hidden)}</th>{tds}</tr>'

        owners = {e.pointer: e.owner for e in elements(journey)}
        rows = [
            row(
                self.t("phase"),
                (esc(self.phase_names.get(s.phase, s.phase)) for _, s in stages),
                "jc-row-phase",
            ),
            row(
                self.t("stage"),
                (f'<strong id="stage-{esc(s.id)}">{esc(s.name)}</strong>' for _, s in stages),
                "jc-row-stage",
            ),
            row(self.t("goal"), (esc(s.goal or "") for _, s in stages)),
            row(
                self.t("touchpoints"),
                (self.touchpoint_list(page, i, s, owners) for i, s in stages),
                "jc-row-touchpoints",
            ),
            f'<tr class="jc-row-emotion"><th scope="row">{esc(self.t("emotion"))}</th>'
            f'<td colspan="{len(stages)}">{self.emotion_curve(stages)}</td></tr>',
            # The emotion in words, under the curve its label already names on screen.
            row(
                self.t("emotion"),
                (self.emotion_label(s) for _, s in stages),
                "jc-row-feel",
                hidden=True,
            ),
            row(self.t("pain_points"), (_bullets(s.pain_points, "jc-pain") for _, s in stages)),
            row(
                self.t("opportunities"),
                (_bullets(s.opportunities, "jc-opportunity") for _, s in stages),
            ),
            row(
                self.t("kpis"),
                (self.kpi_list(page, i, s, owners) for i, s in stages),
                "jc-row-kpis",
            ),
            row(
                self.t("owner"),
                (self.owner_link(page, owners[f"/stages/{i}"]) for i, _ in stages),
            ),
        ]
        corner = _label(self.t("moment"), hidden=True)  # heads the column of row labels
        return (
            '<div class="jc-scroll jc-map-wrap"><table class="jc-map">'
            f"<thead><tr><th>{corner}</th>{head_moments}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    def touchpoint_list(
        self, page: str, si: int, stage: Stage, owners: dict[str, str | None]
    ) -> str:
        items = []
        for ti, t in enumerate(stage.touchpoints):
            items.append(self.touchpoint_card(page, t, owners[f"/stages/{si}/touchpoints/{ti}"]))
        return '<ul class="jc-cards">' + "".join(items) + "</ul>" if items else ""

    def touchpoint_card(self, page: str, t: Touchpoint, owner: str | None) -> str:
        mode = self.channel_mode(t.channel)
        badges = [self.badge("mode", mode), self.badge("managed", t.managed_by)]
        if t.feedback:
            badges.append(self.badge("feedback", "feedback"))
        description = f'<span class="jc-desc">{esc(t.description)}</span>' if t.description else ""
        return (
            f'<li class="jc-card jc-tp jc-mode-{mode} jc-managed-{t.managed_by}" '
            f'id="touchpoint-{esc(t.id)}">'
            f'<span class="jc-name">{esc(t.name)}</span>'
            f'<span class="jc-channel">{esc(self.channel_name(t.channel))}</span>'
            f'<span class="jc-badges">{"".join(badges)}</span>{description}'
            f'<span class="jc-owner">{self.owner_link(page, owner)}</span></li>'
        )

    def kpi_list(self, page: str, si: int, stage: Stage, owners: dict[str, str | None]) -> str:
        items = []
        for ki, k in enumerate(stage.kpis):
            items.append(self.kpi_card(page, k, owners[f"/stages/{si}/kpis/{ki}"]))
        return '<ul class="jc-cards">' + "".join(items) + "</ul>" if items else ""

    def kpi_card(self, page: str, k: Kpi, owner: str | None) -> str:
        arrow = {"increase": "&uarr;", "decrease": "&darr;", None: ""}[k.direction]
        direction = f' title="{esc(self.t(k.direction))}"' if k.direction else ""
        unit = f" {esc(k.unit)}" if k.unit else ""
        figures = (
            f'<span class="jc-figures"{direction}>{_figure(k.baseline)}{unit} &rarr; '
            f"{_figure(k.target)}{unit} {arrow}</span>"
        )
        source = f'<span class="jc-desc">{esc(k.source)}</span>' if k.source else ""
        return (
            f'<li class="jc-card jc-kpi" id="kpi-{esc(k.id)}"><span class="jc-name">'
            f"{esc(k.name)}</span>{figures}{source}"
            f'<span class="jc-owner">{self.owner_link(page, owner)}</span></li>'
        )

    def emotion_label(self, stage: Stage) -> str:
        if stage.emotion is None:
            return ""
        return (
            f'<span class="jc-feel jc-feel-{stage.emotion + 2}">{stage.emotion:+d} '
            f"{esc(self.t(f'emotion_{stage.emotion}'))}</span>"
        )

    def emotion_curve(self, stages: Sequence[tuple[int, Stage]]) -> str:
        """The emotion of each stage as a line across the columns, in inline SVG. Points are
        zero-length lines with round caps and strokes that do not scale, so they stay round
        when the drawing stretches to the table's width."""
        width, height = 100 * len(stages), 100
        points: list[tuple[float, float] | None] = []
        for n, (_, s) in enumerate(stages):
            if s.emotion is None:
                points.append(None)
            else:
                points.append((100 * n + 50, 50 - 20 * s.emotion))
        segments: list[list[tuple[float, float]]] = [[]]
        for p in points:
            if p is None:
                segments.append([])
            else:
                segments[-1].append(p)
        lines = "".join(
            '<polyline class="jc-curve" points="'
            + " ".join(f"{x:g},{y:g}" for x, y in seg)
            + '" vector-effect="non-scaling-stroke"/>'
            for seg in segments
            if len(seg) > 1
        )
        dots = "".join(
            f'<line class="jc-dot jc-feel-{s.emotion + 2}" x1="{p[0]:g}" y1="{p[1]:g}" '
            f'x2="{p[0]:g}" y2="{p[1]:g}" vector-effect="non-scaling-stroke">'
            f"<title>{esc(s.name)}: {s.emotion:+d}</title></line>"
            for p, (_, s) in zip(points, stages, strict=True)
            if p is not None and s.emotion is not None
        )
        return (
            f'<svg class="jc-emotion" viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
            f'role="img" aria-label="{esc(self.t("emotion"))}">'
            f'<line class="jc-axis" x1="0" y1="50" x2="{width}" y2="50" '
            f'vector-effect="non-scaling-stroke"/>{lines}{dots}</svg>'
        )

    def suppressed_table(self, page: str, suppressed: Sequence[SuppressedFinding]) -> str:
        rows = [
            f"<tr><td>{esc(s.finding.file)}:{s.finding.line}</td>"
            f"<td>{self.a(page, 'rules.md#' + s.finding.rule, s.finding.rule)}</td>"
            f"<td>{esc(s.finding.message)}</td><td>{esc(s.reason)}</td></tr>"
            for s in suppressed
        ]
        head = [self.t("file"), self.t("rule"), self.t("message"), self.t("reason")]
        return _table(head, rows, "jc-suppressed")

    # --- owners and personas -----------------------------------------------------------------

    @cached_property
    def owned(self) -> dict[str | None, list[tuple[str, str, str, str]]]:
        """Effective owner -> (kind, journey id, pointer, name) of what it owns. Built once:
        the owners page and every team's page read it."""
        owned: dict[str | None, list[tuple[str, str, str, str]]] = defaultdict(list)
        for journey_id, file in sorted(self.journeys.items()):
            j = file.journey
            assert j is not None
            owned[j.owner].append(("journey", journey_id, "", j.title))
            for e in elements(j):
                anchor = f"{e.kind}-{e.item.id}"
                owned[e.owner].append((e.kind, journey_id, anchor, e.item.name))
        return owned

    def owner_ids(self) -> set[str]:
        return {o for o in self.owned if o is not None} | set(self.project.config.owners)

    @cached_property
    def persona_journeys(self) -> dict[str, list[str]]:
        """Persona -> the ids of its journeys, in id order."""
        journeys: dict[str, list[str]] = defaultdict(list)
        for journey_id, file in sorted(self.journeys.items()):
            if file.journey is not None and file.journey.persona is not None:
                journeys[file.journey.persona].append(journey_id)
        return journeys

    def persona_ids(self) -> set[str]:
        return set(self.persona_journeys) | set(self.project.config.personas)

    def owned_list(self, page: str, items: Sequence[tuple[str, str, str, str]]) -> str:
        if not items:
            return f"<p>{esc(self.t('nothing'))}</p>"
        kinds = {"journey": "journey", "stage": "stage", "touchpoint": "touchpoint", "kpi": "kpi"}
        rows = []
        for kind, journey_id, anchor, name in items:
            target = journey_path(journey_id) + (f"#{anchor}" if anchor else "")
            rows.append(
                f"<tr><td>{esc(self.t(kinds[kind]))}</td>"
                f"<td>{self.a(page, target, name)}</td>"
                f"<td>{self.journey_link(page, journey_id)}</td></tr>"
            )
        return _table([self.t("kind"), self.t("description"), self.t("journey")], rows, "")

    def owners_index(self) -> Page:
        page = "owners.md"
        owned = self.owned
        declared = self.project.config.owners
        rows = []
        for owner_id in sorted(self.owner_ids()):
            contact = declared[owner_id].contact if owner_id in declared else None
            rows.append(
                f"<tr><td>{self.owner_link(page, owner_id)}</td>"
                f"<td>{len(owned.get(owner_id, []))}</td>"
                f"<td>{esc(contact or '')}</td></tr>"
            )
        parts = [
            f"<h1>{esc(self.t('owners'))}</h1>",
            _table([self.t("owner"), self.t("count"), self.t("contact")], rows, "jc-sortable"),
            f'<h2 id="unowned">{esc(self.t("unowned"))}</h2>',
            f"<p>{esc(self.t('unowned_help'))}</p>",
            self.owned_list(page, owned.get(None, [])),
        ]
        return Page(page, self.t("owners"), "\n".join(parts), _heading(self.t("owners")))

    def owner_page(self, owner_id: str) -> Page:
        page = owner_path(owner_id)
        owner = self.project.config.owners.get(owner_id)
        parts = [f"<h1>{esc(self.owner_name(owner_id))}</h1>"]
        if owner is None:
            parts.append(f'<p class="jc-warning">{esc(self.t("undeclared"))}</p>')
        elif owner.contact:
            parts.append(f"<p>{esc(self.t('contact'))}: {esc(owner.contact)}</p>")
        parts.append(f"<h2>{esc(self.t('owns'))}</h2>")
        parts.append(self.owned_list(page, self.owned.get(owner_id, [])))
        contact = owner.contact if owner and owner.contact else ""
        search = _heading(self.owner_name(owner_id)) + f"<p>{esc(contact)}</p>"
        return Page(page, self.owner_name(owner_id), "\n".join(parts), search)

    def personas_index(self) -> Page:
        page = "personas.md"
        rows = []
        for persona_id in sorted(self.persona_ids()):
            count = len(self.persona_journeys.get(persona_id, []))
            rows.append(f"<tr><td>{self.persona_link(page, persona_id)}</td><td>{count}</td></tr>")
        parts = [
            f"<h1>{esc(self.t('personas'))}</h1>",
            _table([self.t("persona"), self.t("journeys")], rows, "jc-sortable"),
        ]
        return Page(page, self.t("personas"), "\n".join(parts), _heading(self.t("personas")))

    def persona_page(self, persona_id: str) -> Page:
        page = persona_path(persona_id)
        persona = self.project.config.personas.get(persona_id)
        parts = [f"<h1>{esc(self.persona_name(persona_id))}</h1>"]
        if persona is None:
            parts.append(f'<p class="jc-warning">{esc(self.t("undeclared"))}</p>')
        elif persona.description:
            parts.append(f'<p class="jc-summary">{esc(persona.description)}</p>')
        items = [
            f"<li>{self.journey_link(page, jid)}</li>"
            for jid in self.persona_journeys.get(persona_id, [])
        ]
        parts.append(f"<h2>{esc(self.t('journeys'))}</h2>")
        nothing = f"<p>{esc(self.t('nothing'))}</p>"
        parts.append("<ul>" + "".join(items) + "</ul>" if items else nothing)
        about = persona.description if persona and persona.description else ""
        search = _heading(self.persona_name(persona_id)) + f"<p>{esc(about)}</p>"
        return Page(page, self.persona_name(persona_id), "\n".join(parts), search)

    # --- channels, KPIs ------------------------------------------------------------------------

    def channels_page(self) -> Page:
        page = "channels.md"
        counts: dict[tuple[str, str, str], int] = Counter()  # (channel, phase, managed) -> n
        for file in self.journeys.values():
            assert file.journey is not None
            for stage in file.journey.stages:
                for t in stage.touchpoints:
                    counts[t.channel, stage.phase, t.managed_by] += 1
        used = sorted({c for c, _, _ in counts})
        top, phases = self.phase_header()
        parts = [f"<h1>{esc(self.t('channels'))}</h1>", f"<p>{esc(self.t('matrix_help'))}</p>"]
        for mode in ("online", "offline"):
            rows = []
            for channel in (c for c in used if self.channel_mode(c) == mode):
                cells = []
                for phase in self.project.phases:
                    owned = counts.get((channel, phase.id, "owned"), 0)
                    third = counts.get((channel, phase.id, "third-party"), 0)
                    text = (str(owned) if owned else "") + (
                        f' <span class="jc-badge jc-managed-third-party" '
                        f'title="{esc(self.t("third-party"))}">+{third}</span>'
                        if third
                        else ""
                    )
                    klass = "jc-cell" if text else "jc-cell-empty"
                    cells.append(f'<td class="{klass}">{text}</td>')
                total = sum(n for (c, _, _), n in counts.items() if c == channel)
                rows.append(
                    f"<tr><th>{esc(self.channel_name(channel))}</th>{''.join(cells)}"
                    f"<td>{total}</td></tr>"
                )
            if not rows:
                continue
            parts.append(f'<h2 id="{mode}">{esc(self.t(mode)).capitalize()}</h2>')
            parts.append(
                '<div class="jc-scroll"><table class="jc-coverage">'
                f'<thead><tr><th rowspan="2">{esc(self.t("channel"))}</th>{top}'
                f'<th rowspan="2">{esc(self.t("total"))}</th></tr><tr>{phases}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div>"
            )
        names = " &middot; ".join(esc(self.channel_name(c)) for c in used)
        search = _heading(self.t("channels")) + f"<p>{names}</p>"
        return Page(page, self.t("channels"), "\n".join(parts), search)

    def kpis_page(self) -> Page:
        page = "kpis.md"
        rows = []
        for journey_id, file in sorted(self.journeys.items()):
            j = file.journey
            assert j is not None
            owners = {e.pointer: e.owner for e in elements(j)}
            target = journey_path(journey_id)
            for si, stage in enumerate(j.stages):
                for ki, k in enumerate(stage.kpis):
                    rows.append(
                        f"<tr><td>{self.journey_link(page, journey_id)}</td>"
                        f"<td>{self.a(page, f'{target}#stage-{stage.id}', stage.name)}</td>"
                        f"<td>{self.a(page, f'{target}#kpi-{k.id}', k.name)}</td>"
                        f"<td>{_figure(k.baseline)}</td><td>{_figure(k.target)}</td>"
                        f"<td>{esc(self.t(k.direction)) if k.direction else ''}</td>"
                        f"<td>{esc(k.unit or '')}</td>"
                        f"<td>{self.owner_link(page, owners[f'/stages/{si}/kpis/{ki}'])}</td>"
                        f"<td>{esc(k.source or '')}</td></tr>"
                    )
        head = [
            self.t("journey"),
            self.t("stage"),
            self.t("kpi"),
            self.t("baseline"),
            self.t("target"),
            self.t("direction"),
            self.t("unit"),
            self.t("owner"),
            self.t("source"),
        ]
        parts = [f"<h1>{esc(self.t('kpis'))}</h1>", _table(head, rows, "jc-sortable jc-kpis")]
        return Page(page, self.t("kpis"), "\n".join(parts), _heading(self.t("kpis")))

    # --- gaps and rules ----------------------------------------------------------------------

    def gaps_page(self) -> Page:
        page = "gaps.md"
        findings = [f for file in self.files for f in file.findings] + self.project_findings
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_rule[f.rule].append(f)
        parts = [f"<h1>{esc(self.t('gaps'))}</h1>"]
        counts = count_by_severity(findings)
        parts.append(
            "<p>"
            + " ".join(
                f'<span class="jc-sev jc-sev-{s}">{counts[s]} {esc(self.t(s))}</span>'
                for s in SEVERITIES
            )
            + "</p>"
        )
        parts.append(f'<h2 id="by-rule">{esc(self.t("by_rule"))}</h2>')
        if not findings:
            parts.append(f'<p class="jc-ok">{esc(self.t("no_findings"))}</p>')
        for rule_id in RULES:  # errors first, then warnings, then info
            if rule_id not in by_rule:
                continue
            group = by_rule[rule_id]
            parts.append(
                f'<h3 id="rule-{esc(rule_id)}">{self.a(page, "rules.md#" + rule_id, rule_id)} '
                f'<span class="jc-count">{len(group)}</span></h3>'
            )
            parts.append(self.findings_table(page, group, show_file=True))
        parts.append(f'<h2 id="by-journey">{esc(self.t("by_journey"))}</h2>')
        rows = []
        for journey_id, file in sorted(self.journeys.items()):
            if file.findings:
                rows.append(
                    f"<tr><td>{self.journey_link(page, journey_id)}</td>"
                    f"<td>{self.severity_counts(file.findings)}</td></tr>"
                )
        parts.append(_table([self.t("journey"), self.t("findings")], rows, "jc-sortable"))
        if self.invalid:
            parts.append(f'<h2 id="invalid">{esc(self.t("invalid_files"))}</h2>')
            parts.append(f"<p>{esc(self.t('invalid_help'))}</p>")
            invalid = [f for file in self.invalid for f in file.findings]
            parts.append(self.findings_table(page, invalid, show_file=True))
        suppressed = [s for file in self.files for s in file.suppressed]
        parts.append(f'<h2 id="suppressed">{esc(self.t("suppressed"))}</h2>')
        parts.append(f"<p>{esc(self.t('suppressed_help'))}</p>")
        parts.append(
            self.suppressed_table(page, suppressed)
            if suppressed
            else f"<p>{esc(self.t('nothing'))}</p>"
        )
        rules = " &middot; ".join(esc(r) for r in by_rule)
        search = _heading(self.t("gaps")) + f"<p>{rules}</p>"
        return Page(page, self.t("gaps"), "\n".join(parts), search)

    def rules_page(self) -> Page:
        parts = [f"<h1>{esc(self.t('rules'))}</h1>", f"<p>{esc(self.t('rule_docs'))}</p>"]
        for rule in RULES.values():
            parts.append(
                f'<h2 id="{esc(rule.id)}">{esc(rule.id)} '
                f'<span class="jc-sev jc-sev-{rule.severity}">{esc(self.t(rule.severity))}</span>'
                "</h2>"
            )
            parts.append(f"<p>{esc(rule.what)}</p>")
            parts.append(f'<p class="jc-why">{esc(rule.why)}</p>')
            example = esc(rule.example.rstrip()).replace("\n", "&#10;")
            parts.append(f"<pre><code>{example}</code></pre>")
            parts.append(f'<p class="jc-fix">{esc(rule.fix)}</p>')
        return Page("rules.md", self.t("rules"), "\n".join(parts))


def _label(text: str, hidden: bool) -> str:
    """A header cell's text; hidden, it is there for screen readers only (a header cell must
    name its row or column even where the layout shows nothing)."""
    return f'<span class="jc-visually-hidden">{esc(text)}</span>' if hidden else esc(text)


def _heading(text: str) -> str:
    return f"<h1>{esc(text)}</h1>"


def _table(head: Sequence[str], rows: Sequence[str], cls: str) -> str:
    klass = f' class="{cls}"' if cls else ""
    thead = "".join(f"<th>{esc(h)}</th>" for h in head)
    return (
        f'<div class="jc-scroll"><table{klass}><thead><tr>{thead}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _bullets(items: Sequence[str], cls: str) -> str:
    if not items:
        return ""
    return f'<ul class="{cls}">' + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def _figure(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def _stages_with_findings(findings: Iterable[Finding]) -> set[int]:
    indexes = set()
    for f in findings:
        parts = f.pointer.split("/")
        if len(parts) > 2 and parts[1] == "stages" and parts[2].isdigit():
            indexes.add(int(parts[2]))
    return indexes

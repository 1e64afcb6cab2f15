"""Deterministic synthetic corpora for the benchmarks: N realistic journeys.

Each journey has 7 stages (the seven-stage model) x 4 touchpoints x 2 KPIs, with owners, pain
points and opportunities, about 7.9 KB of YAML: 1,000 journeys are about 7.9 MB. The same N
always gives byte-identical files.

    python bench/generate.py 1000 bench/out/c1000
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

PHASES = ["discovery", "evaluation", "interest", "purchase", "post-purchase", "loyalty", "advocacy"]
CHANNELS = ["web", "email", "social", "search", "reviews", "chat", "phone", "store", "mobile-app"]
OWNERS = ["ecommerce", "growth", "checkout", "customer-care", "crm"]
CONFIG = """\
site: {title: Benchmark journeys}
phases: seven-stage
owners:
  ecommerce: {name: E-commerce team}
  growth: {name: Growth marketing}
  checkout: {name: Checkout squad}
  customer-care: {name: Customer care}
  crm: {name: CRM and loyalty}
personas:
  remote-professional: {name: Remote professional}
"""


def journey(n: int) -> str:
    rnd = random.Random(n)
    lines = [
        "# yaml-language-server: $schema=../schema/journey.schema.json",
        f"id: journey-{n:05d}",
        f"title: Synthetic journey number {n} for the benchmark",
        "summary: >",
        "  A customer notices a need, compares the options on the web and in the store,",
        "  buys, gets help after the purchase and, if all goes well, recommends the brand.",
        "persona: remote-professional",
        f"owner: {rnd.choice(OWNERS)}",
        "status: live",
        f"reviewed: 2026-{rnd.randint(1, 10):02d}-{rnd.randint(1, 28):02d}",
        "tags: [synthetic, benchmark]",
        "stages:",
    ]
    for s, phase in enumerate(PHASES):
        lines += [
            f"  - id: stage-{s}",
            f"    name: {phase.replace('-', ' ').capitalize()} stage",
            f"    phase: {phase}",
            "    goal: Understand the options and move on with confidence",
            f"    emotion: {rnd.randint(-2, 2)}",
            f"    owner: {rnd.choice(OWNERS)}",
            "    touchpoints:",
        ]
        for t in range(4):
            channel = rnd.choice(CHANNELS)
            lines += [
                f"      - id: tp-{s}-{t}",
                f"        name: Touchpoint {t} on {channel}",
                f"        channel: {channel}",
                f"        managed_by: {'third-party' if t == 3 else 'owned'}",
                f"        feedback: {'true' if t == 0 else 'false'}",
            ]
        lines += [
            "    pain_points:",
            "      - Too many options with unclear differences",
            "    opportunities:",
            "      - Publish a plain-language comparison guide",
            "    kpis:",
        ]
        for k in range(2):
            baseline = rnd.randint(10, 60)
            lines += [
                f"      - id: kpi-{s}-{k}",
                f"        name: Conversion rate {k}",
                '        unit: "%"',
                "        direction: increase",
                f"        baseline: {baseline}",
                f"        target: {baseline + rnd.randint(1, 20)}",
                "        source: Analytics dashboard",
            ]
    return "\n".join(lines) + "\n"


def generate(count: int, folder: Path) -> Path:
    """Write jcode.yaml and `count` journeys under folder/journeys; return folder."""
    journeys = folder / "journeys"
    journeys.mkdir(parents=True, exist_ok=True)
    (folder / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    for n in range(count):
        (journeys / f"journey-{n:05d}.yaml").write_text(journey(n), encoding="utf-8")
    return folder


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))

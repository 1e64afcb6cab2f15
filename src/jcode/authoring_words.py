"""The words of the files `jcode init` and `jcode new` write, as templates: the catalogs
translate them, and each file is written in the language of its site (`site.language`). The
files' structure is in templates/*.j2, the same for every language; the comments of jcode.yaml,
which explain its keys as the README does, are part of it.
"""

from __future__ import annotations

from typing import Final, Union

from jcode.i18n import Template

# A word, or a group of words by key, as the templates read them (`words.stages.find.name`).
Words = dict[str, Union[Template, "Words"]]

# `jcode init`: the placeholder owners and persona of jcode.yaml, the KPI units, and the
# example journey, stage by stage (each stage a part of the journey the example has a phase
# for; authoring._ROLES maps each built-in model's phases to them).
INIT: Final[Words] = {
    # The comments of jcode.yaml, .gitignore, .pre-commit-config.yaml and the workflow: each a
    # paragraph whose lines become comment lines as written (a translation breaks its own).
    "comments": {
        "config": Template(
            "init.comments.config",
            "jcode.yaml: the settings of every journey under journeys/ (written by `jcode init`).\n"
            "The jcode README explains each key; `jcode schema --config-schema` prints their "
            "schema.",
        ),
        "language": Template(
            "init.comments.language",
            "of the site's own words and Material's: any language Material for MkDocs has",
        ),
        "phases": Template(
            "init.comments.phases",
            "The phases a journey goes through: seven-stage, five-stage or four-stage, or a list "
            "of\nyour own, each {{id, name, moment}} with moment pre-purchase, purchase or "
            "post-purchase.",
        ),
        "review": Template(
            "init.comments.review", "A journey is stale this many days after its `reviewed` date."
        ),
        "owners": Template(
            "init.comments.owners",
            "The teams that answer for journeys, stages, touchpoints and KPIs. Placeholders: put "
            "your\nown, then run `jcode schema --project` so that editors offer them.",
        ),
        "personas": Template(
            "init.comments.personas", "The customers the journeys are about; a placeholder too."
        ),
        "rules": Template(
            "init.comments.rules",
            "A rule's severity can be changed, or the rule turned off, for example:",
        ),
        "gitignore": Template(
            "init.comments.gitignore", "The site `jcode build` makes: built in CI, never committed."
        ),
        "pre_commit": Template(
            "init.comments.pre-commit",
            "Lint the journeys before each commit: run `pre-commit install` once in each clone.",
        ),
        "workflow": Template(
            "init.comments.workflow",
            "Lint the journeys of every pull request and push to main with jcode's GitHub Action, "
            "and\nshow the findings in code scanning.",
        ),
        "workflow_on": Template(
            "init.comments.workflow-on", "quoted: YAML 1.1 readers take a bare `on` for true"
        ),
        "workflow_events": Template(
            "init.comments.workflow-events", "to upload the findings to code scanning"
        ),
        "workflow_actions": Template(
            "init.comments.workflow-actions",
            "the upload reads the workflow run, in a private repository",
        ),
        "workflow_action": Template("init.comments.workflow-action", "a release tag, or a commit"),
        "workflow_fail_on": Template("init.comments.workflow-fail-on", "or warning, or info"),
        "workflow_always": Template(
            "init.comments.workflow-always", "when lint fails too: then the findings matter most"
        ),
    },
    "owners": {
        "marketing": Template("init.owners.marketing", "Marketing"),
        "sales": Template("init.owners.sales", "Sales"),
        "customer_care": Template("init.owners.customer-care", "Customer care"),
    },
    "persona": {
        "name": Template("init.persona.name", "First-time buyer"),
        "description": Template(
            "init.persona.description", "Has never bought from us and compares us with other shops."
        ),
    },
    "units": {
        "visits": Template("init.units.visits", "visits"),
        "score": Template("init.units.score", "score"),
    },
    "example": {
        "comment": Template(
            "init.example.comment",
            "An example from `jcode init`: make it one of your journeys, or delete it once you "
            "have your own.",
        ),
        "title": Template("init.example.title", "A first order from our online shop"),
        "summary": Template(
            "init.example.summary",
            "A customer who has never bought from us finds the shop, compares, orders, receives "
            "the goods and comes back.",
        ),
    },
    "stages": {
        "find": {
            "name": Template("init.stages.find.name", "Finding the shop"),
            "goal": Template("init.stages.find.goal", "Find a shop that sells what they need"),
            "search_ads": Template("init.stages.find.search-ads", "Search ads"),
            "friend_tip": Template("init.stages.find.friend-tip", "A friend's recommendation"),
            "search_visits": Template("init.stages.find.search-visits", "Visits from search"),
            "web_analytics": Template("init.stages.find.web-analytics", "Web analytics"),
        },
        "compare": {
            "name": Template("init.stages.compare.name", "Comparing offers"),
            "goal": Template(
                "init.stages.compare.goal", "Choose the right product at the right price"
            ),
            "product_pages": Template("init.stages.compare.product-pages", "Product pages"),
            "reviews": Template("init.stages.compare.reviews", "Independent reviews"),
            "pain_point": Template(
                "init.stages.compare.pain-point", "Delivery costs appear only at checkout"
            ),
            "opportunity": Template(
                "init.stages.compare.opportunity", "Show delivery costs on every product page"
            ),
            "add_to_cart": Template("init.stages.compare.add-to-cart", "Add-to-cart rate"),
        },
        "buy": {
            "name": Template("init.stages.buy.name", "Placing the order"),
            "goal": Template("init.stages.buy.goal", "Pay and know when the order will arrive"),
            "checkout": Template("init.stages.buy.checkout", "Online checkout"),
            "live_chat": Template("init.stages.buy.live-chat", "Live chat"),
            "checkout_conversion": Template(
                "init.stages.buy.checkout-conversion", "Checkout conversion"
            ),
        },
        "receive": {
            "name": Template("init.stages.receive.name", "Delivery"),
            "goal": Template("init.stages.receive.goal", "Receive the order on time and undamaged"),
            "tracking_emails": Template(
                "init.stages.receive.tracking-emails", "Delivery tracking emails"
            ),
            "survey": Template("init.stages.receive.survey", "Satisfaction survey"),
            "csat": Template("init.stages.receive.csat", "Customer satisfaction"),
            "late_deliveries": Template("init.stages.receive.late-deliveries", "Late deliveries"),
        },
        "return": {
            "name": Template("init.stages.return.name", "Coming back"),
            "goal": Template("init.stages.return.goal", "Find a reason to order again"),
            "newsletter": Template("init.stages.return.newsletter", "Newsletter"),
            "repeat_orders": Template(
                "init.stages.return.repeat-orders", "Repeat orders within 12 months"
            ),
        },
        "recommend": {
            "name": Template("init.stages.recommend.name", "Recommending us"),
            "goal": Template("init.stages.recommend.goal", "Tell others about a good experience"),
            "review_request": Template(
                "init.stages.recommend.review-request", "Review request after 30 days"
            ),
            "nps": Template("init.stages.recommend.nps", "Net Promoter Score"),
        },
    },
}

# `jcode new`: what each TODO of the skeleton asks for. A list of the ids declared in
# jcode.yaml is {declared}, joined with ", ".
NEW: Final[dict[str, Template]] = {
    "header": Template(
        "init.new.header",
        "A new journey from `jcode new`: one stage per phase of the phase model '{phase_model}'.",
    ),
    "fill_in": Template(
        "init.new.fill-in",
        "Fill in each TODO; `jcode lint` warns until every stage lists its touchpoints.",
    ),
    "title": Template("init.new.title", "the journey as the customer would name it"),
    "summary": Template(
        "init.new.summary", "who the customer is and what they want, in a sentence or two"
    ),
    "owner": Template(
        "init.new.owner", "the team that answers for the journey, one of: {declared}"
    ),
    "owner_undeclared": Template(
        "init.new.owner-undeclared",
        "the team that answers for the journey (declare it under `owners` in jcode.yaml)",
    ),
    "persona": Template("init.new.persona", "who the journey is about, one of: {declared}"),
    "persona_undeclared": Template(
        "init.new.persona-undeclared",
        "who the journey is about (declare it under `personas` in jcode.yaml)",
    ),
    "stage_name": Template("init.new.stage-name", "the stage in the customer's words"),
    "goal": Template("init.new.goal", "what the customer wants to achieve in this stage"),
    "touchpoints": Template("init.new.touchpoints", "where the customer meets you here"),
    "touchpoints_example": Template(
        "init.new.touchpoints-example", "where the customer meets you here, for example:"
    ),
}

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

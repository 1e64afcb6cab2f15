"""The stakeholder site: journey pages generated as HTML, rendered by mkdocs-material.

Nothing is imported here: jcode.site.checks is imported before lint, and the modules that bring
mkdocs only when the site is built (jcode.app.build)."""

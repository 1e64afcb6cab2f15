"""`jcode serve`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from jcode import i18n
from jcode.cli.options import config_option, lang_option, paths_argument, today_option
from jcode.cli.output import error_line
from jcode.errors import ExitCode
from jcode.findings import severity_counts
from jcode.i18n import Template

BUILT = Template("cli.serve.built", "built in {seconds} s: {counts}")
SERVING = Template("cli.serve.serving", "Serving on {url} (Ctrl-C to stop)")
STOPPED = Template("cli.serve.stopped", "Stopped.")


@click.command("serve")
@paths_argument
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@config_option
@today_option()
@lang_option
def command(
    paths: tuple[Path, ...],
    port: int,
    open_browser: bool,
    config_file: Path | None,
    today: date | None,
) -> int:
    """Preview the site on http://127.0.0.1:PORT/, rebuilt when a journey changes.

    Nothing is written beside the journeys: the site lives in a temporary folder.
    """
    from jcode.app.serve import ServeRequest, serve_site  # mkdocs: only for this command
    from jcode.site.serve import BuildFailed, Built, Event, Serving, Stopped

    # Rebuilds report from the server's thread, which does not see the terminal's catalog.
    catalog = i18n.current.get()

    def say(event: Event) -> None:
        match event:
            case Built():
                counts = severity_counts(event.counts, catalog)
                line = catalog(BUILT, seconds=f"{event.seconds:.1f}", counts=counts)
            case BuildFailed():  # the last good site is still served
                line = error_line(event.error, catalog)
            case Serving():
                line = catalog(SERVING, url=event.url)
            case Stopped():
                line = catalog(STOPPED)
        click.echo(line, err=True)

    request = ServeRequest(paths, config_file, today, port=port, open_browser=open_browser)
    serve_site(request, say)
    return ExitCode.OK

"""`jcode import`: journeys that teams already keep elsewhere, read into journey files.

Spreadsheets (CSV as Excel, LibreOffice and `jcode export --format csv` write them) and Mermaid
`journey` diagrams (a .mmd file, or a fenced block of a Markdown file) are read into drafts
(jcode.importing.draft), which are written as journey YAML in the order and style of a
hand-written file (jcode.importing.writer). Nothing here writes a file: jcode.app.importing
decides where the journeys go, lints them and writes them, never over a file or a journey id.

What the source says is kept as it is: a value jcode cannot place (a phase that is not in the
project's model, an undeclared owner) is written unchanged for `jcode lint` to report; what the
source does not say is left out, or marked TODO where the format needs it.
"""

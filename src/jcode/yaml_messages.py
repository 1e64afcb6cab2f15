"""What the yaml-syntax and duplicate-key rules say: why a file's text is not readable YAML, in
jcode's words and in libyaml's.

libyaml's problems ("could not find expected ':'") and what it was doing ("while scanning a
quoted scalar") are fixed texts of its scanner, parser and reader: each known one is a phrase
here, so that it reads in the team's language too, its English the text libyaml writes. A text
libyaml writes that this table lacks (a newer libyaml) is passed on as it is.
"""

from __future__ import annotations

from typing import Any, Final

from jcode.i18n import ENGLISH, Arg, Message, Template

DUPLICATE_KEY: Final = Template(
    "duplicate-key", "key '{key}' is repeated; YAML keeps only the last value"
)

# The text never reached the parser.
UTF16: Final = Template("yaml-syntax.utf16", "the file is UTF-16; save it as UTF-8")
NOT_UTF8: Final = Template(
    "yaml-syntax.not-utf8", "the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8"
)
NOT_A_FILE: Final = Template("yaml-syntax.not-a-file", "not a regular file; cannot read it")
BROKEN_LINK: Final = Template(
    "yaml-syntax.broken-link", "the file is a symbolic link to '{target}', which does not exist"
)
UNREADABLE: Final = {
    "file": Template("yaml-syntax.unreadable-file", "cannot read the file: {reason}"),
    "folder": Template("yaml-syntax.unreadable-folder", "cannot read the folder: {reason}"),
}
TOO_BIG: Final = Template(
    "yaml-syntax.too-big", "the file is {size} MiB; journey files are limited to {limit} MiB"
)

# What jcode refuses to read or expand (jcode.yaml_events).
LONG_NUMBER: Final = Template(
    "yaml-syntax.long-number", "a number {length} characters long; put it in quotes if it is text"
)
UNSUPPORTED_TAG: Final = Template("yaml-syntax.unsupported-tag", "unsupported tag '{tag}'")
INVALID_SCALAR: Final = Template(
    "yaml-syntax.invalid-scalar", "'{value}' is not a valid {type} ({reason})"
)
COLLECTION_KEY: Final = Template("yaml-syntax.collection-key", "a mapping or list used as a key")
TOO_MANY_VALUES: Final = Template(
    "yaml-syntax.too-many-values",
    "more than {limit} values in one file: too large for a journey map",
)
TOO_DEEP: Final = Template("yaml-syntax.too-deep", "nesting deeper than {limit} levels")
TOO_MANY_ITEMS: Final = Template(
    "yaml-syntax.too-many-items", "more than {limit} items in one list or mapping"
)
DOCUMENTS: Final = Template(
    "yaml-syntax.documents", "more than one YAML document: a journey file holds one journey"
)
ALIAS_LOOP: Final = Template(
    "yaml-syntax.alias-loop", "alias '*{anchor}' refers to a value that contains it"
)
UNKNOWN_ALIAS: Final = Template("yaml-syntax.unknown-alias", "alias '*{anchor}' names no anchor")
ALIAS_BOMB: Final = Template(
    "yaml-syntax.alias-bomb",
    "aliases expand to more than {limit} values (an alias bomb?); refusing to expand them",
)
MERGE: Final = Template(
    "yaml-syntax.merge", "a merge key '<<' needs a mapping or a list of mappings"
)
ANCHOR_AGAIN: Final = Template(
    "yaml-syntax.anchor-again",
    "anchor '&{anchor}' is defined again (first on line {line}); give each anchor its own name",
)

# What libyaml found, whole or with what it was doing; then jcode's hint, where it has one.
LIBYAML: Final = Template("yaml-syntax.libyaml", "{problem}")
LIBYAML_CONTEXT: Final = Template("yaml-syntax.libyaml.context", "{problem} ({context})")
LIBYAML_CONTEXT_LINE: Final = Template(
    "yaml-syntax.libyaml.context-line", "{problem} ({context} at line {line})"
)
CHARACTER: Final = Template("yaml-syntax.character", "unacceptable character #x{code}: {reason}")
TAB: Final = Template(
    "yaml-syntax.tab",
    "a tab character where YAML expects indentation or a value; indent with spaces",
)
COLON_IN_TEXT: Final = Template(
    "yaml-syntax.colon-in-text",
    "{problem}; is there a ': ' inside the text? quote the text: {key}: {quoted}",
)
UNCLOSED: Final = Template(
    "yaml-syntax.unclosed",
    "{problem}; close the '{opener}' of line {line}, column {column} with '{closer}', "
    "separate its items with ',', or quote the text",
)
UNCLOSED_QUOTE: Final = Template(
    "yaml-syntax.unclosed-quote",
    "{problem}; the quote ({quote}) of line {line}, column {column} is never closed: "
    "end the text with {quote}",
)
_INVALID_YAML = Template("phrase.yaml.invalid", "invalid YAML")

# libyaml's problems (scanner.c, parser.c), by their text.
PROBLEMS: Final = {
    ENGLISH(t): t  # the text libyaml writes (`}}` is a brace)
    for t in (
        Template(
            "phrase.yaml.block-entry", "block sequence entries are not allowed in this context"
        ),
        Template("phrase.yaml.mapping-key", "mapping keys are not allowed in this context"),
        Template("phrase.yaml.mapping-value", "mapping values are not allowed in this context"),
        Template("phrase.yaml.expected-colon", "could not find expected ':'"),
        Template("phrase.yaml.expected-directive", "could not find expected directive name"),
        Template("phrase.yaml.expected-uri-octet", "did not find URI escaped octet"),
        Template("phrase.yaml.expected-exclamation", "did not find expected '!'"),
        Template("phrase.yaml.expected-sequence-end", "did not find expected ',' or ']'"),
        Template("phrase.yaml.expected-mapping-end", "did not find expected ',' or '}}'"),
        Template("phrase.yaml.expected-dash", "did not find expected '-' indicator"),
        Template("phrase.yaml.expected-document", "did not find expected <document start>"),
        Template("phrase.yaml.expected-stream", "did not find expected <stream-start>"),
        Template(
            "phrase.yaml.expected-alphanumeric",
            "did not find expected alphabetic or numeric character",
        ),
        Template("phrase.yaml.expected-comment", "did not find expected comment or line break"),
        Template("phrase.yaml.expected-digit", "did not find expected digit or '.' character"),
        Template("phrase.yaml.expected-hex", "did not find expected hexdecimal number"),
        Template("phrase.yaml.expected-key", "did not find expected key"),
        Template("phrase.yaml.expected-node", "did not find expected node content"),
        Template("phrase.yaml.expected-tag-uri", "did not find expected tag URI"),
        Template("phrase.yaml.expected-version", "did not find expected version number"),
        Template("phrase.yaml.expected-whitespace", "did not find expected whitespace"),
        Template(
            "phrase.yaml.expected-whitespace-or-break",
            "did not find expected whitespace or line break",
        ),
        Template("phrase.yaml.expected-angle", "did not find the expected '>'"),
        Template("phrase.yaml.nesting-depth", "exceeded maximum nesting depth"),
        Template("phrase.yaml.tab-indentation", "found a tab character that violates indentation"),
        Template(
            "phrase.yaml.tab-for-space",
            "found a tab character where an indentation space is expected",
        ),
        Template("phrase.yaml.leading-octet", "found an incorrect leading UTF-8 octet"),
        Template("phrase.yaml.trailing-octet", "found an incorrect trailing UTF-8 octet"),
        Template("phrase.yaml.zero-indentation", "found an indentation indicator equal to 0"),
        Template("phrase.yaml.token-start", "found character that cannot start any token"),
        Template("phrase.yaml.duplicate-tag", "found duplicate %TAG directive"),
        Template("phrase.yaml.duplicate-yaml", "found duplicate %YAML directive"),
        Template("phrase.yaml.long-version", "found extremely long version number"),
        Template("phrase.yaml.incompatible", "found incompatible YAML document"),
        Template("phrase.yaml.unicode-escape", "found invalid Unicode character escape code"),
        Template("phrase.yaml.undefined-handle", "found undefined tag handle"),
        Template("phrase.yaml.unexpected-colon", "found unexpected ':'"),
        Template("phrase.yaml.document-indicator", "found unexpected document indicator"),
        Template("phrase.yaml.end-of-stream", "found unexpected end of stream"),
        Template("phrase.yaml.non-alphabetical", "found unexpected non-alphabetical character"),
        Template("phrase.yaml.unknown-directive", "found unknown directive name"),
        Template("phrase.yaml.unknown-escape", "found unknown escape character"),
    )
}
# What libyaml was doing when it stopped.
CONTEXTS: Final = {
    ENGLISH(t): t
    for t in (
        Template("phrase.yaml.while.block-level", "while increasing block level"),
        Template("phrase.yaml.while.flow-level", "while increasing flow level"),
        Template("phrase.yaml.while.block-collection", "while parsing a block collection"),
        Template("phrase.yaml.while.block-mapping", "while parsing a block mapping"),
        Template("phrase.yaml.while.block-node", "while parsing a block node"),
        Template("phrase.yaml.while.flow-mapping", "while parsing a flow mapping"),
        Template("phrase.yaml.while.flow-node", "while parsing a flow node"),
        Template("phrase.yaml.while.flow-sequence", "while parsing a flow sequence"),
        Template("phrase.yaml.while.node", "while parsing a node"),
        Template("phrase.yaml.while.parsing-quoted", "while parsing a quoted scalar"),
        Template("phrase.yaml.while.parsing-tag", "while parsing a tag"),
        Template("phrase.yaml.while.parsing-tag-directive", "while parsing a tag directive"),
        Template("phrase.yaml.while.parsing-tag-directive-name", "while parsing a %TAG directive"),
        Template("phrase.yaml.while.tag-directive", "while scanning a %TAG directive"),
        Template("phrase.yaml.while.yaml-directive", "while scanning a %YAML directive"),
        Template("phrase.yaml.while.block-scalar", "while scanning a block scalar"),
        Template("phrase.yaml.while.directive", "while scanning a directive"),
        Template("phrase.yaml.while.plain-scalar", "while scanning a plain scalar"),
        Template("phrase.yaml.while.quoted-scalar", "while scanning a quoted scalar"),
        Template("phrase.yaml.while.simple-key", "while scanning a simple key"),
        Template("phrase.yaml.while.tag", "while scanning a tag"),
        Template("phrase.yaml.while.scanning-tag-directive", "while scanning a tag directive"),
        Template("phrase.yaml.while.alias", "while scanning an alias"),
        Template("phrase.yaml.while.anchor", "while scanning an anchor"),
        Template("phrase.yaml.while.next-token", "while scanning for the next token"),
    )
}
# Why libyaml's reader refused a character (reader.c).
READER_REASONS: Final = {
    ENGLISH(t): t
    for t in (
        Template("phrase.yaml.control-characters", "control characters are not allowed"),
        Template("phrase.yaml.input-too-long", "input is too long"),
        Template("phrase.yaml.leading-utf8", "invalid leading UTF-8 octet"),
        Template("phrase.yaml.incomplete-utf8", "incomplete UTF-8 octet sequence"),
        Template("phrase.yaml.trailing-utf8", "invalid trailing UTF-8 octet"),
        Template("phrase.yaml.utf8-length", "invalid length of a UTF-8 sequence"),
        Template("phrase.yaml.invalid-unicode", "invalid Unicode character"),
        Template("phrase.yaml.incomplete-utf16", "incomplete UTF-16 character"),
        Template("phrase.yaml.low-surrogate", "unexpected low surrogate area"),
        Template("phrase.yaml.surrogate-pair", "incomplete UTF-16 surrogate pair"),
        Template("phrase.yaml.expected-low-surrogate", "expected low surrogate area"),
    )
}


def _known(table: dict[str, Template], text: str) -> Arg:
    """libyaml's text as a phrase of ours when we know it, else as libyaml wrote it."""
    template = table.get(text)
    return text if template is None else template()


def parser_problem(problem: str | None, context: str | None, line: int | None) -> Message:
    """What libyaml's scanner or parser found, and what it was doing (since `line`, when that
    is not where it stopped)."""
    found = _known(PROBLEMS, problem) if problem else _INVALID_YAML()
    if not context:
        return LIBYAML(problem=found)
    doing = _known(CONTEXTS, context)
    if line is None:
        return LIBYAML_CONTEXT(problem=found, context=doing)
    return LIBYAML_CONTEXT_LINE(problem=found, context=doing, line=line)


def reader_problem(exc: Any, said: str) -> Message:
    """A character libyaml's reader refused (`said` is the first line of its error): in our
    words when its parts give the same text, else as it wrote it."""
    character, reason = getattr(exc, "character", None), getattr(exc, "reason", None)
    if isinstance(character, int) and isinstance(reason, str):
        message = CHARACTER(code=f"{character:04x}", reason=_known(READER_REASONS, reason))
        if message.text == said:
            return message
    return LIBYAML(problem=said)

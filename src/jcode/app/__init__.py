"""The use cases, one module per command: a request in, data out. Nothing here prints or
exits; the CLI (jcode.cli) turns what a use case returns into output and an exit code. What
the user can fix is a JcodeError."""

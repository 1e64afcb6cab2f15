from __future__ import annotations

from jcode.cli import main

raise SystemExit(main())

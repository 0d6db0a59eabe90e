"""`python -m nlalert` is the `nlalert` command."""

from nlalert.cli import main

raise SystemExit(main())

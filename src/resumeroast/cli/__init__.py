"""The `resumeroast` command (typer + rich)."""

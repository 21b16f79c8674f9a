"""docs/operations.md, "Migrations: expand/contract": a migration's upgrade() only adds, so the
release before it still runs on the new schema during a rolling update. A step that drops or
renames (the contract) ships a release later and is listed by its revision in that section.
"""

from __future__ import annotations

import ast

from tests.unit.deploy.deploy_files import ROOT

VERSIONS = ROOT / "src" / "resumeroast" / "adapters" / "db" / "migrations" / "versions"
OPERATIONS_DOC = ROOT / "docs" / "operations.md"
DESTRUCTIVE_OPS = {"drop_table", "drop_column", "rename_table", "drop_constraint"}
DESTRUCTIVE_SQL = ("DROP ", "RENAME ", "ALTER COLUMN")


def destructive_steps(source: str) -> list[str]:
    """What upgrade() does that the previous release's code could trip over."""
    found: list[str] = []
    for function in ast.walk(ast.parse(source)):
        if not (isinstance(function, ast.FunctionDef) and function.name == "upgrade"):
            continue
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            keywords = {k.arg for k in node.keywords}
            if name in DESTRUCTIVE_OPS or (
                name == "alter_column" and "new_column_name" in keywords
            ):
                found.append(name)
            elif name == "execute":
                text = " ".join(
                    str(c.value).upper()
                    for c in ast.walk(node)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                )
                found += [f"execute {word.strip()}" for word in DESTRUCTIVE_SQL if word in text]
    return found


def documented_contract_steps() -> set[str]:
    """The revision numbers in the first column of the section's table."""
    section = OPERATIONS_DOC.read_text().split("### Migrations: expand/contract", 1)[1]
    section = section.split("\n#", 1)[0]
    rows = (line.split("|")[1].strip() for line in section.splitlines() if line.startswith("|"))
    return {row for row in rows if row.isdigit()}


def test_every_migration_only_adds_or_is_a_documented_contract_step() -> None:
    documented = documented_contract_steps()
    offending = {
        path.name: steps
        for path in sorted(VERSIONS.glob("*.py"))
        if (steps := destructive_steps(path.read_text()))
        and path.stem.split("_", 1)[0] not in documented
    }
    assert offending == {}, f"drop/rename in the same release, not documented: {offending}"


def test_the_check_sees_drops_and_renames_in_upgrade_but_not_in_downgrade() -> None:
    """Without this the check above could pass by seeing nothing."""
    source = """
def upgrade():
    op.add_column("jobs", sa.Column("x", sa.Integer()))
    op.drop_column("jobs", "y")
    op.alter_column("jobs", "a", new_column_name="b")
    op.execute("ALTER TABLE jobs RENAME TO work")

def downgrade():
    op.drop_table("jobs")
"""
    assert destructive_steps(source) == ["drop_column", "alter_column", "execute RENAME"]
    assert destructive_steps("def upgrade():\n    op.create_index('i', 'jobs', ['a'])\n") == []

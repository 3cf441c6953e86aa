# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer's acceptance of an estimate is stored as "accepted", no longer "approved"
(issue 15): "approved" belongs to the internal approvals only (approval_state, the approval
engine's reviews), which this migration leaves alone.

Converted before the registry loads the new selection: the repairs' acceptance state, the
selection rows of the field and of the acceptance wizard's decision (renamed in place, so their
labels' translations and xmlids stay), pending acceptance wizards, and what names the field with
the old key: saved filters and favourites, window actions, user defaults and the stored arch of
repair.order views. Tracking values need nothing: Odoo tracks a selection by its label ("Accepted
by Customer"), which is unchanged."""

import json
import re

from psycopg2 import sql
from psycopg2.extras import Json

FIELD = "customer_acceptance_state"
OLD = "approved"
NEW = "accepted"
MODULE = "aftersales_repair"
# (model, field, table, xmlid model part): the selections whose key "approved" becomes "accepted"
SELECTIONS = [
    ("repair.order", FIELD, "repair_order", "repair_order"),
    (
        "aftersales.repair.acceptance.wizard",
        "decision",
        "aftersales_repair_acceptance_wizard",
        "aftersales_repair_acceptance_wizard",
    ),
]

_QUOTED_OLD = re.compile(r"""(['"])approved\1""")
_VALUE = r"""(?:'[^']*'|"[^"]*"|\[[^\]]*\]|\([^)]*\))"""
# a domain leaf on the field: ('customer_acceptance_state', '=', 'approved'), 'in' [...]...
_LEAF = re.compile(
    r"""(?P<head>(['"])"""
    + FIELD
    + r"""\2\s*,\s*(['"])[^'"]*\3\s*,\s*)(?P<value>"""
    + _VALUE
    + ")"
)
# an expression on the field: customer_acceptance_state == 'approved', (.raw_value) in (...)
_EXPR = re.compile(
    r"(?P<head>\b"
    + FIELD
    + r"(?:\.raw_value)?\s*(?:==|!=|not\s+in|in)\s*)(?P<value>"
    + _VALUE
    + ")"
)
# a context or default value: {'default_customer_acceptance_state': 'approved'}
_KEY = re.compile(
    r"""(?P<head>(['"])(?:default_)?""" + FIELD + r"""\2\s*:\s*)(?P<value>""" + _VALUE + ")"
)


def _rename_values(match):
    return match.group("head") + _QUOTED_OLD.sub(r"\1" + NEW + r"\1", match.group("value"))


def convert_text(text):
    """`text` (a domain, context, condition or arch) with the old key of the field renamed
    wherever it is compared with the field; any other "approved" (approval_state...) stays."""
    if not text or FIELD not in text:
        return text
    for pattern in (_LEAF, _EXPR, _KEY):
        text = pattern.sub(_rename_values, text)
    return text


def _table_exists(cr, table):
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = %s", (table,))
    return bool(cr.fetchone())


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.fetchone())


def _convert_selection(cr, model, field, table, xml_model):
    cr.execute("SELECT id FROM ir_model_fields WHERE model = %s AND name = %s", (model, field))
    row = cr.fetchone()
    if row:
        field_id = row[0]
        cr.execute(
            """
            UPDATE ir_model_fields_selection SET value = %s
             WHERE field_id = %s AND value = %s
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_fields_selection WHERE field_id = %s AND value = %s)
            """,
            (NEW, field_id, OLD, field_id, NEW),
        )
        prefix = f"selection__{xml_model}__{field}__"
        cr.execute(
            """
            UPDATE ir_model_data SET name = %s
             WHERE module = %s AND model = 'ir.model.fields.selection' AND name = %s
               AND NOT EXISTS (SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s)
            """,
            (prefix + NEW, MODULE, prefix + OLD, MODULE, prefix + NEW),
        )
        # user defaults of the field (ir.default stores the value as JSON)
        cr.execute(
            "UPDATE ir_default SET json_value = %s WHERE field_id = %s AND json_value = %s",
            (json.dumps(NEW), field_id, json.dumps(OLD)),
        )
    if _column_exists(cr, table, field):
        cr.execute(
            sql.SQL("UPDATE {table} SET {field} = %s WHERE {field} = %s").format(
                table=sql.Identifier(table), field=sql.Identifier(field)
            ),
            (NEW, OLD),
        )


def _convert_rows(cr, table, model_column, columns):
    """Convert the text columns (domain, context) of the rows of `table` on repair.order that
    name the field."""
    like = "%" + FIELD + "%"
    cr.execute(
        sql.SQL("SELECT id, {columns} FROM {table} WHERE {model} = %s AND ({names})").format(
            columns=sql.SQL(", ").join(map(sql.Identifier, columns)),
            table=sql.Identifier(table),
            model=sql.Identifier(model_column),
            names=sql.SQL(" OR ").join(
                sql.SQL("{} LIKE %s").format(sql.Identifier(column)) for column in columns
            ),
        ),
        ["repair.order"] + [like] * len(columns),
    )
    for row_id, *texts in cr.fetchall():
        changed = {
            column: convert_text(text)
            for column, text in zip(columns, texts, strict=True)
            if convert_text(text) != text
        }
        if changed:
            cr.execute(
                sql.SQL("UPDATE {table} SET {assignments} WHERE id = %s").format(
                    table=sql.Identifier(table),
                    assignments=sql.SQL(", ").join(
                        sql.SQL("{} = %s").format(sql.Identifier(column)) for column in changed
                    ),
                ),
                [*changed.values(), row_id],
            )


def _convert_views(cr):
    """The stored arch (jsonb, one text per language) of repair.order views."""
    cr.execute(
        "SELECT id, arch_db FROM ir_ui_view "
        "WHERE model = 'repair.order' AND arch_db::text LIKE %s",
        ("%" + FIELD + "%",),
    )
    for view_id, arch in cr.fetchall():
        new_arch = {lang: convert_text(text) for lang, text in (arch or {}).items()}
        if new_arch != arch:
            cr.execute(
                "UPDATE ir_ui_view SET arch_db = %s WHERE id = %s", (Json(new_arch), view_id)
            )


def migrate(cr, version):
    if not version:
        return
    for model, field, table, xml_model in SELECTIONS:
        if _table_exists(cr, table):
            _convert_selection(cr, model, field, table, xml_model)
    # saved filters and favourites, window actions (users' own ones too)
    _convert_rows(cr, "ir_filters", "model_id", ["domain", "context"])
    _convert_rows(cr, "ir_act_window", "res_model", ["domain", "context"])
    _convert_views(cr)

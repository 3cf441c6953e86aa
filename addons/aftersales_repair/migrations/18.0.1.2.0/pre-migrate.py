# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer's side of the estimate is named acceptance (issue 15): "approval" means the
internal approvals only. Existing data keeps its values and its chatter history: the columns and
the field definitions (which tracking values point to) are renamed, not created anew; the record
wizard (transient: its table is dropped and recreated) and the xmlids follow."""

from psycopg2 import sql

# repair.order: old field -> new field (stored ones have a column)
REPAIR_FIELDS = [
    ("customer_approval_state", "customer_acceptance_state"),
    ("customer_approved_by", "customer_accepted_by"),
    ("customer_approval_date", "customer_acceptance_date"),
    ("customer_approval_method", "customer_acceptance_method"),
    ("customer_approval_recorded_by_id", "customer_acceptance_recorded_by_id"),
    ("approved_amount", "accepted_amount"),
    ("can_record_customer_approval", "can_record_customer_acceptance"),
]
OLD_WIZARD = "aftersales.repair.approval.wizard"
NEW_WIZARD = "aftersales.repair.acceptance.wizard"
OLD_WIZARD_XMLID = "aftersales_repair_approval_wizard"
NEW_WIZARD_XMLID = "aftersales_repair_acceptance_wizard"
WIZARD_FIELDS = [("approved_by", "accepted_by"), ("approval_date", "acceptance_date")]
# other xmlids of the module: old -> new
XMLIDS = [
    ("model_" + OLD_WIZARD_XMLID, "model_" + NEW_WIZARD_XMLID),
    (OLD_WIZARD_XMLID + "_view_form", NEW_WIZARD_XMLID + "_view_form"),
    ("access_" + OLD_WIZARD_XMLID + "_user", "access_" + NEW_WIZARD_XMLID + "_user"),
]
MODULE = "aftersales_repair"
# names in the stored arch of repair.order views (views inheriting the form are validated against
# the new form before they are reloaded themselves; customised views follow too)
ARCH_NAMES = [
    ("action_record_customer_approval", "action_record_customer_acceptance"),
] + [(old, new) for old, new in REPAIR_FIELDS if old != "approved_amount"]


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.fetchone())


def _rename_xmlid(cr, old, new):
    cr.execute(
        """
        UPDATE ir_model_data SET name = %s
         WHERE module = %s AND name = %s
           AND NOT EXISTS (SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s)
        """,
        (new, MODULE, old, MODULE, new),
    )


def _rename_field(cr, model, xml_model, old, new):
    cr.execute(
        "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
        (new, model, old),
    )
    _rename_xmlid(cr, f"field_{xml_model}__{old}", f"field_{xml_model}__{new}")
    prefix = f"selection__{xml_model}__{old}__"
    cr.execute(
        """
        UPDATE ir_model_data
           SET name = %s || substr(name, %s)
         WHERE module = %s AND model = 'ir.model.fields.selection' AND name LIKE %s
        """,
        (f"selection__{xml_model}__{new}__", len(prefix) + 1, MODULE, prefix + "%"),
    )


def _rename_repair_fields(cr):
    for old, new in REPAIR_FIELDS:
        if _column_exists(cr, "repair_order", old) and not _column_exists(cr, "repair_order", new):
            cr.execute(
                sql.SQL("ALTER TABLE repair_order RENAME COLUMN {} TO {}").format(
                    sql.Identifier(old), sql.Identifier(new)
                )
            )
        _rename_field(cr, "repair.order", "repair_order", old, new)
        # saved filters and favourites that name the field
        cr.execute(
            """
            UPDATE ir_filters
               SET domain = replace(domain, %s, %s),
                   context = replace(context, %s, %s),
                   sort = replace(sort, %s, %s)
             WHERE model_id = 'repair.order'
            """,
            (old, new, old, new, old, new),
        )


def _rename_in_views(cr):
    for old, new in ARCH_NAMES:
        cr.execute(
            """
            UPDATE ir_ui_view
               SET arch_db = replace(arch_db::text, %s, %s)::jsonb
             WHERE model = 'repair.order' AND arch_db::text LIKE %s
            """,
            (old, new, "%" + old + "%"),
        )


def _rename_wizard(cr):
    cr.execute("SELECT id FROM ir_model WHERE model = %s", (OLD_WIZARD,))
    row = cr.fetchone()
    if not row:
        return
    model_id = row[0]
    # transient records are thrown away: drop the table and its many2many tables, Odoo
    # creates them again under the new name
    cr.execute("SELECT name FROM ir_model_relation WHERE model = %s", (model_id,))
    for (table,) in cr.fetchall():
        cr.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(table)))
    cr.execute("DELETE FROM ir_model_relation WHERE model = %s", (model_id,))
    cr.execute("DELETE FROM ir_model_constraint WHERE model = %s", (model_id,))
    cr.execute(
        sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(OLD_WIZARD.replace(".", "_")))
    )
    cr.execute("UPDATE ir_model SET model = %s WHERE id = %s", (NEW_WIZARD, model_id))
    cr.execute("UPDATE ir_model_fields SET model = %s WHERE model = %s", (NEW_WIZARD, OLD_WIZARD))
    cr.execute(
        "UPDATE ir_model_fields SET relation = %s WHERE relation = %s", (NEW_WIZARD, OLD_WIZARD)
    )
    cr.execute(
        "UPDATE ir_model_fields SET relation_table = NULL "
        "WHERE model = %s AND ttype = 'many2many'",
        (NEW_WIZARD,),
    )
    cr.execute("UPDATE ir_ui_view SET model = %s WHERE model = %s", (NEW_WIZARD, OLD_WIZARD))
    cr.execute("UPDATE ir_model_data SET model = %s WHERE model = %s", (NEW_WIZARD, OLD_WIZARD))
    # the field xmlids of the wizard, then its two renamed fields
    old_prefix = f"field_{OLD_WIZARD_XMLID}__"
    cr.execute(
        """
        UPDATE ir_model_data
           SET name = %s || substr(name, %s)
         WHERE module = %s AND model = 'ir.model.fields' AND name LIKE %s
        """,
        (f"field_{NEW_WIZARD_XMLID}__", len(old_prefix) + 1, MODULE, old_prefix + "%"),
    )
    old_prefix = f"selection__{OLD_WIZARD_XMLID}__"
    cr.execute(
        """
        UPDATE ir_model_data
           SET name = %s || substr(name, %s)
         WHERE module = %s AND model = 'ir.model.fields.selection' AND name LIKE %s
        """,
        (f"selection__{NEW_WIZARD_XMLID}__", len(old_prefix) + 1, MODULE, old_prefix + "%"),
    )
    for old, new in WIZARD_FIELDS:
        _rename_field(cr, NEW_WIZARD, NEW_WIZARD_XMLID, old, new)


def migrate(cr, version):
    if not version:
        return
    _rename_repair_fields(cr)
    _rename_in_views(cr)
    _rename_wizard(cr)
    for old, new in XMLIDS:
        _rename_xmlid(cr, old, new)

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: the product-category filter of the repair approval rules becomes their condition
(a domain on the repair, evaluated by aftersales_approval). A part-type filter never matched a
repair (repairs have no part type): such a rule keeps never applying."""

from odoo.addons.aftersales_approval.hooks import add_rule_condition, old_rule_filters


def migrate(cr, version):
    if not version:
        return
    for rule_id, (categ_ids, part_type) in old_rule_filters(
        cr, ["repair_price", "repair_waiver"]
    ).items():
        if categ_ids:
            add_rule_condition(
                cr,
                rule_id,
                [
                    "|",
                    ("product_id.categ_id", "child_of", categ_ids),
                    ("move_ids.product_id.categ_id", "child_of", categ_ids),
                ],
            )
        if part_type:
            add_rule_condition(cr, rule_id, [("id", "=", 0)])

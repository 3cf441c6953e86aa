# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: the product-category and part-type filters of the part-request approval rules
become their condition (a domain on the part request, evaluated by aftersales_approval)."""

from odoo.addons.aftersales_approval.hooks import add_rule_condition, old_rule_filters


def migrate(cr, version):
    if not version:
        return
    for rule_id, (categ_ids, part_type) in old_rule_filters(
        cr, ["warranty_part", "non_standard_part", "emergency_purchase"]
    ).items():
        if categ_ids:
            add_rule_condition(
                cr, rule_id, [("line_ids.product_id.categ_id", "child_of", categ_ids)]
            )
        if part_type:
            add_rule_condition(cr, rule_id, [("part_type", "=", part_type)])

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo.tests import tagged

from .repair_common import RepairDeskCommon
from .test_approval import ApprovalCommon


@tagged("post_install", "-at_install")
class TestFlowBatching(RepairDeskCommon):
    """The batched lookups of the repair flow give what the per-repair lookups give."""

    def test_repeat_repair_batch_matches_per_repair(self):
        lot_a = self._create_serial("SN-BATCH-A")
        lot_b = self._create_serial("SN-BATCH-B")
        self._create_repair(lot=lot_a, intake_date=datetime(2026, 1, 10, 9, 0))
        self._create_repair(lot=lot_b, intake_date=datetime(2025, 6, 1, 9, 0))
        self.company.aftersales_repeat_repair_days = 90
        repairs = self.env["repair.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "product_id": self.product_unit.id,
                    "lot_id": lot.id,
                    "user_id": self.technician.id,
                    "intake_date": when,
                }
                for lot, when in (
                    (lot_a, datetime(2026, 4, 9, 9, 0)),  # 89 days later: repeat
                    (lot_a, datetime(2026, 4, 11, 9, 0)),  # 91 days: repeat of the 89-day one
                    (lot_b, datetime(2026, 4, 9, 9, 0)),  # 10 months later: not a repeat
                )
            ]
        )
        self.assertEqual(repairs.mapped("is_repeat_repair"), [True, True, False])
        earlier = repairs._aftersales_earlier_repairs_batch()
        for repair in repairs:
            self.assertEqual(earlier[repair], repair._aftersales_earlier_repairs())
            self.assertEqual(repair.is_repeat_repair, bool(repair._aftersales_earlier_repairs()))

    def test_delivery_lines_batch_matches_per_repair(self):
        repairs = self._create_repair() | self._create_repair()
        deliveries = repairs._aftersales_find_delivery_lines()
        for repair in repairs:
            self.assertEqual(deliveries[repair.lot_id], repair._aftersales_find_delivery_line())


@tagged("post_install", "-at_install")
class TestApprovalRuleCache(ApprovalCommon):
    """The applicable rules are cached per company and document type; creating, archiving or
    changing a rule applies at once."""

    def test_rule_changes_apply_at_once(self):
        before = self.Rule._get_applicable_rules("repair_price", 123456789.0, self.company)
        rule = self.Rule.create(
            {
                "name": "Test huge repairs",
                "document_type": "repair_price",
                "company_id": self.company.id,
                "amount_from": 100000000.0,
                "no_upper_limit": True,
                "step_ids": [
                    (0, 0, {"group_id": self.env.ref("base.group_system").id, "sequence": 10})
                ],
            }
        )
        after = self.Rule._get_applicable_rules("repair_price", 123456789.0, self.company)
        self.assertEqual(after, before | rule)
        rule.active = False
        self.assertEqual(
            self.Rule._get_applicable_rules("repair_price", 123456789.0, self.company), before
        )
        rule.active = True
        rule.document_type = "repair_waiver"
        self.assertEqual(
            self.Rule._get_applicable_rules("repair_price", 123456789.0, self.company), before
        )
        rule.unlink()
        self.assertFalse(
            self.Rule._get_applicable_rules("repair_waiver", 123456789.0, self.company).filtered(
                lambda r: r.amount_from == 100000000.0
            )
        )

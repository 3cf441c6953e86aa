# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 17 point 4: the repair form fits its state and its reader."""

import re

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .workshop_common import WorkshopCommon

MAX_HEADER_BUTTONS = 4


@tagged("post_install", "-at_install")
class TestRepairFormHeader(WorkshopCommon):
    def _header_buttons(self, repair, user):
        """The labels of the header buttons ``user`` sees on ``repair`` (Odoo's own evaluation
        of the ``invisible`` expressions, on the record's values)."""
        arch = etree.fromstring(
            self.env["repair.order"].with_user(user).get_view(view_type="form")["arch"]
        )
        buttons = arch.xpath("//header/button")
        Repair = self.env["repair.order"]
        names = set()
        for button in buttons:
            names |= set(re.findall(r"[a-z_][a-z0-9_]*", button.get("invisible") or ""))
        names &= set(Repair._fields)
        [values] = repair.sudo().read(sorted(names))
        for name, value in values.items():
            if isinstance(value, tuple):
                values[name] = value[0]
        values.update({"uid": user.id, "context": {}, "id": repair.id})
        return [
            button.get("string") or button.get("name")
            for button in buttons
            if not safe_eval(button.get("invisible") or "False", values)
        ]

    def _states(self):
        """A repair in each step of the workflow."""
        paid = self._create_repair(category="paid", hours=1.0)
        free = self._create_repair()
        confirmed = self._create_repair()
        confirmed.action_validate()
        under_repair = self._start(self._create_repair())
        inspection = self._to_inspection(self._create_repair())
        done = self._to_done(self._create_repair())
        handed = self._to_done(self._create_repair())
        self._tick_checklist(handed)
        handed.action_handover()
        cancelled = self._create_repair()
        cancelled.action_repair_cancel()
        return {
            "draft (paid, to quote)": paid,
            "draft (free)": free,
            "confirmed": confirmed,
            "under repair": under_repair,
            "inspection": inspection,
            "done": done,
            "handed over": handed,
            "cancelled": cancelled,
        }

    def test_at_most_four_header_buttons_in_any_state(self):
        states = self._states()
        too_many = {}
        for user in (self.frontdesk, self.technician, self.inspector, self.manager):
            for label, repair in states.items():
                shown = self._header_buttons(repair, user)
                if len(shown) > MAX_HEADER_BUTTONS:
                    too_many[(user.login, label)] = shown
        self.assertFalse(too_many, "header buttons above four: %s" % too_many)
        # the next step of each state stays on the form
        self.assertIn(
            "Confirm Repair", self._header_buttons(states["draft (free)"], self.frontdesk)
        )
        self.assertIn("Start Repair", self._header_buttons(states["confirmed"], self.technician))
        self.assertIn(
            "Pass Inspection", self._header_buttons(states["inspection"], self.inspector)
        )
        self.assertIn("Hand Over & Close", self._header_buttons(states["done"], self.frontdesk))

    def test_no_customer_acceptance_badge_on_a_blank_draft(self):
        arch = etree.fromstring(
            self.env["repair.order"].with_user(self.frontdesk).get_view(view_type="form")["arch"]
        )
        [badge] = arch.xpath("//field[@name='customer_acceptance_state'][@widget='badge']")
        blank = self._create_repair(parts=[], category="paid")
        self.assertEqual(blank.customer_acceptance_state, "pending")
        values = {"customer_acceptance_state": "pending", "move_ids": [], "labour_ids": []}
        self.assertTrue(safe_eval(badge.get("invisible"), values))
        values["move_ids"] = [1]
        self.assertFalse(safe_eval(badge.get("invisible"), values))

    def test_warning_says_which_approval_an_edit_resets(self):
        repair = self._create_repair(category="paid", hours=1.0)
        self.assertIsNone(repair._onchange_lines_warn_approval_reset())
        repair.customer_acceptance_state = "accepted"
        warning = repair._onchange_lines_warn_approval_reset()["warning"]
        self.assertIn("customer's acceptance of the estimate", warning["message"])
        self.assertIn(repair.name, warning["message"])
        if repair.approval_state == "approved":
            self.assertIn("service price approval", warning["message"])
        repair.action_repair_cancel()
        self.assertIsNone(repair._onchange_lines_warn_approval_reset())

    def test_cash_collected_above_charge_is_flagged(self):
        repair = self._create_repair()  # free of charge
        self.env["aftersales.repair.collection"].create(
            {"repair_id": repair.id, "amount": 4200.0, "name": "R-OVER-1", "method": "cash"}
        )
        self.assertEqual(repair.amount_charged, 0.0)
        self.assertEqual(repair.amount_over_collected, 4200.0)
        paid = self._create_repair(category="paid", hours=2.0)  # 4,200.00 + 2 h x 65.00
        self.env["aftersales.repair.collection"].create(
            {"repair_id": paid.id, "amount": 4330.0, "name": "R-OVER-2", "method": "card"}
        )
        self.assertEqual(paid.amount_over_collected, 0.0)
        flagged = self.env["repair.order"].search(
            [("amount_over_collected", ">", 0), ("id", "in", (repair | paid).ids)]
        )
        self.assertEqual(flagged, repair)

    def test_tabs_merged_by_what_a_role_reads_together(self):
        arch = etree.fromstring(
            self.env["repair.order"].with_user(self.frontdesk).get_view(view_type="form")["arch"]
        )
        shown = [
            page.get("string")
            for page in arch.xpath("//sheet/notebook/page")
            if page.get("invisible") not in ("True", "1")
        ]
        for merged in (
            "Intake & Diagnosis",
            "Parts & Labour",
            "Acceptance & Approval",
            "Workshop",
            "Billing",
        ):
            self.assertIn(merged, shown)
        self.assertLessEqual(len(shown), 10, shown)
        # the moved content is on the merged pages
        [intake] = arch.xpath("//page[@name='aftersales_intake']")
        self.assertTrue(intake.xpath(".//field[@name='diagnosis_notes']"))
        [parts] = arch.xpath("//page[@name='parts']")
        self.assertTrue(parts.xpath(".//field[@name='labour_ids']"))
        [workshop] = arch.xpath("//page[@name='aftersales_handover']")
        for fname in ("inspection_ids", "old_part_ids", "loan_ids"):
            self.assertTrue(workshop.xpath(f".//field[@name='{fname}']"), fname)

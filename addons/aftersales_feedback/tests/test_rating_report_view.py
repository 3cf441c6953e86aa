# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRatingReportView(TransactionCase):
    def test_four_criteria_are_shown(self):
        """Issue 17 point 5: the report opens on the four criteria, not only their average."""
        Report = self.env["aftersales.technician.rating.report"]
        criteria = {"score_attitude", "score_skill", "score_arrival", "score_promise"}
        for view_type in ("pivot", "graph"):
            arch = etree.fromstring(Report.get_view(view_type=view_type)["arch"])
            measures = {node.get("name") for node in arch.xpath("//field[@type='measure']")}
            self.assertLessEqual(criteria, measures, view_type)

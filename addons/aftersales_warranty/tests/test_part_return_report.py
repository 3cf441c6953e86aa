# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_parts import WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestPartReturnReport(WarrantyPartsCommon):
    """Issue 19 point 4 (§9): the defective-part return form, printed by the warehouse for the
    returning dealer or technician, in their language."""

    def _render(self, part_return):
        return (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            ._render_qweb_html("aftersales_warranty.action_report_part_return", part_return.ids)[0]
            .decode()
        )

    def test_return_form_in_the_returners_language(self):
        request = self._issued_request(
            recipient_type="dealer", dealer_id=self.dealer.id, delivery_mode="ship_dealer"
        )
        part_return = request.return_ids
        html = self._render(part_return)
        self.assertIn("Defective-Part Return", html)
        self.assertIn(part_return.name, html)
        self.assertIn(request.name, html)
        self.assertIn("Test Hydraulic Seal", html)
        self.assertIn("East Forklift Dealer Test", html)
        self.env["res.lang"]._activate_lang("es_ES")
        view = self.env.ref("aftersales_warranty.report_part_return_document")
        view.update_field_translations("arch_db", {"es_ES": {"Inspection": "Inspección"}})
        self.dealer.lang = "es_ES"
        html = self._render(part_return)
        self.assertIn("Inspección", html)

    def test_part_request_and_requisition_forms(self):
        request = self._issued_request(qty=2.0)
        Report = self.env["ir.actions.report"].with_user(self.technician)
        html = Report._render_qweb_html(
            "aftersales_warranty.action_report_part_request", request.ids
        )[0].decode()
        self.assertIn("Warranty Part Request", html)
        self.assertIn(request.name, html)
        self.assertIn("Test Hydraulic Seal", html)
        self.assertIn("Centre Head", html, "the approval is on the form")
        html = Report._render_qweb_html(
            "aftersales_warranty.action_report_parts_requisition", request.ids
        )[0].decode()
        self.assertIn("Parts Requisition", html)
        self.assertIn(request.name, html)

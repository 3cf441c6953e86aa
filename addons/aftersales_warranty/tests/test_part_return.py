# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_parts import WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestPartReturn(WarrantyPartsCommon):
    """(readme/CONFIGURE.md, "Defective part returns") Every issued part's defective part comes
    back and is inspected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quarantine = cls.company._aftersales_quarantine_location()

    def test_quarantine_location_created(self):
        self.assertTrue(self.quarantine.aftersales_quarantine)
        self.assertEqual(self.quarantine.usage, "internal")
        self.assertEqual(self.quarantine.company_id, self.company)

    @freeze_time("2026-11-02 09:00:00")
    def test_expected_return_due_dates(self):
        request = self._issued_request()
        part_return = request.return_ids
        self.assertEqual(part_return.state, "expected")
        self.assertEqual(part_return.product_id, self.part_seal)
        self.assertEqual(part_return.quantity, 1.0)
        self.assertEqual(part_return.partner_id, self.technician.partner_id)
        self.assertEqual(part_return.date_due, date(2026, 11, 5), "technicians: 3 days")
        self.assertEqual(part_return.requester_id, self.technician)
        dealer_request = self._issued_request(
            recipient_type="dealer", dealer_id=self.dealer.id, delivery_mode="ship_dealer"
        )
        self.assertEqual(dealer_request.return_ids.date_due, date(2026, 12, 2), "dealers: 30")
        self.assertEqual(dealer_request.return_ids.partner_id, self.dealer)

    def test_return_accepted(self):
        request = self._issued_request(qty=2.0)
        part_return = request.return_ids
        picking = self._receive(part_return)
        self.assertEqual(picking.location_dest_id, self.quarantine)
        self.assertEqual(part_return.state, "received")
        self.assertEqual(part_return.received_qty, 2.0)
        self.assertEqual(part_return.inspection_pending, "both")
        part_return.with_user(self.manager).write(
            {"service_complete": True, "service_original": True, "service_warranty_case": True}
        )
        part_return.with_user(self.inspector).write(
            {
                "quality_complete": True,
                "quality_original": True,
                "quality_warranty_case": True,
                "failure_cause": "quality",
            }
        )
        part_return.with_user(self.manager).action_sign_service_inspection()
        self.assertEqual(part_return.inspection_pending, "quality")
        self.assertEqual(part_return.state, "received")
        part_return.with_user(self.inspector).action_sign_quality_inspection()
        self.assertEqual(part_return.state, "accepted")
        self.assertEqual(part_return.warranty_cost, 60.0)
        self.assertFalse(part_return.sale_order_id)
        self.assertEqual(request.state, "done")

    def test_return_rejected_dealer_parts_sale(self):
        # the controller costs 610: the quality manager approves
        request = self._request(
            part=self.part_controller,
            recipient_type="dealer",
            dealer_id=self.dealer.id,
            delivery_mode="ship_dealer",
        )
        request.action_submit()
        request.with_user(self.quality_manager).action_approve()
        self._issue(request)
        part_return = request.return_ids
        self._receive(part_return)
        self._inspect(part_return, cause="user_damage", quality_user_damage=True)
        self.assertEqual(part_return.state, "rejected")
        self.assertIn("damaged by the user", part_return.outcome_reason)
        order = part_return.sale_order_id
        self.assertEqual(order.partner_id, self.dealer)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.product_id, self.part_controller)
        self.assertEqual(order.order_line.price_unit, self.part_controller.list_price)
        self.assertEqual(order.order_line.qty_delivered, 1.0, "delivered by the issue")
        self.assertFalse(
            order.picking_ids.filtered(lambda p: p.state != "done"), "no second delivery"
        )
        self.assertIn("rejected at inspection", str(order.note))
        invoice = part_return.sudo().invoice_ids
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.dealer)
        self.assertEqual(invoice.invoice_line_ids.price_unit, 960.0)
        activity = part_return.activity_ids
        self.assertEqual(activity.user_id, self.technician, "the requester is told")
        self.assertEqual(part_return.warranty_cost, 0.0)

    def test_return_overdue_by_cron(self):
        with freeze_time("2026-11-02 09:00:00"):
            request = self._issued_request(
                recipient_type="dealer", dealer_id=self.dealer.id, delivery_mode="ship_dealer"
            )
            tech_request = self._issued_request()
        Return = self.env["aftersales.part.return"]
        with freeze_time("2026-11-05 12:00:00"):
            self.assertFalse(Return._cron_charge_overdue_returns(), "due today: not yet")
        with freeze_time("2026-11-06 12:00:00"):
            # its texts are translated in the cron's language, no warning (issue 14 point 8)
            with self.assertNoLogs("odoo.tools.translate", "WARNING"):
                charged = Return._cron_charge_overdue_returns()
            self.assertEqual(charged, tech_request.return_ids)
            self.assertEqual(tech_request.return_ids.state, "not_returned")
            order = tech_request.return_ids.sale_order_id
            self.assertEqual(order.partner_id, self.technician.partner_id)
            self.assertEqual(order.state, "sale")
            self.assertFalse(tech_request.return_ids.invoice_ids, "a charge, not an invoice")
            self.assertEqual(request.return_ids.state, "expected")
        with freeze_time("2026-12-03 12:00:00"):
            self.assertTrue(Return.search([("is_overdue", "=", True)]))
            Return._cron_charge_overdue_returns()
            self.assertEqual(request.return_ids.state, "not_returned")
            order = request.return_ids.sale_order_id
            self.assertEqual(order.partner_id, self.dealer)
            self.assertEqual(order.order_line.price_unit, self.part_seal.list_price)
            self.assertIn("not returned", str(order.note))
            self.assertTrue(request.return_ids.sudo().invoice_ids)
            # idempotent: a second run charges nothing more
            self.assertFalse(Return._cron_charge_overdue_returns())
            self.assertEqual(
                self.env["sale.order"].search_count([("origin", "=", request.return_ids.name)]),
                1,
            )

    def test_return_overdue_cron_charges_a_batch(self):
        """One run closes every overdue return at once: all overdue parts of one dealer in one
        parts sale (a line per part) and one invoice, each return logging its own reason, one
        task for each requester; another dealer gets a sale of its own."""
        with freeze_time("2026-11-02 09:00:00"):
            requests = [
                self._issued_request(
                    recipient_type="dealer", dealer_id=self.dealer.id, delivery_mode="ship_dealer"
                )
                for _i in range(3)
            ]
            other_dealer = self.dealer.copy({"name": "Second Dealer"})
            other = self._issued_request(
                recipient_type="dealer", dealer_id=other_dealer.id, delivery_mode="ship_dealer"
            )
        returns = requests[0].return_ids | requests[1].return_ids | requests[2].return_ids
        Return = self.env["aftersales.part.return"]
        with freeze_time("2026-12-03 12:00:00"):
            charged = Return._cron_charge_overdue_returns()
        self.assertEqual(charged, returns | other.return_ids)
        self.assertEqual(set(charged.mapped("state")), {"not_returned"})
        order = returns.sale_order_id
        self.assertEqual(len(order), 1, "one parts sale per dealer")
        self.assertEqual(order.partner_id, self.dealer)
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.order_line), 3, "a line per part")
        self.assertEqual(order.order_line.mapped("qty_delivered"), [1.0] * 3, "by the issue")
        self.assertEqual(order.origin, ", ".join(returns.sorted("id").mapped("name")))
        invoice = returns.sudo().invoice_ids
        self.assertEqual(len(invoice), 1, "one invoice per dealer")
        self.assertEqual(invoice.invoice_line_ids.sale_line_ids.order_id, order)
        self.assertEqual(invoice.amount_untaxed, 3 * self.part_seal.list_price)
        for part_return in returns:
            self.assertEqual(part_return.sudo().invoice_ids, invoice)
            self.assertIn("not returned", part_return.outcome_reason)
            self.assertIn(order.name, part_return.message_ids[:1].body)
        activities = returns.activity_ids
        self.assertEqual(len(activities), 1, "one task per requester and parts sale")
        self.assertEqual(activities.user_id, self.technician)
        for part_return in returns:
            self.assertIn(part_return.name, activities.note)
        other_order = other.return_ids.sale_order_id
        self.assertEqual(other_order.partner_id, other_dealer)
        self.assertNotEqual(other_order, order)
        self.assertEqual(len(other.return_ids.sudo().invoice_ids), 1)

    def test_receive_more_than_issued_refused(self):
        part_return = self._issued_request().return_ids
        with self.assertRaisesRegex(UserError, "Receive at most"):
            self._receive(part_return, qty=2.0)
        self.assertEqual(part_return.state, "expected")

    def test_inspect_before_receipt_refused(self):
        part_return = self._issued_request().return_ids
        with self.assertRaisesRegex(UserError, "has not been received"):
            part_return.with_user(self.inspector).action_sign_quality_inspection()

    def test_inspection_needs_group_and_two_people(self):
        part_return = self._issued_request().return_ids
        self._receive(part_return)
        with self.assertRaisesRegex(UserError, "Only Service staff"):
            part_return.with_user(self.inspector).action_sign_service_inspection()
        part_return.with_user(self.manager).action_sign_service_inspection()
        with self.assertRaisesRegex(UserError, "two different people"):
            part_return.with_user(self.manager).action_sign_quality_inspection()

    def test_quarantine_locked_until_both_inspections(self):
        part_return = self._issued_request().return_ids
        self._receive(part_return)
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.part_seal.id,
                "scrap_qty": 1.0,
                "location_id": self.quarantine.id,
            }
        )
        with self.assertRaisesRegex(UserError, "waits for the Service and Quality"):
            scrap.action_validate()
        transfer = self.env["stock.picking"].create(
            {
                "picking_type_id": self.env.ref("stock.picking_type_internal").id,
                "location_id": self.quarantine.id,
                "location_dest_id": self.stock_location.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "out of quarantine",
                            "product_id": self.part_seal.id,
                            "product_uom_qty": 1.0,
                            "product_uom": self.part_seal.uom_id.id,
                            "location_id": self.quarantine.id,
                            "location_dest_id": self.stock_location.id,
                        },
                    )
                ],
            }
        )
        transfer.action_confirm()
        transfer.move_ids.quantity = 1.0
        transfer.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "Record both inspections"):
            transfer.button_validate()
        self._inspect(part_return)
        self.assertEqual(part_return.state, "accepted")
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")


@tagged("post_install", "-at_install")
class TestSupplierClaim(WarrantyPartsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part_battery.seller_ids = [
            (0, 0, {"partner_id": cls.vendor.id, "price": 2900.0, "min_qty": 1.0})
        ]

    def _returned_battery(self):
        request = self._request(part=self.part_battery)
        request.action_submit()
        self._approve_all(request, [self.service_vp, self.supply_vp])
        self._issue(request)
        part_return = request.return_ids
        self._receive(part_return)
        return part_return

    def test_supplier_claim_ends_in_vendor_refund(self):
        part_return = self._returned_battery()
        self._inspect(part_return, cause="supplier")
        self.assertEqual(part_return.state, "accepted")
        claim = part_return.claim_ids
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.partner_id, self.vendor)
        self.assertEqual(claim.product_id, self.part_battery)
        self.assertEqual(claim.amount, 3100.0)
        claim.with_user(self.inspector).action_claim()
        action = claim.with_user(self.inspector).action_return_to_vendor()
        picking = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(picking.location_id, part_return.location_id)
        self.assertEqual(picking.location_dest_id.usage, "supplier")
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done", "inspected parts may leave the quarantine")
        claim.with_user(self.inspector).action_vendor_refund()
        refund = claim.refund_id
        self.assertEqual(refund.move_type, "in_refund")
        self.assertEqual(refund.partner_id, self.vendor)
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.amount_untaxed, 3100.0)
        self.assertEqual(claim.state, "done")
        self.assertEqual(claim.outcome, "refund")
        self.assertEqual(claim.recovered_amount, 3100.0)
        self.assertEqual(part_return.recovered_amount, 3100.0)
        with self.assertRaises(UserError):
            claim.action_vendor_rejected()

    def test_claim_without_vendor_refused(self):
        self.part_battery.seller_ids = False
        part_return = self._returned_battery()
        self._inspect(part_return, cause="supplier")
        self.assertFalse(part_return.claim_ids)
        with self.assertRaisesRegex(UserError, "has no vendor"):
            part_return.action_create_claim()


@tagged("post_install", "-at_install")
class TestRegisterExport(WarrantyPartsCommon):
    def _export(self, register, user=None):
        wizard = Form(
            self.env["aftersales.warranty.register.export"].with_user(user or self.clerk)
        )
        wizard.register = register
        record = wizard.save()
        action = record.action_export()
        self.assertIn("download=true", action["url"])
        content = base64.b64decode(record.file_data)
        return openpyxl.load_workbook(io.BytesIO(content))

    def _find_row(self, sheet, first_cell):
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == first_cell:
                return row
        return None

    @freeze_time("2026-11-02 09:00:00")
    def test_awaiting_return_xlsx(self):
        first = self._issued_request(qty=2.0)
        second = self._issued_request(qty=1.0)
        with self.assertNoLogs("odoo.tools.translate", "WARNING"):
            book = self._export("awaiting_return")
        sheet = book.active
        self.assertEqual(sheet["A1"].value, "Issued warranty parts awaiting their defective part")
        header = self._find_row(sheet, "Return")
        self.assertEqual(
            list(header),
            [
                "Return",
                "Request",
                "Part",
                "Returned by",
                "Quantity",
                "Cost",
                "Issued on",
                "Due on",
                "Days left",
                "Status",
            ],
        )
        self.assertEqual(sheet.freeze_panes, "A5")
        row = self._find_row(sheet, first.return_ids.name)
        self.assertEqual(row[4], 2.0)
        self.assertEqual(row[5], 60.0)
        self.assertEqual(row[8], 3)
        self.assertEqual(row[9], "Due")
        self.assertTrue(self._find_row(sheet, second.return_ids.name))
        total = self._find_row(sheet, "Total")
        self.assertEqual(total[4], "=SUM(E5:E6)")

    def test_open_requests_by_approver_xlsx(self):
        request = self._request(part=self._part_costing(2500))
        request.action_submit()
        book = self._export("open_requests", user=self.inspector)
        sheet = book.active
        titles = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
        self.assertIn(self.groups["service_vp"].name, titles)
        self.assertIn(self.groups["supply_vp"].name, titles)
        self.assertEqual(titles.count(request.name), 2, "listed under each approver")

    def test_inspections_and_claims_xlsx(self):
        part_return = self._issued_request().return_ids
        self._receive(part_return)
        with self.assertNoLogs("odoo.tools.translate", "WARNING"):
            sheet = self._export("inspections_pending", user=self.inspector).active
        row = self._find_row(sheet, part_return.name)
        self.assertEqual(row[6], "to sign")
        self.assertEqual(row[7], "to sign")
        self.env["aftersales.supplier.claim"].create(
            {
                "partner_id": self.vendor.id,
                "product_id": self.part_seal.id,
                "quantity": 2.0,
                "unit_cost": 30.0,
            }
        )
        sheet = self._export("claims_by_vendor", user=self.inspector).active
        self.assertTrue(self._find_row(sheet, self.vendor.name))
        total = self._find_row(sheet, "Total")
        self.assertTrue(total[6].startswith("=SUM("))

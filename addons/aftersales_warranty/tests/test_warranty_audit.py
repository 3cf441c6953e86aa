# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common_parts import WarrantyPartsCommon
from .warranty_common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestRegistrationWithoutSale(WarrantyCommon):
    def test_plain_outgoing_transfer_registers(self):
        """Issue 4 §2: a delivery that is not from a sale order registers the serial too, for
        the transfer's partner, from the date the serial really left."""
        lot = self.env["stock.lot"].create(
            {"name": "FL-NOSO-1", "product_id": self.product_unit.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_unit, self.stock_location, 1.0, lot_id=lot
        )
        warehouse = self.env.ref("stock.warehouse0")
        with freeze_time("2026-01-15 10:00:00"):
            picking = self.env["stock.picking"].create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": self.customer.id,
                    "location_id": self.stock_location.id,
                    "location_dest_id": self.customer_location.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": self.product_unit.name,
                                "product_id": self.product_unit.id,
                                "product_uom_qty": 1.0,
                                "location_id": self.stock_location.id,
                                "location_dest_id": self.customer_location.id,
                            }
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            picking.move_line_ids.write({"lot_id": lot.id, "quantity": 1.0})
            picking.move_ids.picked = True
            picking.button_validate()
        warranty = lot.warranty_id
        self.assertEqual(warranty.partner_id, self.customer)
        self.assertFalse(warranty.sale_order_id)
        self.assertEqual(warranty.picking_id, picking)
        self.assertEqual(warranty.start_date, date(2026, 1, 15))
        battery = self.env["aftersales.warranty"].coverage(lot, self.part_battery, "2027-01-14")
        self.assertTrue(battery.covered)
        self.assertEqual(battery.end_date, date(2027, 1, 14))


@tagged("post_install", "-at_install")
class TestWarrantyMultiCompany(WarrantyPartsCommon):
    """Record rules: a company's warranties, part requests, returns and claims are invisible
    from another company."""

    def test_other_company_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Other Forklift Service Test"})
        outsider = new_test_user(
            self.env,
            login="wp_outsider",
            groups="aftersales_repair.aftersales_group_manager,stock.group_stock_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        warranty = self.env["aftersales.warranty"].create(
            {
                "lot_id": self.serial.id,
                "product_id": self.product_unit.id,
                "partner_id": self.customer.id,
                "delivery_date": "2026-01-15",
            }
        )
        request = self._issued_request()
        part_return = request.return_ids
        claim = self.env["aftersales.supplier.claim"].create(
            {"partner_id": self.vendor.id, "product_id": self.part_seal.id}
        )
        for record in (warranty, request, request.line_ids, part_return, claim):
            with self.subTest(model=record._name):
                self.assertFalse(
                    record.with_user(outsider).search([("id", "in", record.ids)]),
                    record._name,
                )
        # the other company's coverage service knows nothing of this serial
        coverage = (
            self.env["aftersales.warranty"]
            .with_user(outsider)
            .coverage(self.serial.with_user(outsider), self.part_seal)
        )
        self.assertFalse(coverage.covered)
        self.assertIn("No warranty record", coverage.reason)
        # and its rules are its own
        rules = self.env["aftersales.approval.rule"].search([("company_id", "=", other.id)])
        self.assertTrue(rules)


@tagged("post_install", "-at_install")
class TestWarrantyCostNet(WarrantyPartsCommon):
    """Issue 4 §6 / issue 5 §4: the warranty cost analysis shows the gross cost (repair
    lines given free and warranty parts issued outside a repair once their return is
    accepted), what the suppliers gave back (vendor refunds) and the net cost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part_battery.seller_ids = [Command.create({"partner_id": cls.vendor.id})]

    @freeze_time("2026-10-12 09:00:00")
    def test_gross_recovered_net(self):
        request = self._request(part=self.part_battery)
        request.action_submit()
        self._approve_all(request, [self.service_vp, self.supply_vp])
        self._issue(request)
        part_return = request.return_ids
        Report = self.env["aftersales.warranty.cost.report"]
        self.env.flush_all()
        self.assertFalse(
            Report.search([("part_id", "=", self.part_battery.id)]),
            "not a warranty cost before the return is accepted",
        )
        self._receive(part_return)
        self._inspect(part_return, cause="supplier")
        self.assertEqual(part_return.state, "accepted")
        claim = part_return.claim_ids
        claim.with_user(self.inspector).action_claim()
        claim.with_user(self.inspector).action_vendor_refund()
        self.assertEqual(claim.refund_id.move_type, "in_refund")
        self.assertEqual(claim.refund_id.amount_untaxed, 3100.0)
        self.env.flush_all()
        [(cost, recovered, net)] = Report._read_group(
            [("part_id", "=", self.part_battery.id)],
            [],
            ["cost:sum", "recovered:sum", "net_cost:sum"],
        )
        self.assertEqual((cost, recovered, net), (3100.0, 3100.0, 0.0))
        issued = Report.search([("part_id", "=", self.part_battery.id), ("cost", ">", 0)])
        self.assertEqual(issued.supplier_id, self.vendor)
        self.assertEqual(issued.lot_id, self.serial)
        self.assertEqual(issued.date, date(2026, 10, 12))

    def test_repair_part_request_counted_once(self):
        """A part requested for a repair line is counted on that repair line only."""
        request = self._issued_request()
        request.line_ids.repair_move_id = self.env["stock.move"].create(
            {
                "name": "repair line",
                "product_id": self.part_seal.id,
                "product_uom_qty": 1.0,
                "location_id": self.stock_location.id,
                "location_dest_id": self.stock_location.id,
            }
        )
        part_return = request.return_ids
        self._receive(part_return)
        self._inspect(part_return)
        self.assertEqual(part_return.state, "accepted")
        self.env.flush_all()
        self.assertFalse(
            self.env["aftersales.warranty.cost.report"].search(
                [("part_id", "=", self.part_seal.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestRepairPartIssuedOnce(WarrantyPartsCommon):
    def _submitted_request_for_repair(self, serial):
        """A confirmed warranty repair fitting one controller, and its submitted part request."""
        repair = self.env["repair.order"].create(
            {
                "product_id": self.product_unit.id,
                "lot_id": self._create_serial(serial).id,
                "partner_id": self.customer.id,
                "under_warranty": True,
                "user_id": self.technician.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.part_controller.id,
                            "product_uom_qty": 1.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        repair.action_validate()
        action = repair.action_aftersales_part_request()
        request = self.env["aftersales.warranty.part.request"].browse(action["res_id"])
        request.with_user(self.technician).action_submit()
        return repair, request

    def test_part_issued_for_a_repair_leaves_stock_once(self):
        """Issue 5 §2: the part issued for a repair's covered line is the one the repair
        fits: the controller leaves the spare-parts stock once, with the issue transfer."""
        Quant = self.env["stock.quant"]
        before = Quant._get_available_quantity(self.part_controller, self.stock_location)
        expense = self.env["account.account"].create(
            {"name": "Warranty expense", "code": "619910", "account_type": "expense"}
        )
        self.company.aftersales_warranty_expense_account_id = expense
        self.categ_part.property_valuation = "real_time"
        repair, request = self._submitted_request_for_repair("EF25-WP-REPAIR")
        request.with_user(self.quality_manager).action_approve()
        picking = self._issue(request)
        repair_move = repair.move_ids
        self.assertEqual(repair_move.location_id, picking.location_dest_id)
        self.assertEqual(repair_move.quantity, 1.0, "reserved at its new source")
        # the issue is the warranty cost: stock out into the warranty expense account
        entry_lines = picking.move_ids.account_move_ids.line_ids
        self.assertEqual(
            entry_lines.filtered(lambda line: line.account_id == expense).debit, 610.0
        )
        self.assertEqual(
            Quant._get_available_quantity(self.part_controller, self.stock_location), before - 1
        )
        repair.action_repair_start()
        repair.action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")
        self.assertEqual(repair_move.state, "done")
        self.assertEqual(
            Quant._get_available_quantity(self.part_controller, self.stock_location),
            before - 1,
            "the repair fits the issued part, it does not take a second one",
        )
        self.assertFalse(repair_move.account_move_ids, "no second valuation")
        self.assertEqual(repair_move.warranty_cost, 610.0)

    def test_repair_done_before_the_issue_refuses_a_second_part(self):
        """A repair that ended (fitting the part from stock) before its warranty part was
        issued: issuing would take a second part, it is refused and nothing moves."""
        Quant = self.env["stock.quant"]
        repair, request = self._submitted_request_for_repair("EF25-WP-EARLY")
        request.with_user(self.quality_manager).action_approve()
        repair.action_repair_start()
        repair.move_ids.picked = True
        repair.action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.move_ids.state, "done")
        after_repair = Quant._get_available_quantity(self.part_controller, self.stock_location)
        with self.assertRaisesRegex(UserError, "would take a second part"):
            self._issue(request)
        self.assertEqual(
            Quant._get_available_quantity(self.part_controller, self.stock_location), after_repair
        )
        self.assertEqual(request.state, "approved")

    def test_no_issue_for_a_cancelled_repair(self):
        """A request whose repair was cancelled before the final approval issues nothing."""
        repair, request = self._submitted_request_for_repair("EF25-WP-CANCEL")
        repair.action_repair_cancel()
        with self.assertRaisesRegex(UserError, "no part can be issued"):
            request.with_user(self.quality_manager).action_approve()
        self.assertFalse(request.picking_ids)
        self.assertEqual(request.state, "to_approve")


@tagged("post_install", "-at_install")
class TestDealerSale(WarrantyCommon):
    def test_dealer_sale_delivered_to_end_customer(self):
        """(readme/CONFIGURE.md, "Register of sold units") The register names the selling unit; a
        unit sold through a dealer and delivered to the dealer's customer is that customer's
        warranty, sold by the dealer."""
        dealer = self.env["res.partner"].create({"name": "West Dealer Test", "is_company": True})
        lot = self.env["stock.lot"].create(
            {"name": "FL-DEAL-1", "product_id": self.product_unit.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_unit, self.stock_location, 1.0, lot_id=lot
        )
        with freeze_time("2026-03-02 10:00:00"):
            order = self.env["sale.order"].create(
                {
                    "partner_id": dealer.id,
                    "partner_shipping_id": self.customer.id,
                    "order_line": [
                        Command.create({"product_id": self.product_unit.id, "product_uom_qty": 1})
                    ],
                }
            )
            order.action_confirm()
            picking = order.picking_ids
            picking.action_assign()
            picking.move_line_ids.write({"lot_id": lot.id, "quantity": 1.0})
            picking.move_ids.picked = True
            picking.button_validate()
        warranty = lot.warranty_id
        self.assertEqual(warranty.partner_id, self.customer)
        self.assertEqual(warranty.selling_partner_id, dealer)
        self.assertEqual(warranty.sale_order_id, order)
        self.assertEqual(warranty.start_date, date(2026, 3, 2))


@tagged("post_install", "-at_install")
class TestWarehouseMenus(WarrantyPartsCommon):
    def test_warehouse_clerk_reaches_parts_and_returns(self):
        """Issue 5 §5: the warehouse staff (no After-Sales group) find the requests to issue,
        the returns to receive and the XLSX registers in Inventory."""
        menus = self.env["ir.ui.menu"].with_user(self.clerk)._visible_menu_ids()
        for xmlid in (
            "aftersales_warranty_stock_part_request_menu",
            "aftersales_warranty_stock_part_return_menu",
            "aftersales_warranty_stock_awaiting_return_menu",
            "aftersales_warranty_stock_register_export_menu",
        ):
            self.assertIn(self.env.ref(f"aftersales_warranty.{xmlid}").id, menus, xmlid)
        self.assertNotIn(
            self.env.ref("aftersales_repair.aftersales_menu_root").id,
            menus,
            "the clerk is no After-Sales user",
        )

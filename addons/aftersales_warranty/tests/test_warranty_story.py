# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .warranty_common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestWarrantyStory(WarrantyCommon):
    """Issue 4's story: a forklift delivered on 2026-01-15, repaired on 2027-03-01."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._deliver("FL-STORY-001", "2026-01-15 10:00:00", production_batch="PB-7")
        cls.warranty = cls.env["aftersales.warranty"].search([("lot_id", "=", cls.lot.id)])

    def test_registration_on_delivery(self):
        warranty = self.warranty
        self.assertEqual(len(warranty), 1)
        self.assertEqual(warranty.partner_id, self.customer)
        self.assertEqual(warranty.user_id, self.frontdesk)
        self.assertTrue(warranty.sale_order_id)
        self.assertEqual(warranty.sale_date, date(2026, 1, 15))
        self.assertEqual(warranty.selling_partner_id, self.company.partner_id)
        self.assertEqual(warranty.product_default_code, "T-EF25")
        self.assertEqual(warranty.start_date, date(2026, 1, 15))
        ends = {line.name: line.end_date for line in warranty.line_ids}
        self.assertEqual(ends["Whole unit"], date(2029, 1, 14))
        self.assertEqual(ends[self.part_battery.display_name], date(2027, 1, 14))
        self.assertEqual(ends[self.part_controller.display_name], date(2027, 7, 14))
        self.assertEqual(self.lot.warranty_id, warranty)
        self.assertEqual(self.customer.warranty_unit_count, 1)

    def test_coverage_service(self):
        Warranty = self.env["aftersales.warranty"]
        battery = Warranty.coverage(self.lot, self.part_battery, date(2027, 3, 1))
        self.assertFalse(battery.covered)
        self.assertTrue(battery.charge_parts)
        self.assertFalse(battery.charge_labour, "labour is free after warranty by default")
        self.assertEqual(battery.end_date, date(2027, 1, 14))
        self.assertIn("ended", battery.reason)
        controller = Warranty.coverage(self.lot, self.part_controller, date(2027, 3, 1))
        self.assertTrue(controller.covered)
        self.assertEqual(controller.source, "policy")
        self.assertEqual(controller.end_date, date(2027, 7, 14))
        frame = Warranty.coverage(self.lot, self.part_frame, date(2027, 3, 1))
        self.assertTrue(frame.covered)
        self.assertEqual(frame.end_date, date(2029, 1, 14))
        self.assertTrue(frame.warranty_line.is_unit)

    def test_repair_prices_each_line(self):
        repair = self._repair(self.lot, "2027-03-01 09:00:00")
        self.assertTrue(self._move(repair, self.part_battery).warranty_charged)
        self.assertEqual(self._move(repair, self.part_battery).repair_price_unit, 4200.0)
        self.assertEqual(self._move(repair, self.part_controller).repair_price_unit, 0.0)
        self.assertEqual(self._move(repair, self.part_controller).warranty_source, "policy")
        self.assertEqual(self._move(repair, self.part_frame).repair_price_unit, 0.0)
        self.assertEqual(repair.labour_ids.price_unit, 0.0)
        self.assertEqual(repair.service_category, "paid")
        repair.action_create_sale_order()
        battery_line = self._sale_line(repair, self.part_battery)
        self.assertEqual(battery_line.price_unit, 4200.0)
        self.assertIn("Charged", battery_line.name)
        controller_line = self._sale_line(repair, self.part_controller)
        self.assertEqual(controller_line.price_unit, 0.0)
        self.assertIn("Free", controller_line.name)
        self.assertIn("in warranty until", controller_line.name)
        self.assertEqual(self._sale_line(repair, self.part_frame).price_unit, 0.0)
        self.assertEqual(repair.labour_ids.sale_line_id.price_unit, 0.0)
        self.assertEqual(repair.sale_order_id.amount_untaxed, 4200.0)
        # the settlement shows per line why it is free or charged
        settlement = {
            line["line"].product_id: line for line in repair._aftersales_settlement_lines()
        }
        self.assertEqual(settlement[self.part_battery]["charged"], 4200.0)
        self.assertEqual(settlement[self.part_controller]["covered"], 960.0)
        self.assertEqual(settlement[self.part_frame]["covered"], 540.0)
        self.assertEqual(settlement[self.product_labour]["covered"], 130.0)
        self.assertIn("in warranty until", settlement[self.part_controller]["name"])
        totals = repair._aftersales_settlement_totals()
        self.assertEqual((totals["covered"], totals["charged"]), (1630.0, 4200.0))
        # the invoice carries the same prices and reasons
        order = repair.sale_order_id
        order.action_confirm()
        order.order_line.qty_delivered = 1.0
        order.order_line.filtered(lambda line: line.product_id == self.product_labour).write(
            {"qty_delivered": 2.0}
        )
        invoice = order._create_invoices()
        inv_controller = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.part_controller
        )
        self.assertEqual(inv_controller.price_unit, 0.0)
        self.assertIn("in warranty until", inv_controller.name)
        self.assertEqual(invoice.amount_untaxed, 4200.0)

    def test_user_damage_charges_materials(self):
        repair = self._repair(self.lot, "2027-03-01 09:00:00", cause="user_damage")
        self.assertEqual(self._move(repair, self.part_battery).repair_price_unit, 4200.0)
        self.assertEqual(self._move(repair, self.part_controller).repair_price_unit, 960.0)
        self.assertEqual(self._move(repair, self.part_frame).repair_price_unit, 540.0)
        self.assertEqual(repair.labour_ids.price_unit, 0.0, "labour free per policy")
        # the policy may charge labour on user damage
        self.policy.damage_labour_charged = True
        repair.action_refresh_warranty_coverage()
        self.assertEqual(repair.labour_ids.price_unit, 65.0)
        self.assertEqual(repair.labour_ids.price_subtotal, 130.0)
        # choosing the cause at diagnosis changes the result
        repair.failure_cause = "quality"
        self.assertEqual(self._move(repair, self.part_controller).repair_price_unit, 0.0)
        self.assertEqual(repair.labour_ids.price_unit, 0.0)

    def test_contract_makes_battery_free(self):
        contract = self.env["aftersales.warranty.contract"].create(
            {
                "partner_id": self.customer.id,
                "product_ids": [(6, 0, self.part_battery.ids)],
                "date_start": "2027-01-01",
                "date_end": "2027-12-31",
            }
        )
        contract.action_confirm()
        coverage = self.env["aftersales.warranty"].coverage(
            self.lot, self.part_battery, date(2027, 3, 1)
        )
        self.assertTrue(coverage.covered)
        self.assertEqual(coverage.source, "contract")
        self.assertEqual(coverage.contract, contract)
        repair = self._repair(self.lot, "2027-03-01 09:00:00")
        battery = self._move(repair, self.part_battery)
        self.assertEqual(battery.repair_price_unit, 0.0)
        self.assertEqual(battery.warranty_contract_id, contract)
        self.assertEqual(repair.service_category, "contract")

    def test_labour_on_a_part_follows_its_coverage(self):
        self.policy.after_warranty_labour_charged = True
        repair = self._repair(self.lot, "2027-03-01 09:00:00", parts=self.part_battery)
        labour = repair.labour_ids
        self.assertEqual(labour.price_unit, 0.0, "labour on the unit: frame covered 36 months")
        labour.warranty_part_id = self.part_battery
        self.assertTrue(labour.warranty_charged)
        self.assertEqual(labour.price_unit, 65.0, "battery out of warranty, policy charges labour")
        repair.action_create_sale_order()
        self.assertEqual(labour.sale_line_id.price_unit, 65.0)
        self.assertIn("Out of warranty", labour.sale_line_id.name)
        self.assertEqual(repair.sale_order_id.amount_untaxed, 4200.0 + 130.0)

    def test_goodwill_tick(self):
        repair = self._repair(self.lot, "2027-03-01 09:00:00")
        repair.action_create_sale_order()
        repair.under_warranty = True
        self.assertEqual(set(repair.move_ids.mapped("warranty_source")), {"goodwill"})
        self.assertEqual(self._sale_line(repair, self.part_battery).price_unit, 0.0)
        self.assertEqual(repair.service_category, "free")
        repair.under_warranty = False
        self.assertEqual(self._sale_line(repair, self.part_battery).price_unit, 4200.0)

    def test_register_finds_unit_by_lot(self):
        Warranty = self.env["aftersales.warranty"]
        self.assertEqual(Warranty.search([("lot_id.name", "=", "FL-STORY-001")]), self.warranty)
        self.assertEqual(Warranty.search([("production_batch", "=", "PB-7")]), self.warranty)
        groups = Warranty._read_group(
            [("product_default_code", "=", "T-EF25")], ["partner_id"], ["quantity:sum"]
        )
        self.assertEqual(groups, [(self.customer, 1.0)])
        self.warranty.action_recall()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.customer.id)]
        )
        self.assertEqual(len(activity), 1)
        self.assertIn("FL-STORY-001", activity.note)

    def test_return_suspends_and_replacement(self):
        with freeze_time("2026-03-01"):
            returned = self.env["stock.picking"].create(
                {
                    "picking_type_id": self.env.ref("stock.picking_type_in").id,
                    "location_id": self.customer_location.id,
                    "location_dest_id": self.stock_location.id,
                    "partner_id": self.customer.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "return",
                                "product_id": self.product_unit.id,
                                "product_uom_qty": 1.0,
                                "location_id": self.customer_location.id,
                                "location_dest_id": self.stock_location.id,
                            },
                        )
                    ],
                }
            )
            returned.action_confirm()
            returned.move_ids.move_line_ids.unlink()
            self.env["stock.move.line"].create(
                {
                    "move_id": returned.move_ids.id,
                    "picking_id": returned.id,
                    "product_id": self.product_unit.id,
                    "lot_id": self.lot.id,
                    "quantity": 1.0,
                    "location_id": self.customer_location.id,
                    "location_dest_id": self.stock_location.id,
                }
            )
            returned.move_ids.picked = True
            returned.button_validate()
        self.assertEqual(self.warranty.state, "suspended")
        coverage = self.env["aftersales.warranty"].coverage(
            self.lot, self.part_controller, date(2026, 4, 1)
        )
        self.assertFalse(coverage.covered)
        self.assertIn("suspended", coverage.reason)
        replacement = self._deliver("FL-STORY-002", "2026-03-02 10:00:00")
        new = self.env["aftersales.warranty"].search([("lot_id", "=", replacement.id)])
        self.assertEqual(new.start_date, date(2026, 3, 2))
        self.assertNotEqual(new, self.warranty)

    def test_renewal_reminder(self):
        contract = self.env["aftersales.warranty.contract"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.frontdesk.id,
                "date_start": "2026-07-01",
                "date_end": "2027-06-30",
                "fee_product_id": self.product_labour.id,
                "fee": 1200.0,
            }
        )
        contract.action_confirm()
        self.assertEqual(contract.sale_order_id.amount_untaxed, 1200.0)
        Contract = self.env["aftersales.warranty.contract"]
        with freeze_time("2027-05-29"):
            Contract._cron_renewal_reminder()
        self.assertFalse(contract.activity_ids)
        self.assertFalse(contract.reminder_sent)
        with freeze_time("2027-05-30"):
            Contract._cron_renewal_reminder()
            Contract._cron_renewal_reminder()
        self.assertTrue(contract.reminder_sent)
        self.assertEqual(len(contract.activity_ids), 1)
        self.assertEqual(contract.activity_ids.user_id, self.frontdesk)
        mails = contract.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(mails), 1)
        self.assertIn(self.customer, mails.partner_ids)
        action = contract.action_renew()
        renewal = Contract.browse(action["res_id"])
        self.assertEqual(renewal.date_start, date(2027, 7, 1))
        self.assertEqual(renewal.date_end, date(2028, 6, 30))
        self.assertEqual(renewal.previous_contract_id, contract)
        with freeze_time("2027-07-01"):
            Contract._cron_renewal_reminder()
        self.assertEqual(contract.state, "expired")

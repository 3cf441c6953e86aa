# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.aftersales_repair.tests.workshop_common import WorkshopCommon

from .common_parts import WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestOldPartDisposition(WarrantyPartsCommon, WorkshopCommon):
    """Issue 19 point 3: the technician processes the old parts as agreed with the customer;
    each disposition moves the part through stock."""

    def _done_repair_with_request(self, part, qty=1.0):
        repair = self._create_repair(parts=[(part, qty)])
        request = self._request(part=part, qty=qty, repair_id=repair.id)
        request.with_user(self.technician).action_submit()
        self._approve_all(request, [self.head])
        self._issue(request)
        self._to_done(repair)
        return repair, request

    def test_keep_for_warranty_return_feeds_the_defective_part_return(self):
        repair, request = self._done_repair_with_request(self.part_seal)
        part_return = request.return_ids
        self.assertEqual(part_return.state, "expected")
        old = repair.old_part_ids
        old.disposition = "warranty_return"
        old.with_user(self.technician).action_process()
        self.assertEqual(old.state, "done")
        self.assertEqual(old.part_return_id, part_return)
        self.assertEqual(part_return.state, "received")
        self.assertEqual(part_return.received_qty, 1.0)
        picking = old.picking_id
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.move_ids.aftersales_part_return_id, part_return)
        self.assertTrue(picking.location_dest_id.aftersales_quarantine)
        self.assertEqual(picking.location_id, repair.location_dest_id, "out of the unit")
        quarantine = self.company.aftersales_quarantine_location_id
        self.assertEqual(self.part_seal.with_context(location=quarantine.id).qty_available, 1.0)

    def test_keep_without_request_is_kept_in_quarantine(self):
        repair = self._to_done(self._create_repair(parts=[(self.part_controller, 1.0)]))
        old = repair.old_part_ids
        old.disposition = "warranty_return"
        old.with_user(self.technician).action_process()
        self.assertFalse(old.part_return_id)
        self.assertEqual(old.picking_id.state, "done")
        self.assertTrue(old.picking_id.location_dest_id.aftersales_quarantine)

    def test_return_to_supplier_opens_then_joins_a_claim(self):
        first = self._to_done(self._create_repair(parts=[(self.part_battery, 1.0)]))
        second = self._to_done(self._create_repair(parts=[(self.part_battery, 1.0)]))
        old_first, old_second = first.old_part_ids, second.old_part_ids
        (old_first | old_second).write(
            {"disposition": "supplier_return", "supplier_id": self.vendor.id}
        )
        old_first.with_user(self.technician).action_process()
        claim = old_first.claim_id
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.partner_id, self.vendor)
        self.assertEqual(claim.product_id, self.part_battery)
        self.assertEqual((claim.quantity, claim.unit_cost), (1.0, 3100.0))
        self.assertEqual(old_first.picking_id.state, "done")
        old_second.with_user(self.technician).action_process()
        self.assertEqual(old_second.claim_id, claim, "joins the open claim of the vendor")
        self.assertEqual(claim.quantity, 2.0)
        self.assertEqual(claim.amount, 6200.0)
        # Quality sends both parts back from the quarantine
        claim.with_user(self.inspector).action_return_to_vendor()
        out = claim.picking_ids
        self.assertEqual(out.move_ids.product_uom_qty, 2.0)
        self.assertTrue(out.location_id.aftersales_quarantine)
        self.assertEqual(out.move_ids.state, "assigned", "the two old parts are in quarantine")
        # a claimed (sent) claim is not joined again
        self.assertEqual(claim.state, "claimed")
        third = self._to_done(self._create_repair(parts=[(self.part_battery, 1.0)]))
        third.old_part_ids.write({"disposition": "supplier_return", "supplier_id": self.vendor.id})
        third.old_part_ids.with_user(self.technician).action_process()
        self.assertNotEqual(third.old_part_ids.claim_id, claim)

    def test_return_to_customer_goes_on_the_customers_delivery(self):
        repair = self._to_done(
            self._create_repair(parts=[(self.part_battery, 1.0), (self.part_controller, 1.0)])
        )
        olds = repair.old_part_ids
        olds.write({"disposition": "return_customer"})
        olds.with_user(self.technician).action_process()
        picking = olds.picking_id
        self.assertEqual(len(picking), 1, "both old parts go on one delivery")
        self.assertEqual(picking.picking_type_id.code, "outgoing")
        self.assertEqual(picking.partner_id, self.customer)
        self.assertEqual(picking.origin, repair.name)
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(picking.move_ids.product_id, self.part_battery | self.part_controller)
        self.assertEqual(picking.location_dest_id.usage, "customer")
        picking.move_ids.picked = True
        picking.with_user(self.clerk).button_validate()
        self.assertEqual(picking.state, "done")

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command

from .common import AftersalesCommon


class WorkshopCommon(AftersalesCommon):
    """Repairs taken through the workshop: started, ended, inspected; a company-owned loan
    unit in stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loan_lot = cls._create_loan_unit("LOAN-EF25-01")
        cls.loan_lot_2 = cls._create_loan_unit("LOAN-EF25-02")

    @classmethod
    def _create_loan_unit(cls, name):
        """A serial of the forklift owned by the company (no owner), in stock."""
        lot = cls.env["stock.lot"].create({"name": name, "product_id": cls.product_unit.id})
        cls.env["stock.quant"]._update_available_quantity(
            cls.product_unit, cls.stock_location, 1.0, lot_id=lot
        )
        return lot

    _workshop_serials = 0

    @classmethod
    def _create_repair(cls, parts=None, hours=0.0, category="free", **vals):
        """A repair of the customer's forklift, the technician responsible; parts is a list of
        (product, quantity). Free (warranty) by default: it needs no customer acceptance."""
        WorkshopCommon._workshop_serials += 1
        parts = parts if parts is not None else [(cls.part_battery, 1.0)]
        values = {
            "partner_id": cls.customer.id,
            "product_id": cls.product_unit.id,
            "lot_id": cls._create_serial(f"WS-{WorkshopCommon._workshop_serials}").id,
            "user_id": cls.technician.id,
            "service_category": category,
            "move_ids": [
                Command.create(
                    {"product_id": p.id, "product_uom_qty": qty, "repair_line_type": "add"}
                )
                for p, qty in parts
            ],
        }
        if hours:
            values["labour_ids"] = [
                Command.create({"product_id": cls.product_labour.id, "hours": hours})
            ]
        values.update(vals)
        return cls.env["repair.order"].create(values)

    def _start(self, repair):
        if repair.service_category == "paid":
            repair.write({"customer_acceptance_state": "accepted"})
        repair.action_validate()
        repair.with_user(repair.user_id).action_repair_start()
        self.assertEqual(repair.state, "under_repair")
        return repair

    def _to_inspection(self, repair):
        self._start(repair)
        repair.with_user(repair.user_id).action_repair_end()
        self.assertEqual(repair.state, "inspection")
        return repair

    def _to_done(self, repair):
        self._to_inspection(repair)
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")
        return repair

    def _tick_checklist(self, repair):
        repair.write(
            {
                "handover_unit_cleaned": True,
                "handover_accessories_returned": True,
                "handover_old_parts_shown": True,
                "handover_advice_given": True,
            }
        )
        repair.old_part_ids.write({"disposition": "return_customer"})

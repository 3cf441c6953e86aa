# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command

from .common import AftersalesCommon


class RepairDeskCommon(AftersalesCommon):
    """A desk with fault codes and helpers to open a repair for the serial forklift."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fault_battery = cls.env["aftersales.fault.code"].create(
            {
                "code": "T-BAT",
                "name": "Battery does not hold charge",
                "product_category_ids": [Command.link(cls.categ_unit.id)],
            }
        )
        cls.other_categ = cls.env["product.category"].create({"name": "Test Pallet Trucks"})
        cls.fault_other = cls.env["aftersales.fault.code"].create(
            {
                "code": "T-PAL",
                "name": "Pallet truck wheel worn",
                "product_category_ids": [Command.link(cls.other_categ.id)],
            }
        )
        cls.fault_general = cls.env["aftersales.fault.code"].create(
            {"code": "T-GEN", "name": "No fault found"}
        )

    @classmethod
    def _create_repair(cls, lot=None, user=None, **vals):
        env = cls.env(user=user) if user else cls.env
        values = {
            "partner_id": cls.customer.id,
            "product_id": cls.product_unit.id,
            "lot_id": (lot or cls._create_serial(f"SN-{cls._next_serial()}")).id,
            "user_id": cls.technician.id,
        }
        values.update(vals)
        return env["repair.order"].create(values)

    _serial_counter = 0

    @classmethod
    def _next_serial(cls):
        RepairDeskCommon._serial_counter += 1
        return RepairDeskCommon._serial_counter

    @classmethod
    def _add_part(cls, repair, product, qty=1.0, **vals):
        values = {
            "repair_id": repair.id,
            "repair_line_type": "add",
            "product_id": product.id,
            "product_uom_qty": qty,
        }
        values.update(vals)
        return cls.env["stock.move"].create(values)

    @classmethod
    def _add_labour(cls, repair, hours, **vals):
        values = {"repair_id": repair.id, "product_id": cls.product_labour.id, "hours": hours}
        values.update(vals)
        return cls.env["aftersales.repair.labour"].create(values)

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command

from odoo.addons.aftersales_repair.tests.common import AftersalesCommon


class WarrantyCommon(AftersalesCommon):
    """The forklift of issue 4: frame (whole unit) 36 months, battery 12, controller 18."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part_frame = cls._create_part("Test Mast Frame Crossmember", 540.0, 300.0)
        cls.product_unit.default_code = "T-EF25"
        cls.product_unit.warranty_part_ids = [
            Command.set(
                (cls.part_battery | cls.part_controller | cls.part_frame).product_tmpl_id.ids
            )
        ]
        cls.policy = cls.env["aftersales.warranty.policy"].create(
            {
                "name": "Test EF-25 warranty",
                "product_tmpl_id": cls.product_unit.product_tmpl_id.id,
                "period_months": 36,
                "line_ids": [
                    Command.create({"part_product_id": cls.part_battery.id, "period_months": 12}),
                    Command.create(
                        {"part_product_id": cls.part_controller.id, "period_months": 18}
                    ),
                ],
            }
        )
        cls.customer_location = cls.env.ref("stock.stock_location_customers")

    @classmethod
    def _deliver(cls, lot_name, date, partner=None, production_batch=False):
        """Sell and deliver one unit of serial ``lot_name`` on ``date``; returns the lot."""
        partner = partner or cls.customer
        with freeze_time(date):
            lot = cls.env["stock.lot"].create(
                {
                    "name": lot_name,
                    "product_id": cls.product_unit.id,
                    "production_batch": production_batch,
                }
            )
            cls.env["stock.quant"]._update_available_quantity(
                cls.product_unit, cls.stock_location, 1.0, lot_id=lot
            )
            order = cls.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": cls.frontdesk.id,
                    "order_line": [
                        Command.create({"product_id": cls.product_unit.id, "product_uom_qty": 1})
                    ],
                }
            )
            order.action_confirm()
            picking = order.picking_ids
            picking.action_assign()
            picking.move_line_ids.write({"lot_id": lot.id, "quantity": 1.0})
            picking.move_ids.picked = True
            picking.button_validate()
        return lot

    @classmethod
    def _repair(cls, lot, date, cause=False, parts=None, hours=2.0, **vals):
        parts = cls.part_battery | cls.part_controller | cls.part_frame if parts is None else parts
        with freeze_time(date):
            return cls.env["repair.order"].create(
                dict(
                    {
                        "product_id": cls.product_unit.id,
                        "lot_id": lot.id,
                        "partner_id": cls.customer.id,
                        "failure_cause": cause,
                        "move_ids": [
                            Command.create(
                                {
                                    "repair_line_type": "add",
                                    "product_id": part.id,
                                    "product_uom_qty": 1.0,
                                }
                            )
                            for part in parts
                        ],
                        "labour_ids": [
                            Command.create({"product_id": cls.product_labour.id, "hours": hours})
                        ]
                        if hours
                        else [],
                    },
                    **vals,
                )
            )

    def _move(self, repair, part):
        return repair.move_ids.filtered(lambda m: m.product_id == part)

    def _sale_line(self, repair, part):
        return self._move(repair, part).sale_line_id

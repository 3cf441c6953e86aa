# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.aftersales_warranty.tests.warranty_common import WarrantyCommon


class RmaCommon(WarrantyCommon):
    """The forklift of the warranty tests (frame 36 months, battery 12, controller 18),
    returned by its customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env.ref("stock.warehouse0")
        cls.stock_user = new_test_user(
            cls.env, login="as_rma_stock", groups="stock.group_stock_user"
        )
        cls.maker = cls.env["res.partner"].create({"name": "Test Forklift Works"})
        cls.vendor_unit = cls.env["res.partner"].create({"name": "Test Forklift Distributor"})
        cls.product_unit.product_tmpl_id.aftersales_maker_id = cls.maker
        cls.product_unit.seller_ids = [
            (0, 0, {"partner_id": cls.vendor_unit.id, "price": 19000.0})
        ]
        cls.other_customer = cls.env["res.partner"].create({"name": "Other Customer Test"})

    @classmethod
    def _rma(cls, lot, user=None, partner=None, **vals):
        return (
            cls.env["rma"]
            .with_user(user or cls.frontdesk)
            .create(
                dict(
                    {
                        "partner_id": (partner or cls.customer).id,
                        "lot_id": lot.id,
                        "operation_id": cls.env.ref("rma.rma_operation_replace").id,
                        "return_reason": "Mast judders when lifting",
                    },
                    **vals,
                )
            )
        )

    @classmethod
    def _validate(cls, picking, lot):
        """Validate ``picking`` with serial ``lot`` on its single move (as the warehouse)."""
        picking = picking.with_user(cls.stock_user)
        picking.action_assign()
        move = picking.move_ids
        move.move_line_ids.unlink()
        cls.env["stock.move.line"].create(
            move._prepare_move_line_vals(quantity=1.0) | {"lot_id": lot.id}
        )
        move.picked = True
        picking.button_validate()

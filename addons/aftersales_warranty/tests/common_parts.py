# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.aftersales_repair.tests.common import AftersalesCommon

GROUP = "aftersales_repair.aftersales_group_"
# a 1x1 PNG: the technician's signature drawn on the issue transfer
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
    "AAAABJRU5ErkJggg=="
)


class WarrantyPartsCommon(AftersalesCommon):
    """Approvers (readme/CONFIGURE.md, "Warranty part approval thresholds"), a warehouse clerk, a
    dealer and helpers to request, approve, issue and return warranty parts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = new_test_user(
            cls.env, login="wp_head", groups=GROUP + "service_centre_head", name="Centre Head"
        )
        cls.quality_manager = new_test_user(
            cls.env, login="wp_qm", groups=GROUP + "quality_manager", name="Quality Manager"
        )
        cls.service_vp = new_test_user(
            cls.env, login="wp_svp", groups=GROUP + "service_vp", name="Service VP"
        )
        cls.supply_vp = new_test_user(
            cls.env, login="wp_supvp", groups=GROUP + "supply_vp", name="Supply VP"
        )
        cls.sales_vp = new_test_user(
            cls.env, login="wp_salesvp", groups=GROUP + "sales_vp", name="Sales VP"
        )
        cls.clerk = new_test_user(
            cls.env, login="wp_clerk", groups="stock.group_stock_user", name="Warehouse Clerk"
        )
        cls.dealer = cls.env["res.partner"].create(
            {"name": "East Forklift Dealer Test", "is_company": True}
        )
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Volt Batteries Supply Test", "is_company": True}
        )
        cls.groups = {
            name: cls.env.ref(GROUP + name)
            for name in (
                "service_centre_head",
                "quality_manager",
                "service_vp",
                "supply_vp",
                "sales_vp",
            )
        }
        cls.serial = cls._create_serial("EF25-WP-0001", in_stock=False)
        cls.part_seal = cls._create_part("Test Hydraulic Seal", 45.0, 30.0)

    def _request(self, part=None, qty=1.0, user=None, **vals):
        user = user or self.technician
        values = {
            "technician_id": self.technician.id,
            "lot_id": self.serial.id,
            "line_ids": [
                Command.create({"product_id": (part or self.part_seal).id, "quantity": qty})
            ],
        }
        values.update(vals)
        return self.env["aftersales.warranty.part.request"].with_user(user).create(values)

    def _part_costing(self, cost, qty=10.0, name=None):
        return self._create_part(name or f"Test Part {cost}", cost * 1.5, cost, qty=qty)

    def _required_groups(self, request):
        names = {group: name for name, group in self.groups.items()}
        reviews = request.approval_review_ids.filtered(lambda r: r.status != "cancelled")
        return {names[group] for group in reviews.group_id}

    def _approve_all(self, request, users):
        for user in users:
            request.with_user(user).action_approve()

    def _issue(self, request):
        """Validate the issue transfer as the warehouse clerk (the technician signs for the
        parts on it first when they are handed over)."""
        picking = request.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        if request._needs_technician_signature():
            picking.with_user(self.clerk).signature = SIGNATURE
        picking.with_user(self.clerk).button_validate()
        return picking

    def _receive(self, part_return, qty=None):
        action = part_return.with_user(self.clerk).action_receive()
        picking = self.env["stock.picking"].browse(action["res_id"])
        if qty is not None:
            picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.with_user(self.clerk).button_validate()
        return picking

    def _inspect(self, part_return, cause="quality", **overrides):
        """Service (the manager) then Quality (the inspector) fill and sign; every answer is
        "fine" unless overridden (e.g. ``quality_user_damage=True``)."""
        flags = {"complete": True, "original": True, "warranty_case": True, "user_damage": False}
        for side, user in (("service", self.manager), ("quality", self.inspector)):
            vals = {
                f"{side}_{key}": overrides.get(f"{side}_{key}", value)
                for key, value in flags.items()
            }
            if side == "quality":
                vals["failure_cause"] = cause
            part_return.with_user(user).write(vals)
            getattr(part_return.with_user(user), f"action_sign_{side}_inspection")()

    def _issued_request(self, part=None, qty=1.0, **vals):
        """A request for ``part`` (cost <= 500: Service-centre head), approved and issued."""
        request = self._request(part=part, qty=qty, **vals)
        request.with_user(self.technician).action_submit()
        self._approve_all(request, [self.head])
        self._issue(request)
        return request

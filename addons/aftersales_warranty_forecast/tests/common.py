# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.aftersales_warranty.tests.warranty_common import WarrantyCommon


class ForecastCommon(WarrantyCommon):
    """The forklift of the warranty tests (battery 12 months, controller 18, unit 36), its
    serials registered directly in the delivered-serial register, failures recorded as
    failure reports, an accountant and an auditor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env, login="as_accountant", groups="account.group_account_invoice"
        )
        cls.auditor = new_test_user(
            cls.env, login="as_auditor", groups="account.group_account_readonly"
        )
        cls.buyer = new_test_user(cls.env, login="as_buyer", groups="stock.group_stock_user")

    @classmethod
    def _register(cls, names, delivery_date):
        """Serials of the forklift in the register, delivered on ``delivery_date``."""
        lots = cls.env["stock.lot"].create(
            [{"name": name, "product_id": cls.product_unit.id} for name in names]
        )
        cls.env["aftersales.warranty"].create(
            [
                {
                    "lot_id": lot.id,
                    "product_id": cls.product_unit.id,
                    "partner_id": cls.customer.id,
                    "policy_id": cls.policy.id,
                    "delivery_date": delivery_date,
                    "sale_date": delivery_date,
                }
                for lot in lots
            ]
        )
        return lots

    @classmethod
    def _fail(cls, failures, part):
        """Failure reports of ``part`` on (lot, failure date) pairs, each with its repair."""
        with freeze_time(date(2025, 1, 1)):
            repairs = cls.env["repair.order"].create(
                [
                    {
                        "product_id": cls.product_unit.id,
                        "lot_id": lot.id,
                        "partner_id": cls.customer.id,
                    }
                    for lot, __ in failures
                ]
            )
        return cls.env["aftersales.failure.report"].create(
            [
                {"repair_id": repair.id, "failed_part_id": part.id, "failure_date": day}
                for repair, (__, day) in zip(repairs, failures, strict=True)
            ]
        )

    @classmethod
    def _warranty_repair(cls, lot, day, part, hours=2.0):
        """A warranty repair replacing ``part`` on ``lot``, done on ``day``."""
        with freeze_time(day):
            repair = cls.env["repair.order"].create(
                {
                    "product_id": cls.product_unit.id,
                    "lot_id": lot.id,
                    "partner_id": cls.customer.id,
                    "failure_cause": "quality",
                    "move_ids": [
                        Command.create(
                            {
                                "repair_line_type": "add",
                                "product_id": part.id,
                                "product_uom_qty": 1.0,
                            }
                        )
                    ],
                    "labour_ids": [
                        Command.create(
                            {
                                "product_id": cls.product_labour.id,
                                "hours": hours,
                                "warranty_part_id": part.id,
                            }
                        )
                    ],
                }
            )
            repair.action_validate()
            repair.action_repair_start()
            repair.move_ids.picked = True
            repair.action_repair_end()
            repair.with_user(cls.inspector).action_inspection_pass()
        return repair

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestCallbackDueFilter(FeedbackCommon):
    """The scheduler reads only the deliveries with a call due (issue 9: a plan repeated
    yearly used to read every delivery ever made on each daily run)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Callback = cls.env["aftersales.callback"]
        cls.plan = cls.env.ref("aftersales_feedback.callback_plan_delivery")
        cls.plan.write({"user_id": cls.salesperson.id, "catch_up_days": 5})
        customers = cls.env.ref("stock.stock_location_customers")
        cls.lots = cls.env["stock.lot"].create(
            [{"name": f"SN-DUE-{i}", "product_id": cls.product_unit.id} for i in range(2)]
        )
        for lot in cls.lots:
            cls.env["stock.quant"]._update_available_quantity(
                cls.product_unit, cls.stock_location, 1.0, lot_id=lot
            )
        with freeze_time("2026-01-05 09:00:00"):
            picking = cls.env["stock.picking"].create(
                {
                    "partner_id": cls.customer.id,
                    "picking_type_id": cls.env.ref("stock.picking_type_out").id,
                    "location_id": cls.stock_location.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": cls.product_unit.name,
                                "product_id": cls.product_unit.id,
                                "product_uom_qty": 2.0,
                                "product_uom": cls.product_unit.uom_id.id,
                                "location_id": cls.stock_location.id,
                                "location_dest_id": customers.id,
                            },
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            picking.move_ids.picked = True
            picking._action_done()

    def _sources(self, now):
        now = datetime.fromisoformat(now)
        catch_up = timedelta(days=self.plan.catch_up_days)
        window = (now.replace(hour=0) - catch_up, now.replace(hour=23))
        rows = self.Callback._plan_sources(self.plan, None, now, due_window=window)
        return {row["lot_id"] for row in rows if row["source"] == "delivery"}

    def test_only_due_deliveries_are_read(self):
        # 10 days, 1, 3, 6 and 12 months, then yearly on 5 January
        for due in ("2026-01-15", "2026-02-05", "2026-04-05", "2026-07-05", "2027-01-05"):
            self.assertEqual(self._sources(f"{due} 08:00:00"), set(self.lots.ids), due)
        self.assertEqual(self._sources("2029-01-06 08:00:00"), set(self.lots.ids))
        # nothing falls due in these windows: the deliveries are not read at all
        for idle in ("2026-03-20", "2026-10-20", "2028-06-15", "2029-09-01"):
            self.assertEqual(self._sources(f"{idle} 08:00:00"), set(), idle)

    def test_cron_same_calls_with_the_filter(self):
        with freeze_time("2028-01-05 06:00:00"):
            created = self.Callback._cron_generate_callbacks()
        yearly = self.Callback.search([("plan_id", "=", self.plan.id)])
        self.assertEqual(created, 2)
        self.assertEqual(set(yearly.lot_id), set(self.lots))
        self.assertEqual(set(yearly.mapped("occurrence")), {1})
        self.assertEqual(yearly[0].due_date, datetime(2028, 1, 5, 9, 0))

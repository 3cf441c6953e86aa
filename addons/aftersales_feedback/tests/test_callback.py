# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestCallbacks(FeedbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Callback = cls.env["aftersales.callback"]
        cls.delivery_plan = cls.env.ref("aftersales_feedback.callback_plan_delivery")
        cls.repair_plan = cls.env.ref("aftersales_feedback.callback_plan_repair")
        cls.delivery_plan.write({"user_id": cls.salesperson.id, "catch_up_days": 5})
        cls.repair_plan.user_id = cls.salesperson
        cls.customer.aftersales_preferred_call_time = 10.5  # 10:30
        cls.salesperson.tz = "UTC"
        cls.customers_location = cls.env.ref("stock.stock_location_customers")

    @classmethod
    def _deliver(cls, lots, when):
        """Deliver serial units to the customer at `when` (one picking, one line each)."""
        with freeze_time(when):
            picking = cls.env["stock.picking"].create(
                {
                    "partner_id": cls.customer.id,
                    "picking_type_id": cls.env.ref("stock.picking_type_out").id,
                    "location_id": cls.stock_location.id,
                    "location_dest_id": cls.customers_location.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": cls.product_unit.name,
                                "product_id": cls.product_unit.id,
                                "product_uom_qty": len(lots),
                                "product_uom": cls.product_unit.uom_id.id,
                                "location_id": cls.stock_location.id,
                                "location_dest_id": cls.customers_location.id,
                            },
                        )
                    ],
                }
            )
            picking.action_confirm()
            move = picking.move_ids
            move.move_line_ids.unlink()
            cls.env["stock.move.line"].create(
                [
                    {
                        "move_id": move.id,
                        "picking_id": picking.id,
                        "product_id": cls.product_unit.id,
                        "lot_id": lot.id,
                        "quantity": 1.0,
                        "location_id": cls.stock_location.id,
                        "location_dest_id": cls.customers_location.id,
                    }
                    for lot in lots
                ]
            )
            move.picked = True
            picking._action_done()
        return picking

    def _lots(self, count, prefix="SN-CB"):
        return self.env["stock.lot"].create(
            [{"name": f"{prefix}-{i}", "product_id": self.product_unit.id} for i in range(count)]
        )

    def _keys(self):
        return set(
            self.Callback.search([("plan_id", "=", self.delivery_plan.id)]).mapped("source_key")
        )

    def test_default_plans(self):
        steps = self.delivery_plan.step_ids.sorted("sequence")
        self.assertEqual(
            [(s.offset_value, s.offset_unit) for s in steps],
            [(10, "days"), (1, "months"), (3, "months"), (6, "months"), (12, "months")],
        )
        self.assertTrue(self.delivery_plan.repeat_yearly)
        self.assertEqual(
            [
                (s.offset_value, s.offset_unit)
                for s in self.repair_plan.step_ids.sorted("sequence")
            ],
            [(3, "days"), (10, "days")],
        )
        guidance = self.env.ref("aftersales_feedback.callback_plan_phone_guidance")
        self.assertEqual(
            [(s.offset_value, s.offset_unit) for s in guidance.step_ids], [(2, "hours")]
        )

    def test_non_positive_interval_refused(self):
        for value in (0, -3):
            with self.assertRaisesRegex(ValidationError, "must be positive"), self.cr.savepoint():
                self.env["aftersales.callback.plan"].create(
                    {
                        "name": "Bad",
                        "trigger": "repair",
                        "step_ids": [(0, 0, {"offset_value": value, "offset_unit": "days"})],
                    }
                )

    def test_cron_delivery_schedule_idempotent(self):
        lots = self._lots(3)
        for lot in lots:
            self.env["stock.quant"]._update_available_quantity(
                self.product_unit, self.stock_location, 1.0, lot_id=lot
            )
        self._deliver(lots, "2026-01-05 09:00:00")
        with freeze_time("2026-01-14 10:00:00"):
            # due on 15 January (10 days): created by the run of the day before
            self.Callback._cron_generate_callbacks()
            callbacks = self.Callback.search([("plan_id", "=", self.delivery_plan.id)])
            self.assertEqual(len(callbacks), 3)
            self.assertEqual(set(callbacks.lot_id), set(lots))
            callback = callbacks[0]
            self.assertEqual(callback.due_date, datetime(2026, 1, 15, 9, 0))
            self.assertEqual(callback.call_at, datetime(2026, 1, 15, 10, 30))
            self.assertEqual(callback.user_id, self.salesperson)
            activity = callback.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.salesperson)
            self.assertEqual(str(activity.date_deadline), "2026-01-15")
            self.assertIn("10:30", activity.summary)
            self.assertIn("operators trained", activity.note)
            # running twice creates nothing twice
            self.Callback._cron_generate_callbacks()
            self.assertEqual(
                self.Callback.search_count([("plan_id", "=", self.delivery_plan.id)]), 3
            )
        with freeze_time("2026-02-05 06:00:00"):
            self.Callback._cron_generate_callbacks()
            self.Callback._cron_generate_callbacks()
            self.assertEqual(
                self.Callback.search_count([("plan_id", "=", self.delivery_plan.id)]), 6
            )
        # one year after the last step (12 months): the yearly call
        with freeze_time("2028-01-05 06:00:00"):
            self.Callback._cron_generate_callbacks()
            yearly = self.Callback.search(
                [("plan_id", "=", self.delivery_plan.id), ("occurrence", "=", 1)]
            )
            self.assertEqual(len(yearly), 3)
            self.assertEqual(yearly[0].due_date, datetime(2028, 1, 5, 9, 0))
            self.Callback._cron_generate_callbacks()
            self.assertEqual(
                self.Callback.search_count(
                    [("plan_id", "=", self.delivery_plan.id), ("occurrence", "=", 1)]
                ),
                3,
            )

    def test_category_filter(self):
        self.delivery_plan.product_categ_ids = self.categ_part
        lots = self._lots(1, "SN-CAT")
        self.env["stock.quant"]._update_available_quantity(
            self.product_unit, self.stock_location, 1.0, lot_id=lots
        )
        self._deliver(lots, "2026-01-05 09:00:00")
        with freeze_time("2026-01-14 10:00:00"):
            self.Callback._cron_generate_callbacks()
        self.assertFalse(self.Callback.search([("plan_id", "=", self.delivery_plan.id)]))

    def test_cron_many_units_in_few_queries(self):
        lots = self._lots(300, "SN-BULK")
        for lot in lots:
            self.env["stock.quant"]._update_available_quantity(
                self.product_unit, self.stock_location, 1.0, lot_id=lot
            )
        self._deliver(lots, "2026-01-05 09:00:00")
        with freeze_time("2026-01-14 10:00:00"):
            self.env.invalidate_all()
            self.Callback._cron_generate_callbacks()  # warm-up of the registry caches
        self.Callback.search([]).unlink()
        with freeze_time("2026-01-14 10:00:00"):
            self.env.invalidate_all()
            queries_before = self.cr.sql_log_count
            self.Callback._cron_generate_callbacks()
            queries = self.cr.sql_log_count - queries_before
        self.assertEqual(
            self.Callback.search_count([("plan_id", "=", self.delivery_plan.id)]), 300
        )
        self.assertLess(queries, 150, "the scheduler must not run a query per unit")

    def test_repair_callbacks_and_outcomes(self):
        with freeze_time("2026-03-02 09:00:00"):
            repair = self._done_repair("SN-CB-REP")
        with freeze_time("2026-03-04 10:00:00"):
            self.Callback._cron_generate_callbacks()
        callback = self.Callback.search([("repair_id", "=", repair.id)])
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.user_id, self.technician, "the repair's technician calls")
        with self.assertRaisesRegex(UserError, "outcome"):
            callback.action_record_outcome()
        callback.write({"outcome": "call_again"})
        with self.assertRaisesRegex(UserError, "when to call again"):
            callback.action_record_outcome()
        callback.write({"outcome": "satisfied"})
        callback.action_record_outcome()
        self.assertEqual(callback.state, "done")
        with freeze_time("2026-03-11 10:00:00"):
            self.Callback._cron_generate_callbacks()
        second = self.Callback.search([("repair_id", "=", repair.id)]) - callback
        self.assertEqual(len(second), 1)
        second.notes = "Mast drifts again"
        action = second.action_open_complaint()
        complaint = self.env["aftersales.complaint"].browse(action["res_id"])
        self.assertEqual(second.outcome, "issue_found")
        self.assertEqual(complaint.lot_id, repair.lot_id)
        self.assertEqual(complaint.channel, "callback")
        action = second.action_create_repair()
        self.assertEqual(second.created_repair_id.lot_id, repair.lot_id)

    def test_phone_guidance_enquiry(self):
        guidance = self.env.ref("aftersales_feedback.callback_plan_phone_guidance")
        guidance.user_id = self.salesperson
        with freeze_time("2026-03-02 09:00:00"):
            enquiry = self.env["aftersales.complaint"].create(
                {
                    "subject": "How to reset E-32?",
                    "kind": "enquiry",
                    "partner_id": self.customer.id,
                }
            )
            enquiry.write({"answer": "Power-cycle the controller", "answer_method": "phone"})
            enquiry.action_close()
        callback = self.Callback.search([("plan_id", "=", guidance.id)])
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.due_date, datetime(2026, 3, 2, 11, 0))
        self.assertEqual(
            callback.call_at, datetime(2026, 3, 2, 11, 0), "2 hours, not the preferred time"
        )

    def test_call_again_and_scheduled_action(self):
        with freeze_time("2026-03-02 09:00:00"):
            repair = self._done_repair("SN-CB-AGAIN")
        cron = self.env.ref("aftersales_feedback.ir_cron_aftersales_callbacks")
        with freeze_time("2026-03-04 10:00:00"):
            cron.method_direct_trigger()
            cron.method_direct_trigger()
        callback = self.Callback.search([("repair_id", "=", repair.id)])
        self.assertEqual(len(callback), 1, "the scheduled action is idempotent")
        callback.write({"outcome": "call_again", "call_again_date": "2026-03-06 14:00:00"})
        callback.action_record_outcome()
        self.assertEqual(callback.state, "planned")
        self.assertEqual(len(callback.activity_ids), 1)
        self.assertEqual(str(callback.activity_ids.date_deadline), "2026-03-06")
        self.assertEqual(callback.activity_ids.summary, "Call again")

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .service_common import ServiceLevelCommon

FRIDAY_15 = datetime(2026, 11, 20, 15, 0)


@tagged("post_install", "-at_install")
class TestDispatch(ServiceLevelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(FRIDAY_15):
            cls.repair = cls._repair(service_mode="on_site", site_distance_km=12.0)

    def _dispatch(self, start, end, technicians=None, repair=None):
        return (
            self.env["aftersales.dispatch"]
            .sudo()
            .create(
                {
                    "repair_id": (repair or self.repair).id,
                    "technician_ids": [(6, 0, (technicians or self.technician).ids)],
                    "planned_start": start,
                    "planned_end": end,
                }
            )
        )

    def test_planning_the_trip_meets_the_visit_target(self):
        """(readme/CONFIGURE.md, "Response times") the visit is agreed and the technician
        dispatched the same day, never beyond 24 h (clock hours); planning the trip meets the
        target."""
        visit = self._deadline(self.repair, "dispatch")
        self.assertEqual(
            visit.policy_id, self.env.ref("aftersales_repair.aftersales_sla_policy_dispatch")
        )
        self.assertEqual(visit.deadline_datetime, datetime(2026, 11, 21, 15, 0))
        with freeze_time(datetime(2026, 11, 20, 16, 45)):
            self._dispatch(datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 21, 13, 0))
        self.assertEqual(visit.state, "met")
        self.assertEqual(visit.met_datetime, datetime(2026, 11, 20, 16, 45))
        # a second trip changes nothing; an in-shop repair has no visit to plan
        with freeze_time(datetime(2026, 11, 25, 9, 0)):
            self._dispatch(datetime(2026, 11, 25, 9, 0), datetime(2026, 11, 25, 12, 0))
        self.assertEqual(visit.state, "met")
        with freeze_time(FRIDAY_15):
            in_shop = self._repair(service_mode="in_shop")
        self.assertFalse(self._deadline(in_shop, "dispatch"))

    def test_checkin_meets_arrival_target(self):
        """Within 50 km: arrival within 48 h; checking in on Saturday 10:00 meets it."""
        arrival = self._deadline(self.repair, "arrival")
        self.assertEqual(arrival.deadline_datetime, datetime(2026, 11, 22, 15, 0))
        dispatch = self._dispatch(datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 21, 13, 0))
        with freeze_time(datetime(2026, 11, 21, 10, 0)):
            dispatch.with_user(self.technician).action_check_in()
        self.assertEqual(dispatch.state, "on_site")
        self.assertEqual(dispatch.checkin_datetime, datetime(2026, 11, 21, 10, 0))
        self.assertEqual(arrival.met_datetime, datetime(2026, 11, 21, 10, 0))
        self.assertEqual(arrival.state, "met")

    def test_late_checkin_is_met_late(self):
        arrival = self._deadline(self.repair, "arrival")
        dispatch = self._dispatch(datetime(2026, 11, 24, 9, 0), datetime(2026, 11, 24, 12, 0))
        with freeze_time(datetime(2026, 11, 24, 9, 30)):
            dispatch.action_check_in()
        self.assertEqual(arrival.state, "met_late")

    def test_trip_report_within_3_working_days(self):
        """(readme/CONFIGURE.md, "Response times") trip report within 3 working days of return.
        Back on Friday: the working days after it are Tuesday (Monday is a holiday), Wednesday,
        Thursday."""
        dispatch = self._dispatch(datetime(2026, 11, 20, 13, 0), datetime(2026, 11, 20, 16, 0))
        with freeze_time(datetime(2026, 11, 20, 13, 30)):
            dispatch.action_check_in()
        with freeze_time(datetime(2026, 11, 20, 16, 0)):
            dispatch.action_check_out()
        report = self._deadline(dispatch, "trip_report")
        self.assertEqual(report.deadline_datetime, datetime(2026, 11, 26, 17, 0))
        self.assertEqual(report.user_id, self.technician)
        with self.assertRaises(UserError):
            dispatch.action_submit_report()  # nothing written or attached
        dispatch.trip_report = "<p>Replaced the lift cylinder seals; tested under load.</p>"
        dispatch.expense_amount = 42.5
        with freeze_time(datetime(2026, 11, 25, 11, 0)):
            dispatch.action_submit_report()
        self.assertEqual(report.state, "met")
        self.assertEqual(dispatch.state, "reported")
        self.assertEqual(dispatch.sla_state, "on_track", "the manager's review is still due")

    def test_trip_review_within_5_working_days(self):
        """(readme/CONFIGURE.md, "Response times") the trip's cost and satisfaction review within 5
        working days of the return. Back on Friday 20: Tuesday 24 (Monday 23 is a holiday) to
        Monday 30."""
        dispatch = self._dispatch(datetime(2026, 11, 20, 13, 0), datetime(2026, 11, 20, 16, 0))
        with freeze_time(datetime(2026, 11, 20, 13, 30)):
            dispatch.action_check_in()
        with freeze_time(datetime(2026, 11, 20, 16, 0)):
            dispatch.action_check_out()
        review = self._deadline(dispatch, "trip_review")
        self.assertEqual(
            review.policy_id, self.env.ref("aftersales_repair.aftersales_sla_policy_trip_review")
        )
        self.assertEqual(review.deadline_datetime, datetime(2026, 11, 30, 17, 0))
        with self.assertRaisesRegex(UserError, "Submit the trip report"):
            dispatch.with_user(self.manager).action_review()
        dispatch.trip_report = "<p>Seals replaced.</p>"
        with freeze_time(datetime(2026, 11, 24, 9, 0)):
            dispatch.action_submit_report()
        with self.assertRaisesRegex(UserError, "Write the cost and satisfaction review"):
            dispatch.with_user(self.manager).action_review()
        dispatch.review_note = "4 h on site as planned, 42.50 of fuel; customer satisfied."
        with self.assertRaises(AccessError):
            dispatch.with_user(self.technician).action_review()
        self.assertEqual(review.state, "on_track")
        with freeze_time(datetime(2026, 11, 27, 10, 0)):
            dispatch.with_user(self.manager).action_review()
        self.assertEqual(dispatch.state, "reviewed")
        self.assertEqual(dispatch.reviewed_by_id, self.manager)
        self.assertEqual(review.state, "met")
        self.assertEqual(review.met_datetime, datetime(2026, 11, 27, 10, 0))
        self.assertEqual(dispatch.sla_state, "met")

    def test_checkout_before_checkin_refused(self):
        dispatch = self._dispatch(datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 21, 13, 0))
        with freeze_time(datetime(2026, 11, 21, 10, 0)):
            dispatch.action_check_in()
        # a clock set back: the check-out would come before the check-in
        with freeze_time(datetime(2026, 11, 21, 9, 30)), self.assertRaises(ValidationError):
            dispatch.action_check_out()
        self.assertFalse(dispatch.checkout_datetime)
        self.assertEqual(dispatch.state, "on_site")
        with self.assertRaises(ValidationError):
            dispatch.checkout_datetime = datetime(2026, 11, 21, 9, 0)  # a data fix
        with self.assertRaises(ValidationError):
            self._dispatch(datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 21, 8, 0))

    def test_conflicts_and_load(self):
        first = self._dispatch(
            datetime(2026, 11, 24, 8, 0), datetime(2026, 11, 24, 12, 0), self.technician
        )
        second = self._dispatch(
            datetime(2026, 11, 24, 11, 0),
            datetime(2026, 11, 24, 14, 0),
            self.technician | self.technician_2,
        )
        third = self._dispatch(
            datetime(2026, 11, 24, 12, 0), datetime(2026, 11, 24, 13, 0), self.technician
        )
        self.assertTrue(first.has_conflict)
        self.assertEqual(first.conflict_ids, second)
        self.assertEqual(second.conflict_ids, first | third)
        self.assertTrue(third.has_conflict)
        second.action_cancel()
        (first | third).invalidate_recordset(["has_conflict", "conflict_ids"])
        self.assertFalse(first.has_conflict, "back to back is no conflict")
        self.assertFalse(third.has_conflict)
        load = dict(
            self.env["aftersales.dispatch"]._read_group(
                [("state", "!=", "cancel"), ("id", "in", (first | second | third).ids)],
                ["technician_ids"],
                ["planned_hours:sum"],
            )
        )
        self.assertEqual(load[self.technician], 5.0)

    @users("as_technician")
    def test_technician_checks_in_and_out(self):
        dispatch = self._dispatch(
            datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 21, 13, 0), self.env.user
        ).with_user(self.env.user)
        with freeze_time(datetime(2026, 11, 21, 10, 0)):
            dispatch.action_check_in()
        with freeze_time(datetime(2026, 11, 21, 12, 0)):
            dispatch.action_check_out()
        self.assertEqual(dispatch.state, "returned")
        self.assertEqual(dispatch.checkout_datetime, datetime(2026, 11, 21, 12, 0))

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .service_common import ServiceLevelCommon

FRIDAY_15 = datetime(2026, 11, 20, 15, 0)


@tagged("post_install", "-at_install")
class TestDispatchStateGuard(ServiceLevelCommon):
    """The state of a trip changes only as its buttons change it, whatever path writes it
    (RPC, an import): the same checks, the same records (check-in and check-out times, report
    date, reviewer); what the buttons record cannot be written; only a planned trip or a trip
    on site is cancelled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(FRIDAY_15):
            cls.repair = cls._repair(service_mode="on_site", site_distance_km=12.0)
            cls.trip = cls._trip()

    @classmethod
    def _trip(cls):
        return (
            cls.env["aftersales.dispatch"]
            .with_user(cls.frontdesk)
            .create(
                {
                    "repair_id": cls.repair.id,
                    "technician_ids": [(6, 0, cls.technician.ids)],
                    "planned_start": datetime(2026, 11, 21, 9, 0),
                    "planned_end": datetime(2026, 11, 21, 13, 0),
                }
            )
        )

    def _write(self, trip, vals, user=None):
        trip.with_user(user or self.technician).write(vals)

    def _returned(self, trip):
        trip.with_user(self.technician).action_check_in()
        trip.with_user(self.technician).action_check_out()
        return trip

    def _reported(self, trip):
        self._returned(trip)
        self._write(trip, {"trip_report": "<p>Seals replaced.</p>"})
        trip.with_user(self.technician).action_submit_report()
        return trip

    def test_state_written_is_checked_as_the_buttons(self):
        trip = self.trip
        with self.assertRaisesRegex(UserError, "Check in on the trip before checking out"):
            self._write(trip, {"state": "returned"})
        with self.assertRaisesRegex(AccessError, "Only an After-Sales Manager reviews"):
            self._write(trip, {"state": "reviewed"})
        with self.assertRaisesRegex(UserError, "Submit the trip report of .* before reviewing"):
            self._write(trip, {"state": "reviewed"}, self.manager)
        self.assertEqual(trip.state, "planned")
        self._returned(trip)
        with self.assertRaisesRegex(UserError, "Write the trip report of .* or attach it"):
            self._write(trip, {"state": "reported"})
        self._write(trip, {"trip_report": "<p>Seals replaced.</p>"})
        self._write(trip, {"state": "reported"})
        # a manager cannot mark it reviewed without the review, nor a technician at all
        with self.assertRaisesRegex(UserError, "Write the cost and satisfaction review"):
            self._write(trip, {"state": "reviewed"}, self.manager)
        self._write(trip, {"review_note": "On time, 30.00 of fuel; customer satisfied."})
        with self.assertRaisesRegex(AccessError, "Only an After-Sales Manager reviews"):
            self._write(trip, {"state": "reviewed"})
        self.assertEqual(trip.state, "reported")
        self.assertFalse(trip.reviewed_by_id)
        # back to an earlier state: no button does it
        with self.assertRaisesRegex(
            UserError, "cannot go from Reported to Planned. A trip is planned when it is created"
        ):
            self._write(trip, {"state": "planned"}, self.manager)
        # sudo() does not skip the checks of a button's change either
        other = self._returned(self._trip())
        with self.assertRaisesRegex(UserError, "Write the trip report of .* or attach it"):
            other.sudo().write({"state": "reported"})
        self.assertEqual(other.state, "returned")

    def test_state_written_records_what_the_button_records(self):
        """A bare write of the state does what the button does: the check-in meets the arrival
        target, the check-out starts the report and review targets, the reviewer is the user
        who marks it reviewed."""
        trip = self.trip
        arrival = self._deadline(self.repair, "arrival")
        with freeze_time(datetime(2026, 11, 21, 10, 0)):
            self._write(trip, {"state": "on_site"})
        self.assertEqual(trip.checkin_datetime, datetime(2026, 11, 21, 10, 0))
        self.assertEqual((arrival.state, arrival.met_datetime), ("met", trip.checkin_datetime))
        with freeze_time(datetime(2026, 11, 21, 12, 30)):
            self._write(trip, {"state": "returned"})
        self.assertEqual(trip.checkout_datetime, datetime(2026, 11, 21, 12, 30))
        report = self._deadline(trip, "trip_report")
        review = self._deadline(trip, "trip_review")
        self.assertEqual(report.start_datetime, datetime(2026, 11, 21, 12, 30))
        self.assertEqual(review.start_datetime, datetime(2026, 11, 21, 12, 30))
        self._write(trip, {"trip_report": "<p>Seals replaced.</p>"})
        with freeze_time(datetime(2026, 11, 24, 9, 0)):
            self._write(trip, {"state": "reported"})
        self.assertEqual(trip.report_date, datetime(2026, 11, 24, 9, 0))
        self.assertEqual(report.state, "met")
        self._write(trip, {"review_note": "On time; customer satisfied."}, self.manager)
        with freeze_time(datetime(2026, 11, 25, 9, 0)):
            self._write(trip, {"state": "reviewed"}, self.manager)
        self.assertEqual(
            (trip.reviewed_by_id, trip.review_datetime),
            (self.manager, datetime(2026, 11, 25, 9, 0)),
        )
        self.assertEqual(review.state, "met")

    def test_state_written_on_trips_in_several_states(self):
        """Only the trips making the change record it: a trip already on site keeps its
        check-in time."""
        first = self._trip()
        with freeze_time(datetime(2026, 11, 21, 9, 5)):
            first.with_user(self.technician).action_check_in()
        second = self._trip()
        with freeze_time(datetime(2026, 11, 21, 9, 40)):
            self._write(first | second, {"state": "on_site"})
        self.assertEqual(
            (first.checkin_datetime, second.checkin_datetime),
            (datetime(2026, 11, 21, 9, 5), datetime(2026, 11, 21, 9, 40)),
        )
        # the button refuses a trip already on site
        with self.assertRaisesRegex(UserError, "Only a planned trip can be checked in"):
            (first | self.trip).with_user(self.technician).action_check_in()
        self.assertEqual(self.trip.state, "planned")

    def test_what_the_buttons_record_is_refused(self):
        trip = self.trip
        with self.assertRaisesRegex(UserError, "Checked In of a trip are recorded by its buttons"):
            self._write(trip, {"checkin_datetime": datetime(2026, 11, 21, 8, 0)})
        with self.assertRaisesRegex(UserError, "recorded by its buttons"):
            self.env["aftersales.dispatch"].with_user(self.frontdesk).create(
                {
                    "repair_id": self.repair.id,
                    "technician_ids": [(6, 0, self.technician.ids)],
                    "planned_start": datetime(2026, 11, 22, 9, 0),
                    "planned_end": datetime(2026, 11, 22, 13, 0),
                    "checkin_datetime": datetime(2026, 11, 22, 9, 0),
                }
            )
        with self.assertRaisesRegex(UserError, "A trip is created as planned"):
            self.env["aftersales.dispatch"].with_user(self.frontdesk).create(
                {
                    "repair_id": self.repair.id,
                    "technician_ids": [(6, 0, self.technician.ids)],
                    "planned_start": datetime(2026, 11, 22, 9, 0),
                    "planned_end": datetime(2026, 11, 22, 13, 0),
                    "state": "reviewed",
                }
            )
        with freeze_time(datetime(2026, 11, 21, 10, 0)):
            self._reported(trip)
        self._write(trip, {"review_note": "On time; customer satisfied."}, self.manager)
        # the reviewer and the times are the buttons', even for a manager
        with self.assertRaisesRegex(UserError, "recorded by its buttons"):
            self._write(
                trip,
                {"reviewed_by_id": self.general_manager.id, "review_datetime": FRIDAY_15},
                self.manager,
            )
        with self.assertRaisesRegex(UserError, "Checked Out of a trip are recorded"):
            self._write(
                trip,
                {"state": "reviewed", "checkout_datetime": datetime(2026, 11, 21, 11, 0)},
                self.manager,
            )
        self.assertEqual(
            (trip.state, trip.checkout_datetime, trip.reviewed_by_id),
            ("reported", datetime(2026, 11, 21, 10, 0), self.env["res.users"]),
        )
        # the values it has may be sent again (a client saving the whole record)
        self._write(trip, {"checkin_datetime": trip.checkin_datetime}, self.manager)
        trip.with_user(self.manager).action_review()
        self.assertEqual(trip.reviewed_by_id, self.manager)

    def test_only_planned_or_on_site_trips_are_cancelled(self):
        planned = self._trip()
        on_site = self._trip()
        on_site.with_user(self.technician).action_check_in()
        returned = self._returned(self._trip())
        reported = self._reported(self._trip())
        self.assertEqual(
            [t.can_cancel for t in (planned, on_site, returned, reported)],
            [True, True, False, False],
        )
        for trip in (returned, reported):
            state = trip.state
            with self.assertRaisesRegex(UserError, "cannot be cancelled: only a planned trip"):
                trip.with_user(self.frontdesk).action_cancel()
            with self.assertRaisesRegex(UserError, "cannot be cancelled: only a planned trip"):
                self._write(trip, {"state": "cancel"}, self.manager)
            self.assertEqual(trip.state, state)
        # cancelled by either path, the open targets of the trip are dropped
        planned.with_user(self.frontdesk).action_cancel()
        self._write(on_site, {"state": "cancel"})
        self.assertEqual((planned.state, on_site.state), ("cancel", "cancel"))
        self.assertFalse(planned.can_cancel)
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            planned.with_user(self.frontdesk).action_cancel()
        with self.assertRaisesRegex(UserError, "cannot go from Cancelled to Planned"):
            self._write(planned, {"state": "planned"}, self.manager)
        # the form shows Cancel on the capability the action checks
        arch = self.env["aftersales.dispatch"].get_views([(False, "form")])["views"]["form"]
        button = etree.fromstring(arch["arch"]).xpath("//header/button[@name='action_cancel']")
        self.assertEqual(button[0].get("invisible"), "not can_cancel")

    def test_cancel_drops_the_trip_targets(self):
        returned = self._returned(self._trip())
        self.assertTrue(self._deadline(returned, "trip_report"))
        # a data fix by the superuser may go outside the buttons' changes
        returned.sudo().write({"state": "on_site"})
        self._write(returned, {"state": "cancel"})
        self.assertEqual(returned.state, "cancel")
        self.assertFalse(self._deadline(returned, "trip_report"))

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged, users

from .service_common import ServiceLevelCommon

# Friday 20 November 2026, 15:00 UTC: two working hours left that day; Saturday and Sunday
# are not worked, Monday 23 is a public holiday, work resumes on Tuesday 24 at 08:00.
FRIDAY_15 = datetime(2026, 11, 20, 15, 0)


@tagged("post_install", "-at_install")
class TestServiceLevels(ServiceLevelCommon):
    @freeze_time(FRIDAY_15)
    def test_working_hours_across_weekend_and_holiday(self):
        """(readme/CONFIGURE.md, "Response times"): contact within 4 working hours, solution
        within 8 working hours."""
        repair = self._repair(service_mode="in_shop")
        first = self._deadline(repair, "first_contact")
        self.assertEqual(
            first.policy_id, self.env.ref("aftersales_repair.aftersales_sla_policy_first_contact")
        )
        # Friday 15:00-17:00 (2 h), Monday holiday, Tuesday 08:00-10:00 (2 h)
        self.assertEqual(first.deadline_datetime, datetime(2026, 11, 24, 10, 0))
        solution = self._deadline(repair, "solution")
        # Friday 2 h + Tuesday 08:00-12:00 (4 h) + 13:00-15:00 (2 h)
        self.assertEqual(solution.deadline_datetime, datetime(2026, 11, 24, 15, 0))
        self.assertEqual(first.state, "on_track")
        self.assertEqual(repair.sla_state, "on_track")
        self.assertEqual(repair.sla_next_deadline, datetime(2026, 11, 24, 10, 0))
        # an in-shop repair has no arrival target
        self.assertFalse(self._deadline(repair, "arrival"))

    def test_walk_in_technician_within_half_an_hour(self):
        """(readme/CONFIGURE.md, "Response times"): a walk-in customer gets a technician within
        half an hour (working time); the walk-in rule replaces the 4-hour first contact."""
        walk_in_policy = self.env.ref("aftersales_repair.aftersales_sla_policy_walk_in")
        with freeze_time(FRIDAY_15):
            walk_in = self._repair(intake_channel="walk_in")
            phone = self._repair(intake_channel="phone")
        first = self._deadline(walk_in, "first_contact")
        self.assertEqual(first.policy_id, walk_in_policy)
        self.assertEqual(first.deadline_datetime, datetime(2026, 11, 20, 15, 30))
        self.assertEqual(
            self._deadline(phone, "first_contact").deadline_datetime,
            datetime(2026, 11, 24, 10, 0),
        )
        # 10 minutes before closing on Friday: 10 minutes then, 20 on Tuesday (Monday is a
        # public holiday)
        with freeze_time(datetime(2026, 11, 20, 16, 50)):
            late_walk_in = self._repair(intake_channel="walk_in")
        self.assertEqual(
            self._deadline(late_walk_in, "first_contact").deadline_datetime,
            datetime(2026, 11, 24, 8, 20),
        )
        # a request typed as a phone call then corrected to walk-in is re-planned
        with freeze_time(datetime(2026, 11, 20, 15, 5)):
            phone.intake_channel = "walk_in"
        first_phone = self._deadline(phone, "first_contact")
        self.assertEqual(first_phone.policy_id, walk_in_policy)
        self.assertEqual(first_phone.deadline_datetime, datetime(2026, 11, 20, 15, 30))
        with freeze_time(datetime(2026, 11, 20, 15, 20)):
            walk_in.action_log_first_contact()
        self.assertEqual(first.state, "met")

    @freeze_time(FRIDAY_15)
    def test_arrival_by_distance_boundaries(self):
        """(readme/CONFIGURE.md, "Response times"): within 5 km 24 h, within 50 km 48 h, beyond 72
        h (clock hours). 5 km exactly is within 5 km, 50 km exactly within 50 km."""
        expected = {
            0.0: datetime(2026, 11, 21, 15, 0),
            4.9: datetime(2026, 11, 21, 15, 0),
            5.0: datetime(2026, 11, 21, 15, 0),
            5.1: datetime(2026, 11, 22, 15, 0),
            50.0: datetime(2026, 11, 22, 15, 0),
            50.1: datetime(2026, 11, 23, 15, 0),
            300.0: datetime(2026, 11, 23, 15, 0),
        }
        for distance, deadline in expected.items():
            repair = self._repair(service_mode="on_site", site_distance_km=distance)
            arrival = self._deadline(repair, "arrival")
            self.assertEqual(len(arrival), 1, distance)
            self.assertEqual(arrival.deadline_datetime, deadline, distance)

    @freeze_time(FRIDAY_15)
    def test_arrival_by_zone(self):
        """(readme/CONFIGURE.md, "Response times"): urban 6, suburban 7 working hours; a zone wins
        over the distance band (aftersales_sla/readme/CONFIGURE.md, "Distance bands and zones")."""
        urban = self._repair(service_mode="on_site", site_distance_km=3.0, site_zone="urban")
        # Friday 2 h + Tuesday 08:00-12:00
        self.assertEqual(
            self._deadline(urban, "arrival").deadline_datetime, datetime(2026, 11, 24, 12, 0)
        )
        suburban = self._repair(service_mode="on_site", site_zone="suburban")
        # Friday 2 h + Tuesday 4 h + 13:00-14:00
        self.assertEqual(
            self._deadline(suburban, "arrival").deadline_datetime, datetime(2026, 11, 24, 14, 0)
        )

    @freeze_time(FRIDAY_15)
    def test_replan_on_mode_and_distance_change(self):
        repair = self._repair(service_mode="in_shop")
        self.assertFalse(self._deadline(repair, "arrival"))
        repair.write({"service_mode": "on_site", "site_distance_km": 20.0})
        self.assertEqual(
            self._deadline(repair, "arrival").deadline_datetime, datetime(2026, 11, 22, 15, 0)
        )
        repair.site_distance_km = 2.0
        arrival = self._deadline(repair, "arrival")
        self.assertEqual(len(arrival), 1)
        self.assertEqual(arrival.deadline_datetime, datetime(2026, 11, 21, 15, 0))
        self.assertEqual(
            arrival.policy_id, self.env.ref("aftersales_repair.aftersales_sla_policy_arrival_5km")
        )
        repair.service_mode = "in_shop"
        self.assertFalse(self._deadline(repair, "arrival"))

    def test_distance_computed_from_coordinates(self):
        """The site distance is the great-circle distance from the centre to the customer."""
        self.customer.write({"partner_latitude": 50.8289, "partner_longitude": -1.0912})
        with freeze_time(FRIDAY_15):
            repair = self._repair(service_mode="on_site")
        # 0.03 degree of latitude = 3.3 km
        self.assertAlmostEqual(repair.site_distance_km, 3.3, places=1)
        self.assertEqual(
            self._deadline(repair, "arrival").deadline_datetime, datetime(2026, 11, 21, 15, 0)
        )

    def test_customer_moved_replans_arrival(self):
        """The customer's coordinates change (address corrected): the site distance is
        recomputed and the arrival target re-planned from the same start (20 km: 48 h;
        3.3 km: 24 h)."""
        self.customer.write({"partner_latitude": 50.9789, "partner_longitude": -1.0912})
        with freeze_time(FRIDAY_15):
            repair = self._repair(service_mode="on_site")
        self.assertAlmostEqual(repair.site_distance_km, 20.0, places=0)
        arrival = self._deadline(repair, "arrival")
        self.assertEqual(arrival.deadline_datetime, datetime(2026, 11, 22, 15, 0))
        with freeze_time(datetime(2026, 11, 20, 16, 0)):
            self.customer.write({"partner_latitude": 50.8289})
        self.assertAlmostEqual(repair.site_distance_km, 3.3, places=1)
        self.assertEqual(
            arrival.policy_id, self.env.ref("aftersales_repair.aftersales_sla_policy_arrival_5km")
        )
        self.assertEqual(arrival.deadline_datetime, datetime(2026, 11, 21, 15, 0))

    def test_factory_return_targets(self):
        """(readme/CONFIGURE.md, "Response times"): critical parts shipped to the factory within
        24 h of acceptance; the customer told within 24 h of their return."""
        with freeze_time(FRIDAY_15):
            repair = self._repair(service_mode="factory_return")
            self.assertFalse(self._deadline(repair, "factory_shipping"))
            repair.action_validate()
            shipping = self._deadline(repair, "factory_shipping")
            self.assertEqual(shipping.deadline_datetime, datetime(2026, 11, 21, 15, 0))
        with freeze_time(datetime(2026, 11, 21, 9, 0)):
            repair.action_factory_shipped()
            self.assertEqual(shipping.state, "met")
        with freeze_time(datetime(2026, 11, 25, 16, 30)):
            repair.action_factory_received()
            notification = self._deadline(repair, "customer_notification")
            self.assertEqual(notification.deadline_datetime, datetime(2026, 11, 26, 16, 30))
        with freeze_time(datetime(2026, 11, 26, 17, 0)):
            repair.action_customer_notified()
            self.assertEqual(notification.state, "met_late")
            self.assertEqual(notification.met_datetime, datetime(2026, 11, 26, 17, 0))

    def test_pause_while_customer_unreachable(self):
        """The clock stops while the customer is unreachable; the deadline moves by the
        working time paused (Friday 16-17 and Tuesday 08-09: 2 h)."""
        with freeze_time(FRIDAY_15):
            repair = self._repair()
        first = self._deadline(repair, "first_contact")
        with freeze_time(datetime(2026, 11, 20, 16, 0)):
            repair.customer_unreachable = True
            self.assertTrue(first.is_paused)
        with freeze_time(datetime(2026, 11, 24, 9, 0)):
            repair.customer_unreachable = False
        self.assertFalse(first.is_paused)
        self.assertAlmostEqual(first.paused_hours, 2.0)
        self.assertEqual(first.deadline_datetime, datetime(2026, 11, 24, 12, 0))

    def test_pause_while_quotation_waits_for_approval(self):
        with freeze_time(FRIDAY_15):
            repair = self._repair(service_category="paid")
        solution = self._deadline(repair, "solution")
        self.assertFalse(solution.is_paused, "no quotation sent yet: nothing to wait for")
        first = self._deadline(repair, "first_contact")
        with freeze_time(datetime(2026, 11, 20, 16, 0)):
            repair.action_log_first_contact()
        self.assertEqual(first.state, "met")
        self.assertEqual(repair.first_contact_date, datetime(2026, 11, 20, 16, 0))

    def test_quotation_sent_pauses_until_customer_decides(self):
        """Sending the quotation meets the solution target; the clock of the other targets
        stops until the customer accepts (18 clock hours here, added to the 24 h arrival)."""
        with freeze_time(FRIDAY_15):
            repair = self._repair(
                service_category="paid", service_mode="on_site", site_distance_km=2.0
            )
        arrival = self._deadline(repair, "arrival")
        solution = self._deadline(repair, "solution")
        self.assertEqual(arrival.deadline_datetime, datetime(2026, 11, 21, 15, 0))
        with freeze_time(datetime(2026, 11, 20, 16, 0)):
            repair._aftersales_mark_sent()
        self.assertEqual(solution.state, "met")
        self.assertEqual(self._deadline(repair, "first_contact").state, "met")
        self.assertEqual(repair.customer_acceptance_state, "pending")
        self.assertTrue(arrival.is_paused)
        with freeze_time(datetime(2026, 11, 21, 10, 0)):
            repair.customer_acceptance_state = "accepted"
        self.assertFalse(arrival.is_paused)
        self.assertAlmostEqual(arrival.paused_hours, 18.0)
        self.assertEqual(arrival.deadline_datetime, datetime(2026, 11, 22, 9, 0))

    def test_breach_escalation_by_cron(self):
        """A breached target gets one activity for the responsible and one for each
        After-Sales Manager, once; it stays breached when met later."""
        with freeze_time(FRIDAY_15):
            repair = self._repair()
        first = self._deadline(repair, "first_contact")
        solution = self._deadline(repair, "solution")
        with freeze_time(datetime(2026, 11, 24, 10, 30)):
            self.Deadline._cron_check_deadlines()
        self.assertEqual(first.state, "breached")
        self.assertEqual(solution.state, "on_track", "4.5 of 8 working hours elapsed")
        self.assertEqual(repair.sla_state, "breached")
        activities = repair.activity_ids
        managers = self.Deadline._sla_manager_users(self.company)
        self.assertIn(self.manager, managers)
        self.assertEqual(activities.user_id, self.technician | managers)
        self.assertEqual(len(activities), len(self.technician | managers))
        self.assertTrue(all("Breached" in summary for summary in activities.mapped("summary")))
        with freeze_time(datetime(2026, 11, 24, 11, 0)):
            self.Deadline._cron_check_deadlines()
        self.assertEqual(len(repair.activity_ids), len(activities), "escalated once only")
        # 75 % of the solution time (6 of 8 working hours) elapsed at 13:00
        with freeze_time(datetime(2026, 11, 24, 13, 0)):
            self.Deadline._cron_check_deadlines()
        self.assertEqual(solution.state, "at_risk")
        new = repair.activity_ids - activities
        self.assertEqual(new.user_id, self.technician)
        self.assertIn("At risk", new.summary)
        with freeze_time(datetime(2026, 11, 24, 13, 30)):
            self.Deadline._cron_check_deadlines()
            repair.action_log_first_contact()
        self.assertEqual(len(repair.activity_ids), len(activities) + 1)
        self.assertEqual(first.state, "met_late")
        self.assertTrue(first.was_breached)
        self.assertEqual(first.on_time_score, 0.0)

    def test_on_time_rate(self):
        with freeze_time(FRIDAY_15):
            on_time = self._repair()
            late = self._repair()
        with freeze_time(datetime(2026, 11, 24, 9, 0)):
            on_time.action_log_first_contact()
        with freeze_time(datetime(2026, 11, 24, 11, 0)):
            late.action_log_first_contact()
        policy = self.env.ref("aftersales_repair.aftersales_sla_policy_first_contact")
        [(rate,)] = self.Deadline._read_group(
            [
                ("policy_id", "=", policy.id),
                ("res_id", "in", (on_time | late).ids),
                ("res_model", "=", "repair.order"),
            ],
            [],
            ["on_time_score:avg"],
        )
        self.assertEqual(rate, 50.0)
        groups = self.Deadline._read_group(
            [
                ("res_id", "in", (on_time | late).ids),
                ("res_model", "=", "repair.order"),
                ("state", "in", ("met", "met_late", "breached")),
            ],
            ["user_id", "deadline_datetime:month"],
            ["on_time_score:avg"],
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0][0], self.technician)
        self.assertEqual(groups[0][2], 50.0)

    @users("as_frontdesk")
    def test_front_desk_repair_gets_deadlines(self):
        """Deadlines are system records: the front desk creating a repair and the technician
        logging the first contact need no right on them."""
        with freeze_time(FRIDAY_15):
            repair = self.env["repair.order"].create(
                {
                    "partner_id": self.customer.id,
                    "product_id": self.product_simple.id,
                    "user_id": self.technician.id,
                    "service_centre_id": self.centre.id,
                    "service_mode": "on_site",
                    "site_distance_km": 20.0,
                }
            )
        self.assertEqual(
            sorted(repair.sla_deadline_ids.mapped("target_kind")),
            ["arrival", "dispatch", "first_contact", "solution"],
        )
        self.assertEqual(repair.sla_state, "on_track")
        with freeze_time(datetime(2026, 11, 20, 16, 0)):
            repair.with_user(self.technician).action_log_first_contact()
        self.assertEqual(self._deadline(repair, "first_contact").state, "met")

    def test_new_company_gets_default_policies(self):
        """Policies are per company: a new company starts with its own copy of the defaults of
        (readme/CONFIGURE.md, "Response times"), in its own working time, and changing them leaves
        the others (aftersales_sla/readme/CONFIGURE.md, "Default policies for every company")."""
        seeded = self.env["aftersales.sla.policy"].search([("company_id", "=", self.company.id)])
        company = self.env["res.company"].create({"name": "Northern Service Co"})
        policies = self.env["aftersales.sla.policy"].search([("company_id", "=", company.id)])
        self.assertEqual(len(policies), len(seeded.filtered(lambda p: p.get_external_id()[p.id])))
        self.assertFalse(policies.calendar_id)
        arrival = policies.filtered(lambda p: p.target_kind == "arrival")
        self.assertEqual(
            sorted(
                (p.apply_on, p.distance_from_km, p.distance_to_km, p.zone or "", p.duration)
                for p in arrival
            ),
            [
                ("distance", 0.0, 5.0, "", 24.0),
                ("distance", 5.0, 50.0, "", 48.0),
                ("distance", 50.0, 0.0, "", 72.0),
                ("zone", 0.0, 0.0, "suburban", 7.0),
                ("zone", 0.0, 0.0, "urban", 6.0),
            ],
        )
        walk_in = policies.filtered(lambda p: p.intake_channel == "walk_in")
        self.assertEqual((walk_in.target_kind, walk_in.duration), ("first_contact", 0.5))
        walk_in.duration = 1.0
        self.assertEqual(
            self.env.ref("aftersales_repair.aftersales_sla_policy_walk_in").duration, 0.5
        )

    def test_risk_threshold_setting(self):
        self.assertEqual(self.company.aftersales_sla_risk_percent, 75.0)

    def test_bad_policies(self):
        Policy = self.env["aftersales.sla.policy"]
        for duration in (0.0, -4.0):
            with self.assertRaises(ValidationError):
                Policy.create(
                    {"name": "Bad", "target_kind": "first_contact", "duration": duration}
                )
        with self.assertRaises(ValidationError):
            Policy.create(
                {
                    "name": "Overlapping band",
                    "target_kind": "arrival",
                    "service_mode": "on_site",
                    "apply_on": "distance",
                    "distance_from_km": 30.0,
                    "distance_to_km": 80.0,
                    "duration": 60.0,
                    "duration_unit": "calendar_hours",
                }
            )
        with self.assertRaises(ValidationError):
            Policy.create(
                {
                    "name": "Empty band",
                    "target_kind": "arrival",
                    "apply_on": "distance",
                    "distance_from_km": 10.0,
                    "distance_to_km": 5.0,
                    "duration": 60.0,
                }
            )
        # adjacent bands do not overlap: another service mode, or just beyond the last band
        Policy.create(
            {
                "name": "Remote band",
                "target_kind": "arrival",
                "service_mode": "remote",
                "apply_on": "distance",
                "distance_from_km": 0.0,
                "distance_to_km": 5.0,
                "duration": 4.0,
            }
        )

    def test_bad_coordinates(self):
        for lat, lon in ((91.0, 0.0), (-90.5, 0.0), (0.0, 181.0), (0.0, -180.5)):
            with self.assertRaises(ValidationError):
                self.env["aftersales.service.centre"].create(
                    {"name": "Nowhere", "latitude": lat, "longitude": lon}
                )
        with self.assertRaises(ValidationError):
            self.centre.latitude = 120.0
        # the customer's coordinates give the site distance: refused too, nothing saved
        for lat, lon in ((95.0, 0.0), (0.0, -200.0)):
            with self.assertRaises(ValidationError) as error:
                self.customer.write({"partner_latitude": lat, "partner_longitude": lon})
            self.assertIn("out of range", str(error.exception))
            self.customer.invalidate_recordset(["partner_latitude", "partner_longitude"])
            self.assertEqual(self.customer.partner_latitude, 0.0)

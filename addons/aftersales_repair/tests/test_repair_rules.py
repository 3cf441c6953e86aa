# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from datetime import datetime

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .billing_common import BillingCommon
from .workshop_common import WorkshopCommon

TRIP_START = datetime(2026, 11, 24, 9, 0)
TRIP_END = datetime(2026, 11, 24, 12, 0)


@tagged("post_install", "-at_install")
class TestRemoteFirst(WorkshopCommon):
    """(readme/CONFIGURE.md, "Remote guidance before on-site visits"): try phone or remote
    guidance first; an on-site trip needs the
    failed remote attempt (when, by whom, outcome) or the reason to go at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_remote_first = True
        cls.repair = cls._create_repair(parts=[], service_mode="on_site")
        cls.in_shop = cls._create_repair(parts=[])

    def _trip_vals(self, repair=None, **vals):
        values = {
            "repair_id": (repair or self.repair).id,
            "technician_ids": [Command.set(self.technician.ids)],
            "planned_start": TRIP_START,
            "planned_end": TRIP_END,
        }
        values.update(vals)
        return values

    def test_default_is_the_regulation(self):
        company = self.env["res.company"].create({"name": "Remote First Test Co"})
        self.assertTrue(company.aftersales_remote_first)
        settings = self.env["res.config.settings"].with_company(company).create({})
        self.assertTrue(settings.aftersales_remote_first)

    def test_onsite_trip_needs_attempt_or_reason(self):
        Dispatch = self.env["aftersales.dispatch"].with_user(self.frontdesk)
        with self.assertRaisesRegex(ValidationError, "remote guidance before going on site"):
            Dispatch.create(self._trip_vals())
        with self.assertRaisesRegex(ValidationError, "completely"):
            Dispatch.create(
                self._trip_vals(
                    remote_attempt_date=datetime(2026, 11, 23, 15, 0),
                    remote_attempt_user_id=self.frontdesk.id,
                )
            )
        with self.assertRaisesRegex(ValidationError, "before the planned start"):
            Dispatch.create(
                self._trip_vals(
                    remote_attempt_date=datetime(2026, 11, 24, 10, 0),
                    remote_attempt_user_id=self.frontdesk.id,
                    remote_attempt_outcome="Reset by phone, fault back",
                )
            )
        trip = Dispatch.create(
            self._trip_vals(
                remote_attempt_date=datetime(2026, 11, 23, 15, 0),
                remote_attempt_user_id=self.frontdesk.id,
                remote_attempt_outcome="Controller reset by phone: the fault came back.",
            )
        )
        self.assertEqual(trip.remote_attempt_user_id, self.frontdesk)
        # a blank reason is no reason; a real one lets the trip go without an attempt
        with self.assertRaisesRegex(ValidationError, "remote guidance before going on site"):
            Dispatch.create(self._trip_vals(onsite_reason="   "))
        urgent = Dispatch.create(self._trip_vals(onsite_reason="Hydraulic leak: safety risk."))
        # the rule holds on write (over RPC too): clearing the reason is refused
        with self.assertRaisesRegex(ValidationError, "remote guidance before going on site"):
            urgent.with_user(self.technician).write({"onsite_reason": False})
        with self.assertRaisesRegex(ValidationError, "remote guidance before going on site"):
            trip.write(
                {
                    "remote_attempt_outcome": False,
                    "remote_attempt_date": False,
                    "remote_attempt_user_id": False,
                }
            )

    def test_only_onsite_trips_and_only_when_set(self):
        Dispatch = self.env["aftersales.dispatch"].with_user(self.frontdesk)
        collect = Dispatch.create(self._trip_vals(repair=self.in_shop))
        self.assertFalse(collect.onsite_reason)
        self.company.aftersales_remote_first = False
        self.assertTrue(Dispatch.create(self._trip_vals()))


@tagged("post_install", "-at_install")
class TestPreInspectionChecks(WorkshopCommon):
    """(readme/CONFIGURE.md, "Self-check and team-lead check"): the technician's self-check, then a
    team lead's check, then the 100 % final inspection by QC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_pre_inspection_checks = True
        cls.team_lead = new_test_user(
            cls.env, login="as_team_lead", groups="aftersales_repair.aftersales_group_team_lead"
        )
        cls.centre = cls.env["aftersales.service.centre"].create(
            {"name": "Check Test Centre", "lead_user_id": cls.technician_2.id}
        )
        cls.Check = cls.env["aftersales.repair.check"]

    def _check(self, user, repair, check_type, **vals):
        return self.Check.with_user(user).create(
            dict(vals, repair_id=repair.id, check_type=check_type)
        )

    def _wizard(self, repair, result="pass", notes=False):
        return (
            self.env["aftersales.repair.inspection.wizard"]
            .with_user(self.inspector)
            .create({"repair_id": repair.id, "result": result, "notes": notes})
        )

    def test_default_is_the_regulation(self):
        company = self.env["res.company"].create({"name": "Checks Test Co"})
        self.assertTrue(company.aftersales_pre_inspection_checks)
        self.assertTrue(company.aftersales_workbook_per_centre)
        settings = self.env["res.config.settings"].with_company(company).create({})
        self.assertTrue(settings.aftersales_pre_inspection_checks)

    def test_pass_needs_self_check_then_team_lead(self):
        repair = self._to_inspection(self._create_repair(parts=[]))
        wizard = self._wizard(repair)
        self.assertTrue(wizard.checks_required)
        with self.assertRaisesRegex(UserError, "self-check and a team lead's check"):
            wizard.action_confirm()
        # the model refuses too (over RPC, without the wizard)
        with self.assertRaisesRegex(ValidationError, "self-check and a team lead's check"):
            repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "inspection")
        # the team lead cannot check before the technician
        with self.assertRaisesRegex(UserError, "self-check of .* comes first"):
            self._check(self.team_lead, repair, "lead")
        # only the repair's technician records its self-check; who and when are not the
        # caller's to choose
        with self.assertRaises(AccessError):
            self._check(self.team_lead, repair, "self")
        own = self._check(
            self.technician, repair, "self", user_id=self.manager.id, notes="Torque checked"
        )
        self.assertEqual(own.user_id, self.technician)
        # the form proposes the check still missing
        defaults = (
            self.Check.with_user(self.team_lead)
            .with_context(default_repair_id=repair.id)
            .default_get(["check_type", "repair_id"])
        )
        self.assertEqual(defaults["check_type"], "lead")
        # a technician who is no team lead cannot sign as one
        with self.assertRaises(AccessError):
            self._check(self.inspector, repair, "lead")
        lead = self._check(self.team_lead, repair, "lead")
        wizard = self._wizard(repair, notes="Load test 2 h")
        self.assertEqual(wizard.self_check_id, own)
        self.assertEqual(wizard.lead_check_id, lead)
        wizard.action_confirm()
        self.assertEqual(repair.state, "done")
        inspection = repair.inspection_ids
        self.assertEqual(inspection.self_check_user_id, self.technician)
        self.assertEqual(inspection.lead_check_user_id, self.team_lead)
        self.assertEqual(inspection.check_ids, own | lead)
        # evidence: neither changed nor deleted
        with self.assertRaises(UserError):
            own.sudo().write({"user_id": self.team_lead.id})
        with self.assertRaises(UserError):
            own.sudo().unlink()

    def test_self_check_alone_is_not_enough(self):
        repair = self._to_inspection(self._create_repair(parts=[]))
        self._check(self.technician, repair, "self")
        with self.assertRaisesRegex(ValidationError, "before a team lead's check is recorded"):
            repair.with_user(self.inspector).action_inspection_pass()

    def test_failed_inspection_needs_new_checks(self):
        repair = self._to_inspection(self._create_repair(parts=[]))
        self._check(self.technician, repair, "self")
        self._check(self.team_lead, repair, "lead")
        repair.with_user(self.inspector).action_inspection_fail("Mast drifts under load")
        failed = repair.inspection_ids
        self.assertEqual(len(failed.check_ids), 2, "the checks went with the failed inspection")
        repair.with_user(self.technician).action_repair_end()
        with self.assertRaisesRegex(ValidationError, "self-check and a team lead's check"):
            repair.with_user(self.inspector).action_inspection_pass()
        self._check(self.technician, repair, "self")
        self._check(self.team_lead, repair, "lead")
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")

    def test_centre_lead_and_configured_group(self):
        repair = self._to_inspection(
            self._create_repair(parts=[], service_centre_id=self.centre.id)
        )
        self._check(self.technician, repair, "self")
        # both leads see the repair they check (a plain technician sees only their own)
        self.assertTrue(repair.with_user(self.technician_2).has_access("read"))
        self.assertTrue(repair.with_user(self.team_lead).has_access("read"))
        self.centre.lead_user_id = False
        self.assertFalse(repair.with_user(self.technician_2).has_access("read"))
        self.centre.lead_user_id = self.technician_2
        # the centre's lead is a plain technician: the centre makes them a team lead
        lead = self._check(self.technician_2, repair, "lead")
        self.assertEqual(lead.user_id, self.technician_2)
        # a configured group replaces the suite's Team Lead group
        other = self._to_inspection(self._create_repair(parts=[]))
        self._check(self.technician, other, "self")
        self.company.aftersales_team_lead_group_id = self.env.ref(
            "aftersales_repair.aftersales_group_quality_manager"
        )
        with self.assertRaisesRegex(AccessError, "Quality Manager"):
            self._check(self.team_lead, other, "lead")
        # the technician of the repair is never its team lead
        self.team_lead.groups_id = [Command.link(self.company.aftersales_team_lead_group_id.id)]
        other.user_id = self.team_lead
        with self.assertRaisesRegex(ValidationError, "another team lead"):
            self._check(self.team_lead, other, "lead")

    def test_off_when_the_company_says_so(self):
        self.company.aftersales_pre_inspection_checks = False
        repair = self._to_inspection(self._create_repair(parts=[]))
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")


@tagged("post_install", "-at_install")
class TestWorkbookPerCentre(BillingCommon):
    """(readme/CONFIGURE.md, "Monthly records per service centre"): every branch sends its repair
    records monthly; the workbook has a sheet per service centre, and a manager can make one
    centre's workbook."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Centre = cls.env["aftersales.service.centre"]
        cls.north = Centre.create({"name": "North Branch"})
        cls.south = Centre.create({"name": "South Branch"})
        Centre.create({"name": "Idle Branch"})
        cls.accountant = new_test_user(
            cls.env, login="as_wb_accountant", groups="account.group_account_invoice"
        )
        with freeze_time(datetime(2026, 10, 12, 9, 0)):
            paid = cls._create_repair(
                hours=2.0, service_category="paid", service_centre_id=cls.north.id
            )
            free = cls._create_repair(
                under_warranty=True, service_category="free", service_centre_id=cls.south.id
            )
            paid.action_create_sale_order()
            (paid | free).write({"state": "done"})
            cls.env.flush_all()

    def _book(self, user, **vals):
        wizard = (
            self.env["aftersales.monthly.workbook.wizard"]
            .with_user(user)
            .create(dict({"month": "10", "year": 2026}, **vals))
        )
        wizard.action_generate()
        return wizard.file_name, openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(wizard.file_data)), data_only=True
        )

    def _row(self, sheet, label):
        rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == label]
        self.assertTrue(rows, f"No row {label!r} in sheet {sheet.title}")
        return rows[0]

    @freeze_time("2026-11-23")
    def test_a_sheet_per_centre(self):
        __, book = self._book(self.accountant)
        self.assertIn("North Branch", book.sheetnames)
        self.assertIn("South Branch", book.sheetnames)
        self.assertNotIn("Idle Branch", book.sheetnames, "no repair there this month")
        north = book["North Branch"]
        self.assertTrue(north["A1"].value.startswith("Repairs of North Branch in October 2026"))
        self.assertEqual(self._row(north, "Repairs completed")[1], 1)
        self.assertEqual(self._row(north, "Charged to customers")[2], 4330.0)
        south = book["South Branch"]
        self.assertEqual(self._row(south, "Repairs completed")[1], 1)
        self.assertEqual(self._row(south, "Warranty cost (at cost)")[2], 3100.0)
        self.assertEqual(self._row(south, "Free (in warranty)")[1:4], (1, 0.0, 3100.0))
        # the company's Repairs sheet has them by centre too
        repairs = book["Repairs"]
        self.assertEqual(self._row(repairs, "North Branch")[1:3], (1, 4330.0))
        self.assertEqual(self._row(repairs, "South Branch")[1:4], (1, 0.0, 3100.0))

    @freeze_time("2026-11-23")
    def test_one_centre_and_the_setting(self):
        name, book = self._book(self.manager, service_centre_id=self.north.id)
        self.assertEqual(name, f"After-Sales 2026-10 - {self.company.name} - North Branch.xlsx")
        self.assertEqual(book.sheetnames, ["North Branch"])
        self.assertEqual(self._row(book["North Branch"], "Repairs completed")[1], 1)
        self.company.aftersales_workbook_per_centre = False
        __, book = self._book(self.accountant)
        self.assertNotIn("North Branch", book.sheetnames)


@tagged("post_install", "-at_install")
class TestTripParts(WorkshopCommon):
    """(readme/CONFIGURE.md, "Trip parts"): parts for a trip are requested on the trip and come
    back with it; every part moves through Odoo transfers (warehouse to the trip's location and
    back)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse_user = new_test_user(
            cls.env, login="as_trip_warehouse", groups="stock.group_stock_user"
        )
        warehouse = cls.env.ref("stock.warehouse0")
        cls.van = cls.env["stock.location"].create(
            {"name": "Van 1", "usage": "internal", "location_id": warehouse.view_location_id.id}
        )
        cls.company.aftersales_trip_location_id = cls.van
        # an on-site repair whose parts come from the van
        cls.repair = cls._create_repair(
            parts=[(cls.part_battery, 1.0)], service_mode="on_site", location_id=cls.van.id
        )
        cls.trip = cls.env["aftersales.dispatch"].create(
            {
                "repair_id": cls.repair.id,
                "technician_ids": [Command.set(cls.technician.ids)],
                "planned_start": TRIP_START,
                "planned_end": TRIP_END,
            }
        )

    def _on_hand(self, product, location):
        return sum(
            self.env["stock.quant"]._gather(product, location, strict=True).mapped("quantity")
        )

    def test_default_is_the_regulation(self):
        company = self.env["res.company"].create({"name": "Trip Parts Test Co"})
        self.assertTrue(company.aftersales_trip_parts)
        self.assertTrue(company.aftersales_remote_first)

    def test_parts_go_out_and_unused_come_back(self):
        trip = self.trip.with_user(self.technician)
        action = trip.action_request_parts()
        self.assertEqual(action["res_model"], "stock.picking")
        self.assertEqual(action["context"]["default_location_dest_id"], self.van.id)
        self.assertEqual(action["context"]["default_location_id"], self.stock_location.id)
        self.assertEqual(action["context"]["default_aftersales_dispatch_id"], self.trip.id)
        with self.assertRaisesRegex(ValidationError, "positive quantity"):
            trip._aftersales_request_parts([(self.part_battery, 0.0)])
        request = trip._aftersales_request_parts(
            [(self.part_battery, 2.0), (self.part_controller, 1.0)]
        )
        self.assertEqual(request.state, "assigned")
        self.assertEqual(request.aftersales_dispatch_id, self.trip)
        request.with_user(self.warehouse_user).button_validate()
        self.assertEqual(request.state, "done")
        self.assertEqual(self._on_hand(self.part_battery, self.van), 2.0)
        # a request the warehouse did not issue before the trip ends never left
        late = trip._aftersales_request_parts([(self.part_controller, 1.0)])
        trip.action_check_in()
        trip.action_check_out()
        self.assertEqual(late.state, "cancel")
        back = self.trip.part_picking_ids - request - late
        self.assertEqual(len(back), 1)
        self.assertEqual(
            (back.location_id, back.location_dest_id), (self.van, self.stock_location)
        )
        # 2 batteries out, 1 fitted on the repair (from the van): 1 back; the controller back
        self.assertEqual(
            {m.product_id: m.product_uom_qty for m in back.move_ids},
            {self.part_battery: 1.0, self.part_controller: 1.0},
        )
        self.assertEqual(self.trip.part_picking_count, 3)
        self.assertEqual(len(self.trip.part_move_ids), 5)
        back.with_user(self.warehouse_user).button_validate()
        self.assertEqual(self._on_hand(self.part_controller, self.van), 0.0)
        self.assertEqual(self._on_hand(self.part_battery, self.van), 1.0, "the fitted battery")
        self.assertEqual(self._on_hand(self.part_controller, self.stock_location), 10.0)
        # a returned trip takes no more parts
        with self.assertRaisesRegex(UserError, "planned trip or a trip on site"):
            trip._aftersales_request_parts([(self.part_battery, 1.0)])

    def test_cancelled_trip_sends_its_parts_back(self):
        """A trip cancelled after its parts were issued returns them as a check-out does; the
        requests not issued yet are cancelled."""
        trip = self.trip.with_user(self.technician)
        issued = trip._aftersales_request_parts([(self.part_controller, 2.0)])
        issued.with_user(self.warehouse_user).button_validate()
        pending = trip._aftersales_request_parts([(self.part_battery, 1.0)])
        self.assertEqual(self._on_hand(self.part_controller, self.van), 2.0)
        self.trip.with_user(self.frontdesk).action_cancel()
        self.assertEqual(self.trip.state, "cancel")
        self.assertEqual(pending.state, "cancel")
        back = self.trip.part_picking_ids - issued - pending
        self.assertEqual(
            (back.location_id, back.location_dest_id), (self.van, self.stock_location)
        )
        self.assertEqual(
            {m.product_id: m.product_uom_qty for m in back.move_ids}, {self.part_controller: 2.0}
        )
        back.with_user(self.warehouse_user).button_validate()
        self.assertEqual(self._on_hand(self.part_controller, self.van), 0.0)

    def test_trip_location_created_once_and_setting_off(self):
        self.company.aftersales_trip_location_id = False
        trip = self.trip.with_user(self.technician)
        trip._aftersales_request_parts([(self.part_controller, 1.0)])
        location = self.company.aftersales_trip_location_id
        self.assertEqual(location.usage, "internal")
        trip._aftersales_request_parts([(self.part_controller, 1.0)])
        self.assertEqual(self.company.aftersales_trip_location_id, location)
        self.assertEqual(set(self.trip.part_picking_ids.location_dest_id), {location})
        self.company.aftersales_trip_parts = False
        with self.assertRaisesRegex(UserError, "not requested on trips"):
            trip.action_request_parts()

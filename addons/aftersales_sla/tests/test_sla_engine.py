# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FakeModelCommon

MONDAY_9 = datetime(2026, 3, 2, 9, 0)
FRIDAY_15 = datetime(2026, 3, 6, 15, 0)


@tagged("post_install", "-at_install")
class TestSlaEngine(FakeModelCommon):
    """The service-level engine on a document of its own (no repair, no complaint)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Policy = cls.env["aftersales.sla.policy"]
        cls.contact = Policy.create(
            {
                "name": "Contact within 4 working hours",
                "company_id": cls.company.id,
                "target_kind": "first_contact",
                "duration": 4.0,
                "duration_unit": "working_hours",
            }
        )
        cls.contact_urgent = Policy.create(
            {
                "name": "Urgent: contact within 1 working hour",
                "company_id": cls.company.id,
                "target_kind": "first_contact",
                "priority": "1",
                "duration": 1.0,
                "duration_unit": "working_hours",
            }
        )
        cls.solution = Policy.create(
            {
                "name": "Solution within 2 working days",
                "company_id": cls.company.id,
                "target_kind": "solution",
                "duration": 2.0,
                "duration_unit": "working_days",
                "pause_on_customer": False,
            }
        )
        cls.Document = cls.env["aftersales.sla.test.document"]

    def _document(self, **values):
        return self.Document.create(dict({"name": "Doc", "company_id": self.company.id}, **values))

    def _deadline(self, document, kind):
        return document.sla_deadline_ids.filtered(lambda d: d.target_kind == kind)

    @freeze_time(FRIDAY_15)
    def test_working_hours_and_days(self):
        document = self._document()
        contact = self._deadline(document, "first_contact")
        self.assertEqual(contact.policy_id, self.contact)
        # Friday 15:00-17:00 (2 h), Monday 08:00-10:00 (2 h)
        self.assertEqual(contact.deadline_datetime, datetime(2026, 3, 9, 10, 0))
        # 2 working days after Friday: the end of Tuesday
        self.assertEqual(
            self._deadline(document, "solution").deadline_datetime, datetime(2026, 3, 10, 17, 0)
        )
        self.assertEqual(document.sla_state, "on_track")
        self.assertEqual(document.sla_next_deadline, datetime(2026, 3, 9, 10, 0))

    @freeze_time(MONDAY_9)
    def test_most_specific_policy_wins_and_replans(self):
        document = self._document(priority="1")
        contact = self._deadline(document, "first_contact")
        self.assertEqual(contact.policy_id, self.contact_urgent)
        self.assertEqual(contact.deadline_datetime, datetime(2026, 3, 2, 10, 0))
        document.priority = "0"
        self.assertEqual(contact.policy_id, self.contact)
        self.assertEqual(contact.deadline_datetime, datetime(2026, 3, 2, 14, 0))

    @freeze_time(MONDAY_9)
    def test_document_start_and_calendar_hours(self):
        self.solution.write({"duration": 30.0, "duration_unit": "calendar_hours"})
        document = self._document(received=datetime(2026, 3, 1, 12, 0))
        solution = self._deadline(document, "solution")
        self.assertEqual(solution.start_datetime, datetime(2026, 3, 1, 12, 0))
        self.assertEqual(solution.deadline_datetime, datetime(2026, 3, 2, 18, 0))

    def test_pause_while_waiting_extends_the_deadline(self):
        with freeze_time(MONDAY_9):
            document = self._document(waiting=True)
            contact = self._deadline(document, "first_contact")
            self.assertTrue(contact.is_paused)
            self.assertFalse(self._deadline(document, "solution").is_paused)
        with freeze_time(datetime(2026, 3, 2, 11, 0)):
            document.waiting = False
        self.assertFalse(contact.is_paused)
        self.assertEqual(contact.paused_hours, 2.0)
        # 14:00 plus the 2 working hours paused
        self.assertEqual(contact.deadline_datetime, datetime(2026, 3, 2, 16, 0))

    def test_cron_risk_breach_and_late_meeting(self):
        manager = self.env["res.users"].create(
            {"name": "Responsible", "login": "sla_engine_responsible"}
        )
        with freeze_time(MONDAY_9):
            document = self._document(user_id=manager.id)
            contact = self._deadline(document, "first_contact")
        Deadline = self.env["aftersales.sla.deadline"]
        with freeze_time(datetime(2026, 3, 2, 13, 0)):  # 3 of 4 working hours: 75 %
            Deadline._cron_check_deadlines()
        self.assertEqual(contact.state, "at_risk")
        self.assertEqual(document.sla_state, "at_risk")
        self.assertEqual(len(document.activity_ids), 1)
        with freeze_time(datetime(2026, 3, 2, 15, 0)):
            Deadline._cron_check_deadlines()
            Deadline._cron_check_deadlines()  # idempotent: one activity per event
        self.assertEqual(contact.state, "breached")
        self.assertEqual(document.sla_state, "breached")
        self.assertEqual(len(document.activity_ids), 2)
        with freeze_time(datetime(2026, 3, 2, 16, 0)):
            Deadline._sla_meet(document, "first_contact")
        self.assertEqual(contact.state, "met_late")
        self.assertEqual(contact.met_datetime, datetime(2026, 3, 2, 16, 0))

    def test_deadline_tasks_in_the_responsibles_language(self):
        """The responsible reads Chinese: the at-risk task is written in Chinese, whoever runs
        the check (issue 18 point 4)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_sla"], ["zh_CN"], overwrite=True
        )
        responsible = self.env["res.users"].create(
            {"name": "Responsible", "login": "sla_engine_zh", "lang": "zh_CN"}
        )
        with freeze_time(MONDAY_9):
            document = self._document(user_id=responsible.id)
        with freeze_time(datetime(2026, 3, 2, 13, 0)):
            self.env["aftersales.sla.deadline"].with_context(lang="en_US")._cron_check_deadlines()
        task = document.activity_ids
        self.assertEqual(task.user_id, responsible)
        self.assertEqual(task.summary, f"有风险：{document.display_name} 的{self.contact.name}")
        self.assertIn("截止时间", str(task.note))

    @freeze_time(MONDAY_9)
    def test_document_deleted_drops_its_deadlines(self):
        document = self._document()
        deadlines = document.sla_deadline_ids
        self.assertEqual(len(deadlines), 2)
        document.unlink()
        self.assertFalse(deadlines.exists())

    def test_policy_bounds(self):
        with self.assertRaises(ValidationError):
            self.contact.duration = 0
        with self.assertRaises(ValidationError):
            self.contact.name = "   "

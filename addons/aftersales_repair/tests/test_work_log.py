# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged, users

from .service_common import ServiceLevelCommon

DAY = date(2026, 11, 24)


@tagged("post_install", "-at_install")
class TestWorkLog(ServiceLevelCommon):
    def _log(self, technician, hours, category=None, repair=None, day=DAY):
        vals = {"technician_id": technician.id, "date": day, "hours": hours}
        if repair:
            vals["repair_id"] = repair.id
        if category:
            vals["service_category"] = category
        return self.env["aftersales.work.log"].create(vals)

    def test_daily_summary_totals(self):
        """(readme/CONFIGURE.md, "Technician daily report"): the technician's daily report by
        service category and the supervisor's daily summary."""
        paid = self._repair(service_category="paid")
        free = self._repair(service_category="free")
        self._log(self.technician, 3.0, repair=paid)
        log_free = self._log(self.technician, 2.0, repair=free)
        self.assertEqual(log_free.service_category, "free")
        self.assertEqual(log_free.service_centre_id, self.centre)
        internal = self._log(self.technician, 1.5)
        self.assertEqual(internal.service_category, "internal")
        self._log(self.technician_2, 4.0, category="contract")
        self._log(self.technician_2, 2.0, repair=paid)
        self._log(self.technician_2, 8.0, category="paid", day=date(2026, 11, 25))
        summary = self.env["aftersales.work.log"]._daily_summary(DAY)
        self.assertEqual(
            summary["totals"],
            {"free": 2.0, "paid": 5.0, "contract": 4.0, "internal": 1.5, "total": 12.5},
        )
        lines = {line["technician"]: line for line in summary["lines"]}
        self.assertEqual(lines[self.technician]["total"], 6.5)
        self.assertEqual(lines[self.technician]["paid"], 3.0)
        self.assertEqual(lines[self.technician_2]["total"], 6.0)
        self.assertEqual(lines[self.technician_2]["contract"], 4.0)
        self.assertEqual(paid.work_hours, 5.0)

    def test_more_than_24_hours_a_day_refused(self):
        self._log(self.technician, 16.0)
        self._log(self.technician, 8.0)  # exactly 24 h is accepted
        with self.assertRaises(ValidationError):
            self._log(self.technician, 0.5)
        with self.assertRaises(ValidationError):
            self._log(self.technician_2, 25.0)
        with self.assertRaises(ValidationError):
            self._log(self.technician_2, 0.0)
        self._log(self.technician, 0.5, day=date(2026, 11, 25))

    @users("as_technician")
    def test_technician_sees_own_time_only(self):
        self._log(self.env.user, 2.0)
        self.env["aftersales.work.log"].sudo().create(
            {"technician_id": self.technician_2.id, "date": DAY, "hours": 3.0}
        )
        logs = self.env["aftersales.work.log"].search([("date", "=", DAY)])
        self.assertEqual(logs.technician_id, self.env.user)

    def test_unfinished_repairs_digest(self):
        repair = self._repair()
        self.env["aftersales.work.log"]._cron_unfinished_repairs_digest()
        message = self.env["mail.message"].search(
            [("partner_ids", "in", self.manager.partner_id.id)], order="id desc", limit=1
        )
        self.assertIn(repair.name, message.body)

    def test_daily_summary_pdf(self):
        logs = self._log(self.technician, 3.0, category="paid") | self._log(
            self.technician_2, 2.0, category="internal"
        )
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_repair.action_report_work_log_daily_summary", logs.ids
        )[0]
        self.assertIn(b"Daily Time Summary", html)
        self.assertIn(b"05:00", html)

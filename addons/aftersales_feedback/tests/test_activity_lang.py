# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestActivityLanguages(FeedbackCommon):
    """Issue 18 point 4: a task the suite gives another user is written in that user's
    language, and the "call again" task is recognised by its type, not by its summary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("zh_CN", "es_ES"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["aftersales_feedback"], ["zh_CN", "es_ES"], overwrite=True
        )
        cls.Callback = cls.env["aftersales.callback"]
        cls.technician.tz = "UTC"
        cls.customer.aftersales_preferred_call_time = 10.5  # 10:30
        cls.call_again_type = cls.env.ref(
            "aftersales_feedback.mail_activity_type_callback_call_again"
        )

    def _callback(self, serial):
        with freeze_time("2026-03-02 09:00:00"):
            repair = self._done_repair(serial)
        with freeze_time("2026-03-04 10:00:00"):
            self.Callback._cron_generate_callbacks()
        return self.Callback.search([("repair_id", "=", repair.id)])

    def _call_again(self, callback, when):
        callback = callback.with_user(self.manager)
        callback.write({"outcome": "call_again", "call_again_date": when})
        callback.action_record_outcome()

    def test_callback_tasks_in_the_callers_language(self):
        """The caller speaks Chinese, the manager recording the outcome English: the planned call
        and the "call again" task are in Chinese; a second "call again" closes the first one
        (matched by its type) and the task follows the caller's new language (Spanish)."""
        self.technician.lang = "zh_CN"
        self.manager.lang = "en_US"
        callback = self._callback("SN-LANG-CB")
        self.assertEqual(callback.user_id, self.technician, "the repair's technician calls")
        self.assertEqual(callback.activity_ids.summary, f"于 10:30 致电 {self.customer.name}")
        self._call_again(callback, "2026-03-06 14:00:00")
        again = callback.activity_ids
        self.assertEqual(len(again), 1, "the planned call is done, the new task is open")
        self.assertEqual(again.activity_type_id, self.call_again_type)
        self.assertEqual(again.summary, "再次回访")
        self.assertEqual(again.user_id, self.technician)
        self.technician.lang = "es_ES"
        self._call_again(callback, "2026-03-09 14:00:00")
        self.assertEqual(len(callback.activity_ids), 1, "the earlier call-again task is done")
        self.assertEqual(callback.activity_ids.summary, "Volver a llamar")
        self.assertEqual(str(callback.activity_ids.date_deadline), "2026-03-09")
        callback.with_user(self.manager).write({"outcome": "satisfied"})
        callback.with_user(self.manager).action_record_outcome()
        self.assertFalse(callback.activity_ids, "the last call-again task is closed")
        self.assertEqual(callback.state, "done")

    def test_serious_complaint_tasks_in_each_deputys_language(self):
        self.deputy_gm.lang = "es_ES"
        deputy_zh = new_test_user(
            self.env,
            login="as_deputy_gm_zh",
            email="deputy.zh@example.com",
            lang="zh_CN",
            groups="aftersales_repair.aftersales_group_deputy_gm",
        )
        complaint = self._complaint(severity="critical", severity_reason="safety")
        summaries = {a.user_id: a.summary for a in complaint.activity_ids}
        self.assertEqual(summaries[self.deputy_gm], "Reclamación grave: revisar de inmediato")
        self.assertEqual(summaries[deputy_zh], "严重投诉：请立即审阅")

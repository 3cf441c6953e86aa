# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestComplaintAnswerReport(FeedbackCommon):
    """Issue 19 point 4 (§9): the written answer to a complaint, printed by the desk in the
    customer's language."""

    def _render(self, complaint):
        return (
            self.env["ir.actions.report"]
            .with_user(self.frontdesk)
            ._render_qweb_html(
                "aftersales_feedback.action_report_complaint_answer", complaint.ids
            )[0]
            .decode()
        )

    def test_written_answer_in_the_customers_language(self):
        complaint = self._complaint(
            answer="We replaced the mast seal free of charge.",
            root_cause="A seal of a faulty batch.",
            corrective_action="The batch was blocked at the supplier.",
        )
        html = self._render(complaint)
        self.assertIn("Answer to Your Complaint", html)
        self.assertIn(complaint.name, html)
        self.assertIn("We replaced the mast seal free of charge.", html)
        self.assertIn("The batch was blocked at the supplier.", html)
        # in Spanish for a Spanish-speaking customer
        self.env["res.lang"]._activate_lang("es_ES")
        view = self.env.ref("aftersales_feedback.report_complaint_answer_document")
        view.update_field_translations("arch_db", {"es_ES": {"Our Answer": "Nuestra respuesta"}})
        self.customer.lang = "es_ES"
        html = self._render(complaint)
        self.assertIn("Nuestra respuesta", html)
        self.assertNotIn("Our Answer", html)

    def test_paper_feedback_card(self):
        repair = self._done_repair("SN-FB-CARD")
        request = repair.aftersales_feedback_request_ids
        html = (
            self.env["ir.actions.report"]
            .with_user(self.frontdesk)
            ._render_qweb_html("aftersales_feedback.action_report_feedback_card", request.ids)[0]
            .decode()
        )
        self.assertIn("Service Feedback Card", html)
        self.assertIn(repair.name, html)
        for label in ("Service Attitude", "Technical Skill", "Arrival Time", "Keeping Promises"):
            self.assertIn(label, html)
        self.assertEqual(html.count("☐"), 16, "four points, four levels, none ticked yet")
        request._submit_answer(
            {
                "rating_attitude": "very_satisfied",
                "rating_skill": "satisfied",
                "rating_arrival": "fair",
                "rating_promise": "satisfied",
            }
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("aftersales_feedback.action_report_feedback_card", request.ids)[0]
            .decode()
        )
        self.assertEqual(html.count("☑"), 4)

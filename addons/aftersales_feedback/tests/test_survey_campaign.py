# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestSurveyCampaign(FeedbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"Survey Customer {i}", "email": f"c{i}@example.com"} for i in range(4)]
        )
        cls.survey = cls.env.ref("aftersales_feedback.survey_satisfaction")

    def _answer(self, answer, scores):
        questions = {q.aftersales_item: q for q in self.survey.question_ids}
        for item, value in scores.items():
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": questions[item].id,
                    "answer_type": "numerical_box",
                    "value_numerical_box": value,
                }
            )
        answer.state = "done"

    @freeze_time("2026-10-10")
    def test_campaign_flow(self):
        campaign = (
            self.env["aftersales.survey.campaign"]
            .with_user(self.manager)
            .create(
                {"name": "Q4 2026", "period": "q4", "partner_ids": [(6, 0, self.partners.ids)]}
            )
        )
        self.assertEqual(campaign.date_start, date(2026, 10, 1))
        self.assertEqual(campaign.date_end, date(2026, 12, 31))
        self.assertEqual(campaign.satisfied_score, 85)
        self.assertEqual(campaign.target_rate, 75)
        self.assertEqual(len(campaign.item_ids), 5)
        self.assertTrue(all(campaign.item_ids.mapped("question_id")))
        campaign.action_send_invitations()
        self.assertEqual(campaign.state, "running")
        self.assertEqual(len(campaign.answer_ids), 4)
        self.assertEqual(campaign.coverage_rate, 100)
        with self.assertRaisesRegex(UserError, "already invited"):
            campaign.action_send_invitations()
        answers = {a.partner_id: a for a in campaign.answer_ids}
        full = dict.fromkeys(
            ("product_quality", "price", "delivery_time", "packaging", "service"), 100
        )
        self._answer(answers[self.partners[0]], full)
        # weights 30/15/15/10/30: 90*.3 + 60*.15 + 80*.15 + 100*.1 + 70*.3 = 79
        self._answer(
            answers[self.partners[1]],
            {
                "product_quality": 90,
                "price": 60,
                "delivery_time": 80,
                "packaging": 100,
                "service": 70,
            },
        )
        self._answer(answers[self.partners[2]], dict(full, price=50))  # 92.5
        campaign.action_compute_results()
        results = {r.partner_id: r for r in campaign.result_ids}
        self.assertAlmostEqual(results[self.partners[1]].score, 79.0)
        self.assertFalse(results[self.partners[1]].satisfied)
        self.assertAlmostEqual(results[self.partners[2]].score, 92.5)
        self.assertTrue(results[self.partners[2]].satisfied)
        self.assertEqual(campaign.response_count, 3)
        self.assertAlmostEqual(campaign.response_rate, 75.0)
        self.assertAlmostEqual(campaign.effective_rate, 75.0)
        self.assertTrue(campaign.meets_target)
        self.assertEqual(campaign.dissatisfied_count, 1)
        price = campaign.item_ids.filtered(lambda i: i.item == "price")
        self.assertAlmostEqual(price.average_score, 70.0)
        self.assertTrue(price.is_weak)
        quality = campaign.item_ids.filtered(lambda i: i.item == "product_quality")
        self.assertFalse(quality.is_weak)
        campaign.action_ids = [(0, 0, {"item": "price", "name": "Publish a price list for parts"})]
        self.assertEqual(price.action_count, 1)
        action = campaign.action_view_dissatisfied()
        dissatisfied = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(dissatisfied.partner_id, self.partners[1])
        campaign.action_close()
        self.assertEqual(campaign.state, "done")

    @freeze_time("2026-03-01")
    def test_may_period_and_target_missed(self):
        campaign = self.env["aftersales.survey.campaign"].create(
            {"name": "May 2026", "period": "may", "partner_ids": [(6, 0, self.partners.ids)]}
        )
        self.assertEqual(
            (campaign.date_start, campaign.date_end), (date(2026, 5, 1), date(2026, 5, 31))
        )
        campaign.action_send_invitations()
        self.assertEqual(campaign.effective_rate, 0)
        self.assertFalse(campaign.meets_target)

    def test_bad_campaigns(self):
        with self.assertRaisesRegex(ValidationError, "end before"), self.cr.savepoint():
            self.env["aftersales.survey.campaign"].create(
                {
                    "name": "Bad",
                    "period": "custom",
                    "date_start": "2026-05-10",
                    "date_end": "2026-05-01",
                }
            )
        campaign = self.env["aftersales.survey.campaign"].create({"name": "Empty"})
        with self.assertRaisesRegex(UserError, "customers"):
            campaign.action_send_invitations()

# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.modules.module import get_manifest
from odoo.tests import tagged
from odoo.tools import convert_file

from .common import FeedbackCommon

# what a company configures and an upgrade must keep (issue 14 point 6)
CONFIGURATION_MODELS = (
    "mail.template",
    "ir.cron",
    "mail.activity.type",
    "aftersales.approval.rule",
    "aftersales.callback.plan",
    "aftersales.sla.policy",
    "aftersales.complaint.route",
)
# what a cron may create; a second run in a row creates none of it (issue 14 point 5)
CRON_OUTPUTS = (
    "mail.message",
    "mail.notification",
    "mail.mail",
    "mail.activity",
    "ir.attachment",
    "sale.order",
    "account.move",
    "aftersales.callback",
)


@tagged("post_install", "-at_install")
class TestShippedConfigurationKept(FeedbackCommon):
    def _upgrade(self, *modules):
        """What `-u` does to the data files of the modules (views and security aside)."""
        for module in modules:
            for filename in get_manifest(module)["data"]:
                if filename.startswith("data/") and filename.endswith(".xml"):
                    convert_file(self.env, module, filename, {}, mode="update", kind="data")

    def test_configuration_is_noupdate(self):
        data = self.env["ir.model.data"].search(
            [("module", "=like", "aftersales_%"), ("model", "in", CONFIGURATION_MODELS)]
        )
        self.assertTrue(set(CONFIGURATION_MODELS) <= set(data.mapped("model")))
        self.assertFalse(
            data.filtered(lambda d: not d.noupdate).mapped("complete_name"),
            "shipped configuration an upgrade would reset",
        )

    def test_upgrade_keeps_edits_and_deletions(self):
        ref = self.env.ref
        template = ref("aftersales_repair.mail_template_repair_quotation")
        template.body_html = "<p>Our own quotation letter</p>"
        cron = ref("aftersales_repair.ir_cron_aftersales_unfinished_repairs")
        cron.interval_number = 3
        activity_type = ref("aftersales_approval.mail_activity_type_approval")
        activity_type.delay_count = 5
        rule = ref("aftersales_repair.aftersales_approval_rule_repair_price_below_1000")
        rule_name = rule.name
        rule.unlink()
        plan = ref("aftersales_feedback.callback_plan_repair")
        plan_name = plan.name
        plan.unlink()
        route = ref("aftersales_feedback.complaint_route_packaging")
        route.unlink()
        policy = ref("aftersales_repair.aftersales_sla_policy_walk_in")
        policy.active = False
        installed = self.env["ir.module.module"].search(
            [("name", "=like", "aftersales_%"), ("state", "=", "installed")]
        )
        self.assertTrue(
            {"aftersales_repair", "aftersales_feedback"} <= set(installed.mapped("name"))
        )
        self._upgrade(*installed.mapped("name"))
        self.env.invalidate_all()
        self.assertIn("Our own quotation letter", template.body_html)
        self.assertEqual(cron.interval_number, 3)
        self.assertEqual(activity_type.delay_count, 5)
        self.assertFalse(policy.active)
        Rule = self.env["aftersales.approval.rule"].with_context(active_test=False)
        self.assertFalse(Rule.search([("name", "=", rule_name)]), "deleted rule came back")
        Plan = self.env["aftersales.callback.plan"].with_context(active_test=False)
        self.assertFalse(Plan.search([("name", "=", plan_name)]), "deleted plan came back")
        self.assertFalse(ref("aftersales_feedback.complaint_route_packaging", False))
        # what was not deleted is still there, untouched
        self.assertTrue(ref("aftersales_repair.aftersales_approval_rule_repair_price_1000_5000"))


@tagged("post_install", "-at_install")
class TestCronsIdempotent(FeedbackCommon):
    def _counts(self):
        return {
            model: self.env[model].sudo().with_context(active_test=False).search_count([])
            for model in CRON_OUTPUTS
            if model in self.env
        }

    def test_every_cron_twice_does_nothing_twice(self):
        self.env["repair.order"].with_user(self.frontdesk).create(
            {
                "partner_id": self.customer.id,
                "product_id": self.product_unit.id,
                "service_category": "paid",
                "labour_ids": [
                    Command.create(
                        {"product_id": self.product_labour.id, "hours": 1.0, "price_unit": 90}
                    )
                ],
            }
        )
        crons = self.env["ir.cron"].browse(
            self.env["ir.model.data"]
            .search([("module", "=like", "aftersales_%"), ("model", "=", "ir.cron")])
            .mapped("res_id")
        )
        self.assertGreaterEqual(len(crons), 6)
        digest = self.env.ref("aftersales_repair.ir_cron_aftersales_unfinished_repairs")
        for cron in crons:
            before = self._counts()
            cron.method_direct_trigger()
            first = self._counts()
            if cron == digest:
                self.assertGreater(first["mail.message"], before["mail.message"], "digest sent")
            cron.method_direct_trigger()
            with self.subTest(cron=cron.name):
                self.assertEqual(self._counts(), first)
